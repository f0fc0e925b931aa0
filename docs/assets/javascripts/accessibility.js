// Material's search overlay has role="dialog" but no accessible name; give it one,
// so screen readers announce what opened (axe-core rule aria-dialog-name).
(function () {
  "use strict";
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
})();
