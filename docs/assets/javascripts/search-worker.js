// Point Material's search at the worker that uses the index prebuilt at build time
// (assets/javascripts/workers/search-prebuilt.js). Loaded after Material's #__config
// element and before its bundle reads it.
(function () {
  "use strict";
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  config.search = config.search.replace(/[^/]+$/, "search-prebuilt.js");
  element.textContent = JSON.stringify(config);
})();
