// Host-side script for portals that embed articles of this site.
//
//   <iframe class="newsbuild-embed" src="https://SITE/embed/ARTICLE-ID.html" title="…"
//           style="width: 100%; height: 600px; border: 0" loading="lazy"></iframe>
//   <script src="https://SITE/assets/embed.js" async></script>
//
// Each embed page posts its content height; this script resizes the iframe that
// sent it. Like WordPress's wp-embed, it trusts a message only if it comes from
// this site's origin (the origin of this script) and from one of the page's
// embed iframes, and it bounds the height. Without this script the iframe keeps
// its own height and scrolls.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__newsbuildEmbed) return;
  window.__newsbuildEmbed = true;
  var siteOrigin = new URL(script.src, window.location.href).origin;
  var MIN_HEIGHT = 100;
  var MAX_HEIGHT = 50000;

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== siteOrigin) return;
    if (!data || data.type !== "newsbuild-embed:height" || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe.newsbuild-embed");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)));
        frames[i].style.height = height + "px";
        frames[i].setAttribute("scrolling", "no");
      }
    }
  });
})();
