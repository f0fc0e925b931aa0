// Reading offline after a visit: registers the site's service worker (sw.js at the site's root, written by
// newsbuild/service_worker.py), only for the site served over http(s) and shown as the top page: not from
// disk (the offline zip works as it is), not inside an iframe (embeds in portals). A worker that cannot
// register changes nothing. Shows the buttons that save a theme, a registry entry or a year for reading
// offline. On the offline page, lists the pages saved for reading offline.
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

  var readingSets = document.querySelectorAll("[data-reading-set]");
  if (readingSets.length) {
    if (navigator.serviceWorker.controller) showReadingSets(readingSets);
    else
      navigator.serviceWorker.addEventListener(
        "controllerchange",
        function () {
          showReadingSets(readingSets);
        },
        { once: true },
      );
  }

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

  // A reading set (newsbuild/reading_sets.py) is saved by fetching its pages and photos through this
  // page's service worker, which keeps what it fetches: the button is shown only when a worker controls
  // the page, with the set's size; a set already saved says so.
  function showReadingSets(elements) {
    var files = {};
    Array.prototype.forEach.call(elements, function (element) {
      var address = new URL(element.getAttribute("data-reading-set"), window.location.href).href;
      files[address] =
        files[address] ||
        fetch(address, { cache: "no-cache" }).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        });
      files[address]
        .then(function (sets) {
          var entry = sets[element.getAttribute("data-reading-set-key")];
          if (entry) showReadingSet(element, entry);
        })
        .catch(function () {});
    });
  }

  function showReadingSet(element, entry) {
    var files = entry.pages.concat(entry.photos).map(function (file) {
      return new URL(file, root).href;
    });
    var size = formatSize(entry.bytes);
    var button = element.querySelector("button");
    var status = element.querySelector(".reading-set-status");
    var say = function (name, values) {
      status.textContent = element.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (_, key) {
        return values[key];
      });
    };
    element.querySelector(".reading-set-size").textContent = " (" + size + ")";
    element.hidden = false;
    Promise.all(
      files.map(function (file) {
        return caches.match(file);
      }),
    ).then(function (found) {
      if (found.every(Boolean)) say("saved", { size: size });
    });
    button.addEventListener("click", function () {
      var queue = files.slice();
      var done = 0;
      var failed = 0;
      button.disabled = true;
      say("saving", { done: 0, total: files.length });
      // a few at a time: a year can hold hundreds of pages
      var next = function () {
        var file = queue.shift();
        if (!file) return Promise.resolve();
        return fetch(file, { cache: "no-cache" })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.arrayBuffer();
          })
          .catch(function () {
            failed += 1;
          })
          .then(function () {
            done += 1;
            say("saving", { done: done, total: files.length });
            return next();
          });
      };
      Promise.all([next(), next(), next(), next()]).then(function () {
        button.disabled = false;
        if (failed) say("failed", { failed: failed, total: files.length });
        else say("saved", { size: size });
      });
    });
  }

  function formatSize(bytes) {
    var megabytes = bytes >= 1e5;
    return new Intl.NumberFormat(document.documentElement.lang || undefined, {
      style: "unit",
      unit: megabytes ? "megabyte" : "kilobyte",
      maximumFractionDigits: megabytes ? 1 : 0,
    }).format(megabytes ? bytes / 1e6 : Math.max(1, Math.round(bytes / 1e3)));
  }
})();
