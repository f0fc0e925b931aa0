// Search worker that answers Material's search box from the index hooks/search_index.py
// builds at build time: no index is built in the browser, so the first result comes as
// soon as the index has arrived. It speaks Material's worker protocol:
//   {type: 0, data: {config, docs}} → {type: 1}            setup
//   {type: 2, data: query}           → {type: 3, data: {items: [[page, ...sections], ...]}}
(function () {
  "use strict";
  var docs = [];
  var words = [];
  var postings = [];
  var titles = [];
  var pages = new Map(); // page location → index of its page document

  function setup(data) {
    docs = data.docs;
    var prebuilt = data.config.prebuilt;
    words = prebuilt.words;
    postings = prebuilt.postings;
    titles = prebuilt.titles;
    pages = new Map();
    docs.forEach(function (doc, index) {
      if (doc.location.indexOf("#") < 0) pages.set(doc.location, index);
    });
  }

  // The first word index at or after prefix in the sorted word list.
  function lowerBound(prefix) {
    var low = 0, high = words.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low;
  }

  // Documents containing a word that starts with term, with a score per document.
  function lookup(term, isPrefix) {
    var found = new Map();
    for (var i = lowerBound(term); i < words.length; i++) {
      var word = words[i];
      if (word !== term && (!isPrefix || word.lastIndexOf(term, 0) !== 0)) break;
      var exact = word === term ? 2 : 1;
      postings[i].forEach(function (doc) { found.set(doc, Math.max(found.get(doc) || 0, exact)); });
      titles[i].forEach(function (doc) { found.set(doc, (found.get(doc) || 0) + 10 * exact); });
    }
    return found;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Wrap the query terms in <mark>, outside of character references such as &amp;.
  function highlight(markup, terms) {
    if (!terms.length) return markup;
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}_])(" + terms.map(escapeRegExp).join("|") + ")", "giu");
    return markup.split(/(&[#\w]+;)/).map(function (part, index) {
      return index % 2 ? part : part.replace(pattern, "$1<mark>$2</mark>");
    }).join("");
  }

  function result(index, score, terms, matched) {
    var doc = docs[index];
    return {
      location: doc.location,
      title: highlight(doc.title, terms),
      text: highlight(doc.text, terms),
      tags: doc.tags,
      score: score,
      terms: matched
    };
  }

  function search(query) {
    var terms = (query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []);
    if (!terms.length) return { items: [] };
    var scores = null;
    terms.forEach(function (term, position) {
      var found = lookup(term, position === terms.length - 1); // the last word may still be being typed
      if (scores === null) { scores = found; return; }
      var both = new Map();
      scores.forEach(function (score, doc) { if (found.has(doc)) both.set(doc, score + found.get(doc)); });
      scores = both;
    });
    var matched = {};
    terms.forEach(function (term) { matched[term] = true; });
    var groups = new Map();
    scores.forEach(function (score, index) {
      var doc = docs[index];
      var page = doc.location.split("#")[0];
      var boost = doc.boost || 1;
      if (!groups.has(page)) groups.set(page, { score: 0, sections: [] });
      var group = groups.get(page);
      group.sections.push(result(index, score * boost, terms, matched));
      group.score = Math.max(group.score, score * boost);
    });
    var items = [];
    groups.forEach(function (group, page) {
      var sections = group.sections.sort(function (a, b) { return b.score - a.score; });
      if (sections[0].location !== page && pages.has(page)) {
        sections = [result(pages.get(page), 0, terms, {})].concat(sections);
      }
      items.push({ score: group.score, sections: sections });
    });
    items.sort(function (a, b) { return b.score - a.score; });
    return { items: items.map(function (item) { return item.sections; }) };
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      setup(message.data);
      postMessage({ type: 1 });
    } else if (message.type === 2) {
      postMessage({ type: 3, data: search(message.data) });
    }
  });
})();
