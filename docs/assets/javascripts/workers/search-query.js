// What a query means and what it finds, for the search worker (search-lazy.js), which loads this
// with the search engine when a reader first types.
//
// Every word is optional, and results are ranked by MiniSearch's BM25 (title, then lead, then
// text); a word also matches its other forms (stems), typos (one for words of 5+ letters, two for
// 9+, after the first two letters), and the last word while it is typed as a prefix.
// "Quoted phrases" are required, -word excludes. A query is analysed in each language the index
// holds (SearchText.queryTerms), so its words find the documents of every language.
(function (root) {
  "use strict";

  var MAX_RESULTS = 40;
  var ENTITY_ROOM = 5;     // places kept for matching people, organizations, places and themes
  // A query counts by its first 32 words (plain, excluded and in phrases: search engines cap queries
  // too) and its first 2,000 characters; each word by its first SearchText.MAX_WORD letters. Past
  // that, a pasted text would cost the reader's browser seconds and gigabytes of typo matching.
  var MAX_QUERY_WORDS = 32;
  var MAX_QUERY_CHARS = 2000;
  // Persons, organizations, places and themes come below articles that match as well.
  var KIND_WEIGHTS = { a: 1, p: 1, e: 0.5 };
  var BOOST = { title: 4, lead: 2, text: 1 };
  var WORD_FIELDS = ["title", "lead", "text"];

  var miniSearch = null;   // built from the term parts loaded so far
  var indexedParts = "";   // which ones
  var documents = null;    // {documentIds, fieldLength} for MiniSearch, unpacked from the meta part once

  // "…" phrases, -exclusions, and plain words; the last plain word is open if still being typed.
  function parse(query) {
    var parsed = { words: [], phrases: [], excluded: [], open: null };
    var pattern = /(-?)"([^"]*)"?|(\S+)/g;
    var match, last = null, left = MAX_QUERY_WORDS;
    var take = function (words) {
      var taken = words.slice(0, Math.max(left, 0));
      left -= words.length;
      return taken;
    };
    query = query.slice(0, MAX_QUERY_CHARS);
    while (left > 0 && (match = pattern.exec(query)) !== null) {
      last = null;
      if (match[2] !== undefined) {
        var phrase = folded(match[2]);
        if (match[1]) parsed.excluded.push.apply(parsed.excluded, take(phrase));
        else if (phrase.length > left) left = 0;  // a phrase cut short would match other texts
        else if (phrase.length) {
          parsed.phrases.push(match[2]);
          take(phrase);
        }
        continue;
      }
      var token = match[3];
      if (token.length > 1 && token[0] === "-") {
        parsed.excluded.push.apply(parsed.excluded, take(folded(token.slice(1))));
      } else {
        var words = take(folded(token));
        parsed.words.push.apply(parsed.words, words);
        last = words[words.length - 1] || null;
      }
    }
    if (last !== null && !/\s$/.test(query)) parsed.open = last;
    return parsed;
  }

  function folded(text) {
    return SearchText.words(text).map(function (word) { return word.folded; });
  }

  // The terms a query's words look up, in every language the index holds.
  function termsOf(words, meta) {
    return words.reduce(function (all, word) { return all.concat(SearchText.queryTerms(word, meta.languages)); }, []);
  }

  // A phrase in each language the index holds, as the word pairs it must contain or, for one word, the
  // word itself: a document matches the phrase in its own language.
  function phraseTerms(phrase, meta) {
    var seen = {};
    return SearchText.analyses(meta.languages).map(function (language) {
      var pairs = SearchText.pairs(phrase, language);
      return pairs.length ? { pairs: pairs, words: [], language: language }
        : { pairs: [], words: folded(phrase), language: language };
    }).filter(function (terms) {
      var key = JSON.stringify([terms.pairs, terms.words.map(function (word) { return SearchText.terms(word, terms.language); })]);
      return seen[key] ? false : (seen[key] = true);
    });
  }

  function partsFor(parsed, meta) {
    var names = {};
    var add = function (kind) {
      return function (term) { names[SearchLayout.termPart(term, kind, meta.split)] = true; };
    };
    termsOf(parsed.words.concat(parsed.excluded), meta).forEach(add("t"));
    parsed.phrases.forEach(function (phrase) {
      phraseTerms(phrase, meta).forEach(function (terms) {
        terms.pairs.forEach(add("p"));
        terms.words.forEach(function (word) { SearchText.terms(word, terms.language).forEach(add("t")); });
      });
    });
    return Object.keys(names).filter(function (name) { return meta.parts.indexOf(name) >= 0; }).sort();
  }

  function engineWith(termParts, meta, parts) {
    var key = termParts.join("\n");
    if (miniSearch && key === indexedParts) return miniSearch;
    var index = [];
    termParts.forEach(function (name) {
      parts[name].forEach(function (entry) { index.push([entry[0], SearchLayout.unpackPostings(entry[1])]); });
    });
    if (!documents) {
      documents = { documentIds: {}, fieldLength: {} };
      for (var doc = 0; doc < meta.documentCount; doc++) {
        documents.documentIds[doc] = doc;
        documents.fieldLength[doc] = meta.lengths.map(function (lengths) { return SearchLayout.unpackLength(lengths[doc]); });
      }
    }
    miniSearch = MiniSearch.loadJS({
      documentCount: meta.documentCount, nextId: meta.documentCount, documentIds: documents.documentIds,
      fieldIds: meta.fieldIds, fieldLength: documents.fieldLength, averageFieldLength: meta.averageFieldLength,
      storedFields: {}, dirtCount: 0, index: index, serializationVersion: 2
    }, Object.assign({ idField: "number" }, SearchText.miniSearchOptions));
    indexedParts = key;
    return miniSearch;
  }

  // Results by document; a document found more than once (a phrase in several languages) keeps its best.
  function scores(results, found) {
    found = found || new Map();
    results.forEach(function (result) {
      if (!found.has(result.id) || found.get(result.id).score < result.score) found.set(result.id, result);
    });
    return found;
  }

  // Documents in ranking order, each with the index terms it matched.
  function rank(parsed, meta, parts) {
    var search = engineWith(partsFor(parsed, meta), meta, parts);
    var options = {
      fields: WORD_FIELDS, boost: BOOST,
      boostDocument: function (id) { return KIND_WEIGHTS[meta.kinds[id]]; },
      processTerm: function (term) {
        var terms = SearchText.queryTerms(term, meta.languages);
        return terms.length ? terms : null;
      }
    };
    var openTerms = parsed.open ? SearchText.queryTerms(parsed.open, meta.languages) : [];
    var words = parsed.words.length ? scores(search.search(parsed.words.join(" "), Object.assign({}, options, {
      combineWith: "OR",
      fuzzy: function (term) { return term.length >= 9 ? 2 : term.length >= 5 ? 1 : false; },
      prefix: function (term) { return term.length >= 3 && openTerms.indexOf(term) >= 0; }
    }))) : new Map();

    var required = null;
    parsed.phrases.forEach(function (phrase) {
      var matched = new Map();
      phraseTerms(phrase, meta).forEach(function (terms) {
        scores(terms.pairs.length
          ? search.search(terms.pairs.join("\n"), Object.assign({}, options, {
              fields: ["pairs"], combineWith: "AND",
              tokenize: function (text) { return text.split("\n"); }, processTerm: function (term) { return term; }
            }))
          : search.search(terms.words.join(" "), Object.assign({}, options, {
              combineWith: "AND",
              processTerm: function (term) {
                var found = SearchText.terms(term, terms.language);
                return found.length ? found : null;
              }
            })), matched);
      });
      if (required === null) required = matched;
      else required.forEach(function (_, id) { if (!matched.has(id)) required.delete(id); });
    });

    var excluded = parsed.excluded.length
      ? scores(search.search(parsed.excluded.join(" "), Object.assign({}, options, { combineWith: "OR" })))
      : new Map();

    var ranked = [];
    (required || words).forEach(function (result, id) {
      if (excluded.has(id)) return;
      var also = required ? words.get(id) : null;
      ranked.push({
        id: id,
        score: result.score + (also ? also.score : 0),
        terms: result.terms.concat(also ? also.terms : []),
        queryTerms: result.queryTerms.concat(also ? also.queryTerms : [])
      });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    // Articles (and pages) that match come first; the people, organizations, places and themes that
    // match as well follow them, and keep at least ENTITY_ROOM of the places however many articles match.
    var entities = ranked.filter(function (r) { return meta.kinds[r.id] === "e"; });
    var pages = ranked.filter(function (r) { return meta.kinds[r.id] !== "e"; });
    return pages.slice(0, MAX_RESULTS - Math.min(entities.length, ENTITY_ROOM))
      .concat(entities).slice(0, MAX_RESULTS);
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // The text, escaped, with the words that match one of the terms in <mark>.
  function highlight(text, marked, language) {
    var out = "", at = 0;
    SearchText.words(text).forEach(function (word) {
      var terms = SearchText.terms(word.folded, language);
      if (!terms.some(function (term) { return marked[term]; })) return;
      out += escapeHtml(text.slice(at, word.start)) + "<mark>" + escapeHtml(text.slice(word.start, word.end)) + "</mark>";
      at = word.end;
    });
    return out + escapeHtml(text.slice(at));
  }

  // Text in the result's language: marked as such where that is not the site's (the page's).
  function inLanguage(html, language, meta, tag) {
    return language === meta.language && !tag ? html
      : "<" + (tag || "span") + (language === meta.language ? "" : ' lang="' + escapeHtml(language) + '"') + ">" +
        html + "</" + (tag || "span") + ">";
  }

  function item(hit, details, parsed, meta) {
    var location = details[0], title = details[1], label = details[2], date = details[3],
        publication = details[4], snippet = details[5], language = details[6] || meta.language;
    var marked = {};
    hit.terms.forEach(function (term) { marked[term] = true; });
    parsed.phrases.forEach(function (phrase) {
      folded(phrase).forEach(function (word) {
        SearchText.terms(word, language).forEach(function (term) { marked[term] = true; });
      });
    });
    // Material lists the words a result lacks ("Missing: …") and highlights the others on the page.
    var present = {};
    parsed.words.forEach(function (word) {
      present[word] = SearchText.queryTerms(word, meta.languages).some(function (term) { return hit.queryTerms.indexOf(term) >= 0; });
    });
    parsed.phrases.forEach(function (phrase) { folded(phrase).forEach(function (word) { present[word] = true; }); });
    // An article's date is written in its language, and so is its language's name, shown when the
    // archive holds more than one.
    var article = meta.kinds[hit.id] === "a";
    var about = [escapeHtml(label), date && inLanguage(escapeHtml(date), language, meta), escapeHtml(publication),
                 article && meta.languages.length > 1 && inLanguage(escapeHtml(meta.languageNames[language] || language), language, meta)];
    return [{
      location: location,
      title: inLanguage(highlight(title, marked, language), language, meta),
      text: '<p class="search-result-meta">' + about.filter(Boolean).join(" · ") + "</p>" +
        inLanguage(highlight(snippet, marked, language), language, meta, "p"),
      score: hit.score,
      terms: present
    }];
  }

  // The answer to a query, loading the parts it needs with loadParts(names) → promise.
  function answer(query, parts, loadParts) {
    var meta = parts.meta;
    var parsed = parse(query);
    return loadParts(partsFor(parsed, meta)).then(function () {
      var hits = rank(parsed, meta, parts);
      var detailParts = hits.map(function (hit) { return "d" + Math.floor(hit.id / SearchLayout.DETAILS_PER_PART); });
      return loadParts(detailParts).then(function () {
        return {
          items: hits.map(function (hit, i) {
            return item(hit, parts[detailParts[i]][hit.id % SearchLayout.DETAILS_PER_PART], parsed, meta);
          })
        };
      });
    });
  }

  root.SearchQuery = { answer: answer };
})(this);
