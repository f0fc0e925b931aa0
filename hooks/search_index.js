// Builds the site's search index with MiniSearch and writes it as parts the browser loads only when a
// reader searches, and only those a query needs (docs/assets/javascripts/workers/search-layout.js).
//
//   node hooks/search_index.js OUT_DIR < documents.json
//
// documents.json: {"documents": [{location, title, lead, text, kind, date, publication}, …]}, from
// hooks/search_index.py. Each part is a script calling searchPart(name, data): scripts load from
// file:// too, where fetch does not.
"use strict";

const fs = require("fs");
const path = require("path");
const MiniSearch = require("minisearch");
const SearchText = require("../docs/assets/javascripts/workers/search-text.js");
const SearchLayout = require("../docs/assets/javascripts/workers/search-layout.js");

// A part past this size is split by a further letter, so no query loads much more than this.
const PART_BYTES = 100000;
const KIND_CODES = { article: "a", entity: "e", page: "p" };

function script(name, data) {
  return `searchPart(${JSON.stringify(name)},${JSON.stringify(data)});\n`;
}

// {part name: [[term, packed postings], …]}, prefixes split where their part would be too large: a
// word's by its third letter at most (typos are matched within a part), a word pair's as far as it takes.
function termParts(index, pairsField) {
  const split = [];
  const parts = new Map();
  const kindOf = (fields) => (pairsField in fields ? "p" : "t");
  const entries = index.map(([term, fields]) => {
    if (pairsField in fields && Object.keys(fields).length > 1) throw new Error(`term in pairs and words: ${term}`);
    return { term, kind: kindOf(fields), packed: SearchLayout.packPostings(fields) };
  });
  const group = () => {
    parts.clear();
    for (const entry of entries) {
      const name = SearchLayout.termPart(entry.term, entry.kind, split);
      if (!parts.has(name)) parts.set(name, []);
      parts.get(name).push([entry.term, entry.packed]);
    }
  };
  for (let more = true; more;) {
    group();
    more = false;
    for (const [name, terms] of parts) {
      const length = Array.from(name).length - 1; // letters after the kind
      const longer = terms.some(([term]) => Array.from(term).length > length);
      if (longer && (name[0] === "p" || length === 2) && !split.includes(name) && JSON.stringify(terms).length > PART_BYTES) {
        split.push(name);
        more = true;
      }
    }
  }
  return { parts, split };
}

function build(documents, outDir) {
  const miniSearch = new MiniSearch({ ...SearchText.miniSearchOptions, idField: "number" });
  miniSearch.addAll(documents.map((doc, number) => ({ ...doc, number })));
  const index = miniSearch.toJSON();
  const pairsField = String(index.fieldIds.pairs);

  fs.mkdirSync(outDir, { recursive: true });
  const write = (name, data) => fs.writeFileSync(path.join(outDir, `${SearchLayout.fileName(name)}.js`), script(name, data));

  const { parts, split } = termParts(index.index, pairsField);
  for (const [name, terms] of parts) write(name, terms);

  const fieldNames = Object.keys(index.fieldIds).sort((a, b) => index.fieldIds[a] - index.fieldIds[b]);
  const lengths = fieldNames.map((_, field) =>
    documents.map((_, number) => SearchLayout.packLength((index.fieldLength[number] || [])[field] || 0)).join(""));
  write("meta", {
    documentCount: index.documentCount,
    fieldIds: index.fieldIds,
    averageFieldLength: index.averageFieldLength,
    lengths,
    kinds: documents.map((doc) => KIND_CODES[doc.kind]).join(""),
    parts: [...parts.keys()],
    split,
  });

  const perPart = SearchLayout.DETAILS_PER_PART;
  for (let first = 0; first < documents.length; first += perPart) {
    write(`d${first / perPart}`, documents.slice(first, first + perPart).map((doc) =>
      [doc.location, doc.title, doc.label, doc.date || "", doc.publication || "", doc.snippet]));
  }
  return { documents: documents.length, terms: index.index.length, parts: parts.size };
}

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const summary = build(input.documents, process.argv[2]);
process.stdout.write(JSON.stringify(summary) + "\n");
