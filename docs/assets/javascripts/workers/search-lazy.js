// The worker behind Material's search box. It costs a page view almost nothing: the search engine
// (MiniSearch, lunr's stemmers, search-query.js) and the index parts a query needs
// (search-layout.js) load when a reader first types, and later queries load only the parts they
// add. Scripts, not fetch: the same code runs from file://, inside the iframe Material's offline
// plugin uses instead of a worker.
//
// Material's worker protocol:
//   {type: 0, data: {config}}  → {type: 1}                                  ready
//   {type: 2, data: query}     → {type: 3, data: {items: [[result], …]}}    results
(function () {
  "use strict";

  var scope = typeof self !== "undefined" ? self : this;
  var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : scope.location.href;
  // Fetched together: the engine, and the index's meta part.
  var ENGINE = ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js", "vendor/lunr.ru.min.js",
                "vendor/minisearch.js", "search-text.js", "search-layout.js", "search-query.js"];

  var version = "";        // of the index: its parts are in a folder of that name, so a server may cache them for good
  var parts = {};          // part name → its data, once its script has run
  var engine = null;       // a promise of the loaded engine and meta part
  var pending = null;      // the newest query not answered yet
  var answering = false;

  scope.searchPart = function (name, data) { parts[name] = data; };

  // Scripts next to this worker. importScripts is synchronous in a worker and returns a promise
  // in the iframe-worker shim; a promise covers both.
  function load(paths) {
    if (!paths.length) return Promise.resolve();
    var urls = paths.map(function (path) { return new URL(path, here).href + "?v=" + version; });
    return Promise.resolve().then(function () { return scope.importScripts.apply(scope, urls); });
  }

  function partPath(file) { return "../../../search/parts/" + version + "/" + file + ".js"; }

  function loadParts(names) {
    var missing = names.filter(function (name) { return !(name in parts); });
    return load(missing.map(function (name) { return partPath(SearchLayout.fileName(name)); }));
  }

  function answer(query) {
    // Material also asks with an empty query as the page opens: that must not load anything.
    if (!query.trim()) return Promise.resolve({ items: [] });
    if (!engine) engine = load(ENGINE.concat([partPath("meta")]));
    return engine.then(function () { return SearchQuery.answer(query, parts, loadParts); });
  }

  // One query at a time; while one is answered, only the newest of those typed meanwhile waits.
  function next() {
    if (answering || pending === null) return;
    var query = pending;
    pending = null;
    answering = true;
    answer(query).then(function (data) {
      if (pending === null) scope.postMessage({ type: 3, data: data });
    }, function (error) {
      console.error("search:", error);
      if (pending === null) scope.postMessage({ type: 3, data: { items: [] } });
    }).then(function () {
      answering = false;
      next();
    });
  }

  scope.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      version = message.data.config.parts || "";
      scope.postMessage({ type: 1 });
    } else if (message.type === 2) {
      pending = message.data;
      next();
    }
  });
})();
