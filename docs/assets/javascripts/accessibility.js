// Material's search overlay has role="dialog" but no accessible name; give it one, in the interface's
// language: the name Material gives its search box (so screen readers announce what opened, axe-core
// rule aria-dialog-name).
(function () {
  "use strict";
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (!dialog || dialog.hasAttribute("aria-label")) return;
  var box = dialog.querySelector("input[aria-label]");
  dialog.setAttribute("aria-label", box ? box.getAttribute("aria-label") : "Search");
})();
