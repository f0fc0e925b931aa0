// On an article page served over http(s), turn the relative URLs of the embed
// snippet into absolute ones, so the snippet can be pasted into another site as is.
(function () {
  "use strict";
  if (!/^https?:$/.test(window.location.protocol)) return;
  var blocks = document.querySelectorAll(".embed-snippet code");
  for (var i = 0; i < blocks.length; i++) {
    blocks[i].textContent = blocks[i].textContent.replace(/(src=")([^"]+)(")/g, function (_, open, url, close) {
      return open + new URL(url, window.location.href).href + close;
    });
  }
})();
