// Runs inside an embed page: tells the host page the content height, so the host's
// iframe (sized by assets/embed.js) shows the whole article without a scrollbar.
(function () {
  "use strict";
  if (window.parent === window) return;
  var lastHeight = 0;

  function reportHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    // Only a number leaves the frame, so any host may receive it (as WordPress embeds do).
    window.parent.postMessage({ type: "newsbuild-embed:height", height: height }, "*");
  }

  window.addEventListener("load", reportHeight);
  window.addEventListener("resize", reportHeight);
  if ("ResizeObserver" in window) new ResizeObserver(reportHeight).observe(document.body);
  reportHeight();
})();
