// The embed snippet's relative URLs (when the site was built without SITE_URL) made absolute,
// so the snippet can be pasted into another site as is: over http(s) from this page's address.
// Opened from disk the page cannot know where the site is published: the snippet says so plainly.
(function () {
  "use strict";
  var served = /^https?:$/.test(window.location.protocol);
  var blocks = document.querySelectorAll(".embed-snippet code");
  for (var i = 0; i < blocks.length; i++) {
    var relative = false;
    blocks[i].textContent = blocks[i].textContent.replace(/(src=")([^"]+)(")/g, function (_, open, url, close) {
      if (/^https?:/.test(url)) return open + url + close;
      relative = true;
      var absolute = new URL(url, window.location.href).href;
      // Material's __md_scope is the site's root: the path from there is the path on the published site.
      var root = window.__md_scope ? window.__md_scope.href : new URL("..", window.location.href).href;
      return open + (served ? absolute : "https://SITE-ADDRESS/" + absolute.slice(root.length)) + close;
    });
    if (relative && !served) {
      var note = document.createElement("p");
      note.className = "embed-snippet-note";
      note.textContent = "Opened from disk, this page cannot know the site's web address: replace " +
        "https://SITE-ADDRESS/ with it, copy the snippet from the published site, or build with SITE_URL set.";
      blocks[i].closest(".embed-snippet").before(note);
    }
  }
})();
