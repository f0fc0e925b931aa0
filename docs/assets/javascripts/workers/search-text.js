// What search counts as a word, one analysis for both sides: newsbuild/search_index.js runs it in Node
// to build the index, the search worker runs it in the browser on what a reader types. Stemmers and
// stop words are lunr's (English) and lunr-languages' (Russian), the ones Material's own search uses.
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

  function isStopWord(folded) {
    if (NOT_STOP_WORDS[folded]) return false;
    var token = new lunr.Token(folded);
    return !lunr.stopWordFilter(token) || !lunr.ru.stopWordFilter(token);
  }

  function stem(folded) {
    var found = stems.get(folded);
    if (found === undefined) {
      var token = new lunr.Token(folded);
      if (LATIN.test(folded)) found = lunr.stemmer(token).toString();
      else if (CYRILLIC.test(folded)) found = lunr.ru.stemmer(token).toString();
      else found = folded;
      stems.set(folded, found);
    }
    return found;
  }

  // The index terms of one folded word: none for a stop word, else the word and, if it differs, its
  // stem. A document with the very word a reader typed so matches twice and ranks above one with
  // another form of it.
  function terms(folded) {
    var found = termLists.get(folded);
    if (found === undefined) {
      var stemmed = isStopWord(folded) ? null : stem(folded);
      found = stemmed === null ? [] : stemmed === folded ? [folded] : [folded, stemmed];
      termLists.set(folded, found);
    }
    return found;
  }

  // Consecutive stems, stop words left out ("Ministry of Foreign Affairs" → "ministri foreign",
  // "foreign affair"): what a "quoted phrase" is matched against.
  function pairs(text) {
    var found = [];
    text.split(FIELD_BREAK).forEach(function (part) {
      var previous = null;
      words(part).forEach(function (word) {
        var wordTerms = terms(word.folded);
        if (!wordTerms.length) return;
        var current = wordTerms[wordTerms.length - 1]; // the stem
        if (previous !== null) found.push(previous + " " + current);
        previous = current;
      });
    });
    return found;
  }

  // The MiniSearch options both sides must share: the fields and how their text becomes terms.
  var miniSearchOptions = {
    fields: ["title", "lead", "text", "pairs"],
    extractField: function (doc, field) {
      return field === "pairs" ? [doc.title, doc.lead, doc.text].join(FIELD_BREAK) : doc[field];
    },
    tokenize: function (text, field) {
      return field === "pairs" ? pairs(text) : words(text).map(function (word) { return word.folded; });
    },
    processTerm: function (term, field) {
      if (field === "pairs") return term;
      var found = terms(term);
      return found.length ? found : null;
    }
  };

  return { fold: fold, words: words, terms: terms, pairs: pairs, miniSearchOptions: miniSearchOptions, MAX_WORD: MAX_WORD };
});
