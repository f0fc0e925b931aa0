// The embed control's snippet: relative URLs (a site built without SITE_URL) made absolute, so it can be
// pasted into another site as is, over http(s) from this page's address. Opened from disk the page cannot
// know where the site is published, so the control is removed rather than offering a wrong snippet.
(function () {
  "use strict";
  var served = /^https?:$/.test(window.location.protocol);
  var blocks = document.querySelectorAll(".embed-snippet code");
  for (var i = 0; i < blocks.length; i++) {
    var relative = false;
    blocks[i].textContent = blocks[i].textContent.replace(/(src=")([^"]+)(")/g, function (_, open, url, close) {
      if (/^https?:/.test(url)) return open + url + close;
      relative = true;
      return open + new URL(url, window.location.href).href + close;
    });
    if (relative && !served) {
      var section = blocks[i].closest(".embed-section");
      if (section) section.remove();
    }
  }
})();
