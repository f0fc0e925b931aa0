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
  // A word pair has a space, a word never: a term is in the pairs field or in the others.
  const entries = index.map(([term, fields]) => {
    const packed = SearchLayout.packPostings(fields);
    return { term, kind: pairsField in fields ? "p" : "t", packed, bytes: JSON.stringify([term, packed]).length + 1 };
  });
  const bytes = new Map();
  const group = () => {
    parts.clear();
    bytes.clear();
    for (const entry of entries) {
      const name = SearchLayout.termPart(entry.term, entry.kind, split);
      if (!parts.has(name)) parts.set(name, []);
      parts.get(name).push([entry.term, entry.packed]);
      bytes.set(name, (bytes.get(name) || 0) + entry.bytes);
    }
  };
  for (let more = true; more;) {
    group();
    more = false;
    for (const [name, terms] of parts) {
      const length = Array.from(name).length - 1; // letters after the kind
      const longer = terms.some(([term]) => Array.from(term).length > length);
      if (longer && (name[0] === "p" || length === 2) && !split.includes(name) && bytes.get(name) > PART_BYTES) {
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

  const lengths = Object.keys(index.fieldIds).map((_, field) =>  // field ids are 0, 1, …
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
