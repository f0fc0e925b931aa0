// Reading offline after a visit: registers the site's service worker (sw.js at the site's root, written by
// newsbuild/service_worker.py), only for the site served over http(s) and shown as the top page: not from
// disk (the offline zip works as it is), not inside an iframe (embeds in portals). A worker that cannot
// register changes nothing. On the offline page, lists the pages saved for reading offline.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !/^https?:$/.test(window.location.protocol) || window.top !== window) return;
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  var root = new URL("../../", script.src);

  // after the page has loaded: the worker then saves the interface without slowing the page down
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", root).href).catch(function () {});
  });

  var list = document.getElementById("offline-saved-pages");
  if (!list) return;
  var from = new URLSearchParams(window.location.search).get("from");
  var asked = document.getElementById("offline-asked");
  if (from && asked && from.indexOf(root.href) === 0) {
    asked.textContent = decodeURI(from.slice(root.href.length));
  }
  var offlinePage = new URL("offline.html", root).href;
  caches
    .keys()
    .then(function (names) {
      var saved = names.filter(function (name) {
        return name.indexOf("newsbuild-") === 0;
      });
      return Promise.all(
        saved.map(function (name) {
          return caches.open(name).then(function (cache) {
            return cache.keys().then(function (requests) {
              return Promise.all(
                requests
                  .filter(function (request) {
                    return /(\.html|\/)$/.test(new URL(request.url).pathname) && request.url !== offlinePage;
                  })
                  .map(function (request) {
                    return cache
                      .match(request)
                      .then(function (response) {
                        return response.text();
                      })
                      .then(function (html) {
                        var title = new DOMParser().parseFromString(html, "text/html").title;
                        return { url: request.url, title: title || request.url };
                      });
                  }),
              );
            });
          });
        }),
      );
    })
    .then(function (groups) {
      var pages = [].concat.apply([], groups);
      pages.sort(function (a, b) {
        return a.title.localeCompare(b.title);
      });
      list.textContent = "";
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      var empty = document.getElementById("offline-none");
      if (empty) empty.hidden = pages.length > 0;
    })
    .catch(function () {});
})();
