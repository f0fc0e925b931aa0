// How the search index is cut into parts, so a query loads only the parts it needs. Shared by
// newsbuild/search_index.js (which writes the parts) and the search worker (which reads them).
//
// The index is MiniSearch's own serialised form (toJSON), cut and packed:
// - meta: the document count, average field lengths, each document's field lengths (one character
//   each, on a log scale, as Lucene keeps its norms) and kind, and the list of term parts;
// - term parts: the terms whose first two letters are the same (three, for the prefixes a large
//   archive has most words under), each with its postings: per field, document numbers as
//   base-36 gaps and term frequencies; the word pairs phrases are matched against, likewise, split
//   by as many letters as it takes;
// - detail parts: what a result shows (address, title, date, publication, snippet), a few
//   documents per part.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SearchLayout = factory();
})(this, function () {
  "use strict";

  var LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var LENGTH_BASE = 1.15; // a length is kept to within 7.5 %: BM25 only compares it to the average
  var DETAILS_PER_PART = 4;

  function packLength(length) {
    var code = Math.round(Math.log(1 + length) / Math.log(LENGTH_BASE));
    return LENGTH_DIGITS[Math.min(code, LENGTH_DIGITS.length - 1)];
  }

  function unpackLength(digit) {
    return Math.round(Math.pow(LENGTH_BASE, LENGTH_DIGITS.indexOf(digit)) - 1);
  }

  // The part a term is in: its first two characters, and one more for each prefix that was split.
  function termPart(term, kind, split) {
    var chars = Array.from(term);
    var length = 2;
    while (chars.length > length && split.indexOf(kind + chars.slice(0, length).join("")) >= 0) length++;
    return kind + chars.slice(0, length).join("");
  }

  // A part's file name: as it is if plain ASCII ("ttr", "d12"), else by code point (t + "қа" → t-49b-430).
  function fileName(part) {
    if (/^[a-z0-9]+$/.test(part)) return part;
    var chars = Array.from(part);
    return [chars[0]].concat(chars.slice(1).map(function (c) { return c.codePointAt(0).toString(16); })).join("-");
  }

  // {fieldId: {doc: frequency}} ⇄ [[fieldId, gaps, frequencies], …]
  function packPostings(fields) {
    return Object.keys(fields).map(function (fieldId) {
      var docs = Object.keys(fields[fieldId]).map(Number).sort(function (a, b) { return a - b; });
      var previous = 0;
      var gaps = docs.map(function (doc) { var gap = doc - previous; previous = doc; return gap.toString(36); });
      var frequencies = docs.map(function (doc) { return Math.min(fields[fieldId][doc], 35).toString(36); });
      return [Number(fieldId), gaps.join(","), frequencies.join("")];
    });
  }

  function unpackPostings(packed) {
    var fields = {};
    packed.forEach(function (entry) {
      var postings = {};
      var doc = 0;
      entry[1].split(",").forEach(function (gap, i) {
        doc += parseInt(gap, 36);
        postings[doc] = parseInt(entry[2][i], 36);
      });
      fields[entry[0]] = postings;
    });
    return fields;
  }

  return { packLength: packLength, unpackLength: unpackLength, termPart: termPart, fileName: fileName,
           packPostings: packPostings, unpackPostings: unpackPostings, DETAILS_PER_PART: DETAILS_PER_PART };
});
