// Builds the site's search index with MiniSearch and writes it as parts the browser loads only when a
// reader searches, and only those a query needs (docs/assets/javascripts/workers/search-layout.js).
//
//   node hooks/search_index.js OUT_DIR [ANALYSES_FILE] < documents.json
//
// documents.json: {"documents": [{location, title, lead, text, kind, date, publication}, …]}, from
// hooks/search_index.py. Each part is a script calling searchPart(name, data): scripts load from
// file:// too, where fetch does not.
//
// Each document is analysed on its own (its terms, their frequencies, its field lengths, as MiniSearch
// indexes it) and the analyses are merged in document order. ANALYSES_FILE keeps the analyses between
// builds, by the document's text: a rebuild analyses only the documents that changed, and writes the
// same parts a build without it writes.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const MiniSearch = require("minisearch");
const SearchText = require("../docs/assets/javascripts/workers/search-text.js");
const SearchLayout = require("../docs/assets/javascripts/workers/search-layout.js");

// A part past this size is split by a further letter, so no query loads much more than this.
const PART_BYTES = 100000;
const KIND_CODES = { article: "a", entity: "e", page: "p" };
const FIELDS = SearchText.miniSearchOptions.fields;
const PAIRS_FIELD = FIELDS.indexOf("pairs");
const MAX_FREQUENCY = 35; // one base-36 digit: the layout keeps no more
// Analyses made by another analysis (these files, another MiniSearch) are not reused.
const ANALYSIS_VERSION = crypto.createHash("sha256")
  .update(fs.readFileSync(require.resolve("minisearch")))
  .update(fs.readFileSync(require.resolve("../docs/assets/javascripts/workers/search-text.js")))
  .update(fs.readFileSync(__filename))
  .digest("hex").slice(0, 16);
const SEPARATOR = "\u001f"; // never in a term: terms are letters, digits and marks, and pairs of them

function script(name, data) {
  return `searchPart(${JSON.stringify(name)},${JSON.stringify(data)});\n`;
}

function documentKey(doc) {
  return crypto.createHash("sha256").update(JSON.stringify([doc.title, doc.lead, doc.text])).digest("base64");
}

// One document as MiniSearch indexes it: a line "key \t lengths \t terms \t frequencies", the terms in
// MiniSearch's order, each with one digit pair per field it is in (field, frequency).
function analyse(doc, key) {
  const miniSearch = new MiniSearch({ ...SearchText.miniSearchOptions, idField: "number" });
  miniSearch.add({ ...doc, number: 0 });
  const index = miniSearch.toJSON();
  const lengths = FIELDS.map((_, field) => (index.fieldLength[0] || [])[field] || 0);
  const terms = [];
  const frequencies = [];
  for (const [term, fields] of index.index) {
    terms.push(term);
    frequencies.push(Object.keys(fields).map((field) =>
      field + Math.min(fields[field][0], MAX_FREQUENCY).toString(36)).join(""));
  }
  return [key, lengths.join(","), terms.join(SEPARATOR), frequencies.join(SEPARATOR)].join("\t");
}

function readAnalyses(file) {
  const analyses = new Map();
  if (!file || !fs.existsSync(file)) return analyses;
  const lines = fs.readFileSync(file, "utf8").split("\n");
  if (lines[0] !== ANALYSIS_VERSION) return analyses;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line) analyses.set(line.slice(0, line.indexOf("\t")), line);
  }
  return analyses;
}

function writeAnalyses(file, lines) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const out = fs.openSync(temporary, "w");
  fs.writeSync(out, ANALYSIS_VERSION + "\n");
  for (const line of lines) fs.writeSync(out, line + "\n");
  fs.closeSync(out);
  fs.renameSync(temporary, file);
}

// The postings of every term, merged from the documents' analyses in document order: per term and field,
// the document numbers and the frequencies, packed as SearchLayout.packPostings packs them.
class Postings {
  constructor() {
    this.ids = new Map(); // term → its number, in order of first appearance
    this.terms = [];
    this.fields = []; // per term: {field: [documents…], field + "f": [frequencies…]}
  }

  add(doc, terms, frequencies) {
    for (let i = 0; i < terms.length; i++) {
      let id = this.ids.get(terms[i]);
      if (id === undefined) {
        id = this.terms.length;
        this.ids.set(terms[i], id);
        this.terms.push(terms[i]);
        this.fields.push({});
      }
      const fields = this.fields[id];
      const codes = frequencies[i];
      for (let c = 0; c < codes.length; c += 2) {
        const field = codes[c];
        if (fields[field] === undefined) {
          fields[field] = [];
          fields[field + "f"] = [];
        }
        fields[field].push(doc);
        fields[field + "f"].push(codes[c + 1]);
      }
    }
  }

  // [term, packed postings, in the pairs field?] for each term, in order of first appearance
  *entries() {
    for (let id = 0; id < this.terms.length; id++) {
      const fields = this.fields[id];
      this.fields[id] = null; // packed once: let the lists go
      const packed = FIELDS.map((_, field) => field).filter((field) => fields[field] !== undefined).map((field) => {
        let previous = 0;
        const gaps = fields[field].map((doc) => { const gap = doc - previous; previous = doc; return gap.toString(36); });
        return [field, gaps.join(","), fields[field + "f"].join("")];
      });
      yield [this.terms[id], packed, fields[PAIRS_FIELD] !== undefined];
    }
  }
}

// {part name: [[term, packed postings], …]}, prefixes split where their part would be too large: a
// word's by its third letter at most (typos are matched within a part), a word pair's as far as it takes.
function termParts(postings) {
  const split = [];
  const parts = new Map();
  // A word pair has a space, a word never: a term is in the pairs field or in the others.
  const entries = [];
  for (const [term, packed, isPair] of postings.entries()) {
    entries.push({ term, kind: isPair ? "p" : "t", packed, bytes: JSON.stringify([term, packed]).length + 1 });
  }
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

function build(documents, outDir, analysesFile) {
  const cached = readAnalyses(analysesFile);
  const lines = [];
  const postings = new Postings();
  const lengths = FIELDS.map(() => []);
  const averageFieldLength = FIELDS.map(() => 0);
  let analysed = 0;
  documents.forEach((doc, number) => {
    const key = documentKey(doc);
    let line = cached.get(key);
    if (line === undefined) {
      line = analyse(doc, key);
      cached.set(key, line);
      analysed++;
    }
    lines.push(line);
    const [, fieldLengths, terms, frequencies] = line.split("\t");
    fieldLengths.split(",").forEach((length, field) => {
      lengths[field].push(SearchLayout.packLength(Number(length)));
      // MiniSearch's running average, in its order of operations: the same float as its own index
      averageFieldLength[field] = (averageFieldLength[field] * number + Number(length)) / (number + 1);
    });
    if (terms) postings.add(number, terms.split(SEPARATOR), frequencies.split(SEPARATOR));
  });
  cached.clear();
  if (analysesFile) writeAnalyses(analysesFile, new Set(lines));

  fs.mkdirSync(outDir, { recursive: true });
  const write = (name, data) => fs.writeFileSync(path.join(outDir, `${SearchLayout.fileName(name)}.js`), script(name, data));

  const { parts, split } = termParts(postings);
  for (const [name, terms] of parts) write(name, terms);

  write("meta", {
    documentCount: documents.length,
    fieldIds: Object.fromEntries(FIELDS.map((field, id) => [field, id])),
    averageFieldLength,
    lengths: lengths.map((packed) => packed.join("")),
    kinds: documents.map((doc) => KIND_CODES[doc.kind]).join(""),
    parts: [...parts.keys()],
    split,
  });

  const perPart = SearchLayout.DETAILS_PER_PART;
  for (let first = 0; first < documents.length; first += perPart) {
    write(`d${first / perPart}`, documents.slice(first, first + perPart).map((doc) =>
      [doc.location, doc.title, doc.label, doc.date || "", doc.publication || "", doc.snippet]));
  }
  return { documents: documents.length, analysed, terms: postings.terms.length, parts: parts.size };
}

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const summary = build(input.documents, process.argv[2], process.argv[3]);
process.stdout.write(JSON.stringify(summary) + "\n");
