// Point Material's search at the worker that loads the index only when a reader searches
// (assets/javascripts/workers/search-lazy.js). Loaded after Material's #__config
// element and before its bundle reads it.
(function () {
  "use strict";
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  config.search = config.search.replace(/[^/]+$/, "search-lazy.js");
  element.textContent = JSON.stringify(config);
})();
