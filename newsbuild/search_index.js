// Builds the site's search index with MiniSearch and writes it as parts the browser loads only when a
// reader searches, and only those a query needs (docs/assets/javascripts/workers/search-layout.js).
//
//   node newsbuild/search_index.js [CACHE_DIR] < messages
//
// The input is one JSON object per line, from hooks/search_index.py:
// - {"analyse": document}, any number of them, as the site's pages are rendered: the document (location,
//   title, lead, text, language, key) is analysed now, in its language, unless its analysis is kept
//   already, and its text let go;
// - then {"documents": [{location, title, lead, language, kind, label, date, publication, snippet, key,
//   text?}, …], "language": the site's, "keepKeys": [...] or null, "out": OUT_DIR, "previous": PREVIOUS_DIR
//   or null}: the index of these documents, in this order, is written into OUT_DIR. A document may come
//   without its text when its analysis is kept. With keepKeys, the analyses of documents in neither list
//   are deleted.
// key is a digest of the title, lead, text and language, by which the document's analysis is kept. Each
// part is a script calling searchPart(name, data): scripts load from file:// too, where fetch does not.
//
// Each document is analysed on its own (its terms, their frequencies, its field lengths, as MiniSearch
// indexes it), and the analyses are merged in document order. With CACHE_DIR, the analyses are kept there
// by the document's text, so a rebuild analyses only the documents that changed. With PREVIOUS_DIR too
// (the last build's parts), when the same pages are in the same order and only a few changed, the
// previous postings are patched with those few documents instead of merged again, and the folder is
// renamed to OUT_DIR and rewritten in place. Either way the parts are the ones a build from nothing
// writes: terms are written in their order, parts and splits sorted.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const SearchText = require("../docs/assets/javascripts/workers/search-text.js");
const SearchLayout = require("../docs/assets/javascripts/workers/search-layout.js");

// A part past this size is split by a further letter, so no query loads much more than this.
const PART_BYTES = 100000;
const KIND_CODES = { article: "a", entity: "e", page: "p" };
const FIELDS = SearchText.miniSearchOptions.fields;
const PAIRS_FIELD = FIELDS.indexOf("pairs");
const MAX_FREQUENCY = 35; // one base-36 digit: the layout keeps no more
// Patching costs per changed document, merging per document: past this share, merge.
const PATCH_AT_MOST = 0.02;
const SEPARATOR = "\u001f"; // never in a term: terms are letters, digits and marks, and pairs of them

function primaryLanguage(tag) {
  return String(tag).split("-")[0].toLowerCase();
}

function script(name, data) {
  return `searchPart(${JSON.stringify(name)},${JSON.stringify(data)});\n`;
}

// One document as MiniSearch's add() indexes it, with the site's fields, tokenizer and term processing
// (tests/test_search_index.py checks the parts against MiniSearch's own index): "lengths \t terms \t
// frequencies", each term with one digit pair per field it is in (field, frequency).
function analyse(doc) {
  const { fields, extractField, tokenize, processTerm } = SearchText.miniSearchOptions;
  const lengths = fields.map(() => 0);
  const counts = new Map(); // term → frequency per field
  fields.forEach((field, fieldId) => {
    const value = extractField(doc, field);
    if (value == null) return;
    const tokens = tokenize(value.toString(), field);
    lengths[fieldId] = new Set(tokens).size; // MiniSearch's field length: the distinct tokens
    const count = (term) => {
      if (!counts.has(term)) counts.set(term, fields.map(() => 0));
      counts.get(term)[fieldId]++;
    };
    for (const token of tokens) {
      const processed = processTerm(token, field);
      if (Array.isArray(processed)) processed.forEach(count);
      else if (processed) count(processed);
    }
  });
  const terms = [...counts.keys()];
  const frequencies = terms.map((term) => counts.get(term).map((n, fieldId) =>
    n ? fieldId + Math.min(n, MAX_FREQUENCY).toString(36) : "").join(""));
  return [lengths.join(","), terms.join(SEPARATOR), frequencies.join(SEPARATOR)].join("\t");
}

// Analyses made otherwise (another analyse(), text analysis or MiniSearch) are not reused.
const ANALYSIS_VERSION = crypto.createHash("sha256")
  .update(fs.readFileSync(require.resolve("minisearch")))
  .update(fs.readFileSync(require.resolve("../docs/assets/javascripts/workers/search-text.js")))
  .update(analyse.toString() + MAX_FREQUENCY)
  .digest("hex").slice(0, 16);

// The analyses, one file per document text, kept in CACHE_DIR/analyses/<version>/ between builds (in
// memory without CACHE_DIR).
class Analyses {
  constructor(cacheDir) {
    this.dir = cacheDir && path.join(cacheDir, "analyses", ANALYSIS_VERSION);
    this.lines = new Map(); // key → analysis, without CACHE_DIR
    this.analysed = 0;
    if (this.dir) fs.mkdirSync(this.dir, { recursive: true });
  }

  has(key) {
    return this.dir ? fs.existsSync(path.join(this.dir, key)) : this.lines.has(key);
  }

  // Analyses a document and keeps its analysis.
  add(doc) {
    if (typeof doc.text !== "string") {
      throw new Error(`no text, and no terms kept, for the search document of ${doc.location}`);
    }
    const line = analyse(doc);
    this.analysed++;
    if (this.dir) fs.writeFileSync(path.join(this.dir, doc.key), line);
    else this.lines.set(doc.key, line);
    return line;
  }

  // {lengths: [per field], terms: [...], frequencies: [per term: field and frequency digits]}; null if
  // the analysis is not kept and there is no document to analyse.
  get(key, doc) {
    let line = this.lines.get(key) ?? null;
    if (this.dir) {
      try { line = fs.readFileSync(path.join(this.dir, key), "utf8"); } catch (error) { if (error.code !== "ENOENT") throw error; }
    }
    if (line === null) {
      if (!doc) return null;
      line = this.add(doc);
    }
    const [lengths, terms, frequencies] = line.split("\t");
    return {
      lengths: lengths.split(",").map(Number),
      terms: terms ? terms.split(SEPARATOR) : [],
      frequencies: terms ? frequencies.split(SEPARATOR) : [],
    };
  }

  // The analyses of documents in none of these keys go (and those of an older analysis).
  keepOnly(keys) {
    if (!this.dir) return;
    for (const name of fs.readdirSync(this.dir)) if (!keys.has(name)) fs.unlinkSync(path.join(this.dir, name));
    const parent = path.dirname(this.dir);
    for (const name of fs.readdirSync(parent)) {
      if (name !== ANALYSIS_VERSION) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

// A list of numbers that grows, in one typed array: the merge holds millions of postings.
class Column {
  constructor(Type) {
    this.values = new Type(1 << 16);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.values.length) {
      const grown = new this.values.constructor(2 * this.length);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

// The postings of every term, merged from the documents' analyses in document order: per term and field,
// the document numbers and the frequencies, packed as SearchLayout.packPostings packs them. The postings
// are gathered in typed arrays (a few bytes each, where arrays of numbers take tens), then sorted by term
// and field with a counting sort, which keeps each list in document order.
function mergedPostings(documents, keys, analyses) {
  const ids = new Map(); // term → its number
  const terms = [];
  const slots = new Column(Int32Array); // per posting: its term's number × the fields, plus its field
  const digits = new Column(Uint8Array); // per posting: the frequency's base-36 digit, as a character code
  const firstPosting = new Int32Array(documents.length + 1); // per document: its first posting
  const lengths = [];
  documents.forEach((doc, number) => {
    const analysis = analyses.get(keys[number], doc);
    lengths.push(analysis.lengths);
    analysis.terms.forEach((term, i) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = terms.length;
        ids.set(term, id);
        terms.push(term);
      }
      const codes = analysis.frequencies[i];
      for (let c = 0; c < codes.length; c += 2) {
        slots.push(id * FIELDS.length + codes.charCodeAt(c) - 48);
        digits.push(codes.charCodeAt(c + 1));
      }
    });
    firstPosting[number + 1] = slots.length;
  });

  const starts = new Int32Array(terms.length * FIELDS.length + 1); // per slot: where its postings start
  for (let p = 0; p < slots.length; p++) starts[slots.values[p] + 1]++;
  for (let slot = 1; slot < starts.length; slot++) starts[slot] += starts[slot - 1];
  const next = starts.slice(0, -1);
  const numbers = new Int32Array(slots.length);
  const frequencies = Buffer.alloc(slots.length);
  for (let number = 0; number < documents.length; number++) {
    for (let p = firstPosting[number]; p < firstPosting[number + 1]; p++) {
      const at = next[slots.values[p]]++;
      numbers[at] = number;
      frequencies[at] = digits.values[p];
    }
  }

  const packed = new Map();
  terms.forEach((term, id) => {
    const fields = [];
    for (let field = 0; field < FIELDS.length; field++) {
      const from = starts[id * FIELDS.length + field];
      const to = starts[id * FIELDS.length + field + 1];
      if (from === to) continue;
      const gaps = new Array(to - from);
      let previous = 0;
      for (let p = from; p < to; p++) {
        gaps[p - from] = (numbers[p] - previous).toString(36);
        previous = numbers[p];
      }
      fields.push([field, gaps.join(","), frequencies.toString("latin1", from, to)]);
    }
    packed.set(term, fields);
  });
  return { postings: packed, lengths };
}

// The last build's postings with the changed documents' terms taken out and put back as they are now;
// null where the last build cannot be patched (another set or order of pages, too many changes, a part
// or an analysis missing).
function patchedPostings(documents, keys, analyses, previousDir, previous) {
  if (!previous || previous.locations.length !== documents.length ||
      documents.some((doc, number) => doc.location !== previous.locations[number])) return null;
  const changed = [];
  keys.forEach((key, number) => { if (key !== previous.keys[number]) changed.push(number); });
  if (changed.length > PATCH_AT_MOST * documents.length) return null;
  const before = changed.map((number) => analyses.get(previous.keys[number], null));
  if (before.includes(null)) return null;

  const postings = new Map();
  const texts = new Map(); // part → its file's text, not written again if unchanged
  try {
    for (const name of previous.parts) {
      const text = fs.readFileSync(path.join(previousDir, `${SearchLayout.fileName(name)}.js`), "utf8");
      const data = JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
      for (const [term, packed] of data) postings.set(term, packed);
      texts.set(name, text);
    }
  } catch (error) {
    if (error.code === "ENOENT" || error instanceof SyntaxError) return null;
    throw error;
  }
  const lengths = previous.lengths.slice();
  const touched = new Map(); // term → {field: {document: frequency}}, unpacked to be patched
  const unpacked = (term) => {
    if (!touched.has(term)) touched.set(term, postings.has(term) ? SearchLayout.unpackPostings(postings.get(term)) : {});
    return touched.get(term);
  };
  changed.forEach((number, i) => {
    before[i].terms.forEach((term) => {
      const fields = unpacked(term);
      for (const field of Object.keys(fields)) delete fields[field][number];
    });
    const after = analyses.get(keys[number], documents[number]);
    lengths[number] = after.lengths;
    after.terms.forEach((term, t) => {
      const fields = unpacked(term);
      const codes = after.frequencies[t];
      for (let c = 0; c < codes.length; c += 2) {
        fields[codes[c]] = fields[codes[c]] || {};
        fields[codes[c]][number] = parseInt(codes[c + 1], 36);
      }
    });
  });
  for (const [term, fields] of touched) {
    for (const field of Object.keys(fields)) if (Object.keys(fields[field]).length === 0) delete fields[field];
    if (Object.keys(fields).length) postings.set(term, SearchLayout.packPostings(fields));
    else postings.delete(term);
  }
  return { postings, lengths, texts };
}

// {part name: [[term, packed postings], …]}, prefixes split where their part would be too large: a
// word's by its third letter at most (typos are matched within a part), a word pair's as far as it takes.
function termParts(postings) {
  // A word pair has a space, a word never: a term is in the pairs field or in the others.
  const entries = [...postings.keys()].sort().map((term) => {
    const packed = postings.get(term);
    const kind = packed.some(([field]) => field === PAIRS_FIELD) ? "p" : "t";
    return { term, kind, packed, bytes: JSON.stringify([term, packed]).length + 1, part: "" };
  });
  const split = [];
  let moved = entries; // the entries whose part is to be found (again, once their part was split)
  for (;;) {
    for (const entry of moved) entry.part = SearchLayout.termPart(entry.term, entry.kind, split);
    const bytes = new Map();
    const longest = new Map(); // part → its longest term, in characters
    for (const entry of entries) {
      bytes.set(entry.part, (bytes.get(entry.part) || 0) + entry.bytes);
      longest.set(entry.part, Math.max(longest.get(entry.part) || 0, Array.from(entry.term).length));
    }
    const splitNow = new Set();
    for (const [name, size] of bytes) {
      const length = Array.from(name).length - 1; // letters after the kind
      if (longest.get(name) > length && (name[0] === "p" || length === 2) && !split.includes(name) && size > PART_BYTES) {
        splitNow.add(name);
      }
    }
    if (splitNow.size === 0) break;
    split.push(...splitNow);
    moved = entries.filter((entry) => splitNow.has(entry.part));
  }
  const parts = new Map();
  for (const entry of entries) {
    if (!parts.has(entry.part)) parts.set(entry.part, []);
    parts.get(entry.part).push([entry.term, entry.packed]);
  }
  return { parts, split: split.sort() };
}

function build(documents, siteLanguage, languageNames, keepKeys, analyses, outDir, cacheDir, previousDir) {
  const keys = documents.map((doc) => doc.key);
  const lastBuild = cacheDir && path.join(cacheDir, "last-build.json");
  let previous = null;
  try {
    previous = previousDir && lastBuild && JSON.parse(fs.readFileSync(lastBuild, "utf8"));
  } catch (error) {
    previous = null;
  }
  const patched = previous && previous.version === path.basename(previousDir) &&
    patchedPostings(documents, keys, analyses, previousDir, previous);
  const { postings, lengths, texts } = patched || mergedPostings(documents, keys, analyses);

  // Patched: the previous folder becomes this one, and a part is written only if it changed.
  if (patched && path.resolve(previousDir) !== path.resolve(outDir)) {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(previousDir, outDir);
  } else if (!patched) {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  fs.mkdirSync(outDir, { recursive: true });
  const written = new Set();
  const write = (name, data) => {
    const file = `${SearchLayout.fileName(name)}.js`;
    const text = script(name, data);
    written.add(file);
    if (!texts || texts.get(name) !== text) fs.writeFileSync(path.join(outDir, file), text);
  };

  const { parts, split } = termParts(postings);
  const names = [...parts.keys()].sort();
  for (const name of names) write(name, parts.get(name));

  // MiniSearch's running average, in its order of operations: the same float as its own index
  const averageFieldLength = FIELDS.map(() => 0);
  lengths.forEach((fieldLengths, number) => fieldLengths.forEach((length, field) => {
    averageFieldLength[field] = (averageFieldLength[field] * number + length) / (number + 1);
  }));
  // The languages a query is analysed in, and the site's: a result in another language says so.
  const languages = [...new Set(documents.map((doc) => primaryLanguage(doc.language || "")))].sort();
  write("meta", {
    documentCount: documents.length,
    language: siteLanguage,
    languages,
    languageNames, // each document language's own name, as the pages write it (CLDR's, by Babel)
    fieldIds: Object.fromEntries(FIELDS.map((field, id) => [field, id])),
    averageFieldLength,
    lengths: FIELDS.map((_, field) => lengths.map((fieldLengths) => SearchLayout.packLength(fieldLengths[field])).join("")),
    kinds: documents.map((doc) => KIND_CODES[doc.kind]).join(""),
    parts: names,
    split,
  });

  const perPart = SearchLayout.DETAILS_PER_PART;
  for (let first = 0; first < documents.length; first += perPart) {
    write(`d${first / perPart}`, documents.slice(first, first + perPart).map((doc) => {
      const details = [doc.location, doc.title, doc.label, doc.date || "", doc.publication || "", doc.snippet];
      return doc.language && doc.language !== siteLanguage ? details.concat([doc.language]) : details;
    }));
  }

  if (patched) {
    for (const file of fs.readdirSync(outDir)) if (!written.has(file)) fs.unlinkSync(path.join(outDir, file));
  }
  if (lastBuild) {
    // What the next build needs to patch this one
    fs.writeFileSync(lastBuild, JSON.stringify({
      version: path.basename(outDir), locations: documents.map((doc) => doc.location), keys, lengths, parts: names,
    }));
  }
  if (keepKeys) analyses.keepOnly(new Set([...keys, ...keepKeys]));
  return { documents: documents.length, analysed: analyses.analysed, patched: Boolean(patched), terms: postings.size, parts: parts.size };
}

async function main() {
  const cacheDir = process.argv[2];
  const analyses = new Analyses(cacheDir);
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.analyse) {
      if (!analyses.has(message.analyse.key)) analyses.add(message.analyse);
      continue;
    }
    const summary = build(message.documents, message.language || "en", message.languageNames || {},
      message.keepKeys, analyses, message.out,
      cacheDir, message.previous);
    process.stdout.write(JSON.stringify(summary) + "\n");
    return;
  }
  throw new Error("the input ended before the documents to index");
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
