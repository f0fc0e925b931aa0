// What search counts as a word, one analysis for both sides: newsbuild/search_index.js runs it in Node
// to build the index, the search worker runs it in the browser on what a reader types. Each document
// in its own language, a query in each language the index holds. Stemmers and stop words are lunr's
// (English) and lunr-languages' (Russian), the ones Material's own search uses.
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    var lunr = require("lunr");
    require("lunr-languages/lunr.stemmer.support.js")(lunr);
    require("lunr-languages/lunr.ru.js")(lunr);
    module.exports = factory(lunr);
  } else {
    root.SearchText = factory(root.lunr);
  }
})(this, function (lunr) {
  "use strict";

  // Letters, digits and marks, with inner apostrophes and dots kept together: Tokayev's, U.S., 3.5.
  var WORD = /[\p{L}\p{N}\p{M}]+(?:['’.][\p{L}\p{N}\p{M}]+)*/gu;
  var LATIN = /^[a-z0-9]+$/;
  var CYRILLIC = /\p{Script=Cyrillic}/u;
  // lunr's English stop words include these, but in this archive they are words readers look for.
  var NOT_STOP_WORDS = { us: true, may: true };
  var FIELD_BREAK = "\u0000"; // between the fields of one document's word pairs: no pair spans two fields
  // A word counts by its first 64 letters, in the index and in a query alike (search engines cap terms
  // too): no real word is longer, and a 100,000-letter "word" would cost the index and a query's typo
  // matching time and memory that grow with its square.
  var MAX_WORD = 64;
  // Texts repeat their words: each distinct word is folded, stemmed and looked up once.
  var foldings = new Map();
  var stems = new Map();
  var termLists = new Map();

  // NFKC, then full case folding (lower, upper, lower: ß → ss, İ → i; final ς → σ), accents off Latin
  // letters (José → jose) but not off Cyrillic ones (й stays й), and ё read as е.
  function fold(text) {
    return text.normalize("NFKC").toLowerCase().toUpperCase().toLowerCase()
      .normalize("NFD").replace(/([a-z])\p{M}+/gu, "$1").normalize("NFC")
      .replace(/ς/g, "σ").replace(/ё/g, "е");
  }

  // The words of a text, with where each stands in it (for highlighting) and its folded form.
  function words(text) {
    var found = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var folded = foldings.get(match[0]);
      if (folded === undefined) {
        folded = fold(match[0].length > 4 * MAX_WORD ? match[0].slice(0, 4 * MAX_WORD) : match[0])
          .replace(/['’]s$/, "").replace(/['’.]/g, "");
        if (folded.length > MAX_WORD) folded = Array.from(folded).slice(0, MAX_WORD).join("");
        foldings.set(match[0], folded);
      }
      if (folded) found.push({ start: match.index, end: match.index + match[0].length, folded: folded });
    }
    return found;
  }

  // How each language's words become terms. A document is analysed in its own language; a query in
  // every language the index holds, so that it finds the documents of each. English and Russian:
  // lunr's stemmers and stop words, each on words of its own script. Kazakh (no maintained stemmer or
  // stop-word list exists for it, in lunr-languages or elsewhere) and any other language: the folded
  // word only; a reader finds inflected forms by typing the root (the last word matches as a prefix).
  var ANALYSES = {
    en: {
      stop: function (token) { return !lunr.stopWordFilter(token); },
      stem: function (token, folded) { return LATIN.test(folded) ? lunr.stemmer(token).toString() : folded; }
    },
    ru: {
      stop: function (token) { return !lunr.ru.stopWordFilter(token); },
      stem: function (token, folded) { return CYRILLIC.test(folded) ? lunr.ru.stemmer(token).toString() : folded; }
    },
    "": {
      stop: function () { return false; },
      stem: function (token, folded) { return folded; }
    }
  };

  // The analysis a language tag (BCP 47: en, ru-KZ, kk-Cyrl …) is indexed with: "en", "ru" or "".
  function analysis(language) {
    var primary = String(language || "").split("-")[0].toLowerCase();
    return ANALYSES.hasOwnProperty(primary) && primary ? primary : "";
  }

  function isStopWord(folded, name) {
    return !NOT_STOP_WORDS[folded] && ANALYSES[name].stop(new lunr.Token(folded));
  }

  function cached(maps, name) {
    if (!maps.has(name)) maps.set(name, new Map());
    return maps.get(name);
  }

  function stem(folded, name) {
    var known = cached(stems, name);
    var found = known.get(folded);
    if (found === undefined) {
      found = ANALYSES[name].stem(new lunr.Token(folded), folded);
      known.set(folded, found);
    }
    return found;
  }

  // The index terms of one folded word in a language: none for a stop word, else the word and, if it
  // differs, its stem. A document with the very word a reader typed so matches twice and ranks above
  // one with another form of it.
  function terms(folded, language) {
    var name = analysis(language);
    var known = cached(termLists, name);
    var found = known.get(folded);
    if (found === undefined) {
      var stemmed = isStopWord(folded, name) ? null : stem(folded, name);
      found = stemmed === null ? [] : stemmed === folded ? [folded] : [folded, stemmed];
      known.set(folded, found);
    }
    return found;
  }

  // The analyses of the languages an index holds, each once (kk and fr are both the folded word).
  function analyses(languages) {
    var names = [];
    (languages && languages.length ? languages : [""]).forEach(function (language) {
      var name = analysis(language);
      if (names.indexOf(name) < 0) names.push(name);
    });
    return names;
  }

  // The terms a query word looks up: its terms in each of these languages. A stop word in any of them
  // is no search word at all ("the", "и"), as a reader means it.
  function queryTerms(folded, languages) {
    var names = analyses(languages);
    if (names.some(function (name) { return isStopWord(folded, name); })) return [];
    var found = [];
    names.forEach(function (name) {
      terms(folded, name).forEach(function (term) { if (found.indexOf(term) < 0) found.push(term); });
    });
    return found;
  }

  // Consecutive stems, stop words left out ("Ministry of Foreign Affairs" → "ministri foreign",
  // "foreign affair"): what a "quoted phrase" is matched against.
  function pairs(text, language) {
    var found = [];
    text.split(FIELD_BREAK).forEach(function (part) {
      var previous = null;
      words(part).forEach(function (word) {
        var wordTerms = terms(word.folded, language);
        if (!wordTerms.length) return;
        var current = wordTerms[wordTerms.length - 1]; // the stem
        if (previous !== null) found.push(previous + " " + current);
        previous = current;
      });
    });
    return found;
  }

  // The language of the document MiniSearch is adding: extractField sets it before MiniSearch
  // tokenizes and processes the field's text (the index builder's analyse() calls them in that order
  // too). A query is processed with queryTerms, passed as the search's processTerm.
  var indexing = "";

  // The MiniSearch options both sides must share: the fields and how their text becomes terms.
  var miniSearchOptions = {
    fields: ["title", "lead", "text", "pairs"],
    extractField: function (doc, field) {
      indexing = doc.language || "";
      return field === "pairs" ? [doc.title, doc.lead, doc.text].join(FIELD_BREAK) : doc[field];
    },
    tokenize: function (text, field) {
      return field === "pairs" ? pairs(text, indexing) : words(text).map(function (word) { return word.folded; });
    },
    processTerm: function (term, field) {
      if (field === "pairs") return term;
      var found = terms(term, indexing);
      return found.length ? found : null;
    }
  };

  return { fold: fold, words: words, analysis: analysis, analyses: analyses, terms: terms, queryTerms: queryTerms,
           pairs: pairs, miniSearchOptions: miniSearchOptions, MAX_WORD: MAX_WORD };
});
