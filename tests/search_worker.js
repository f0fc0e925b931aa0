// Runs a built site's search worker (assets/javascripts/workers/search-lazy.js) in Node, as a browser
// runs it: scripts loaded by importScripts from the site's files, Material's messages in and out.
//
//   node tests/search_worker.js SITE_DIR QUERY  →  {"items": [...], "milliseconds": N}
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL, fileURLToPath } = require("url");
const vm = require("vm");

const [site, query] = process.argv.slice(2);
const worker = path.join(site, "assets/javascripts/workers/search-lazy.js");
const config = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf-8")).config;

const listeners = [];
const scope = {
  location: { href: pathToFileURL(worker).href },
  console,
  URL,
  addEventListener: (type, listener) => listeners.push(listener),
  importScripts: (...urls) => {
    for (const url of urls) vm.runInContext(fs.readFileSync(fileURLToPath(url.split("?")[0]), "utf-8"), scope);
  },
  postMessage: (message) => {
    if (message.type !== 3) return;
    process.stdout.write(JSON.stringify({ items: message.data.items, milliseconds: Date.now() - started }) + "\n");
  },
};
scope.self = scope;
vm.createContext(scope);
vm.runInContext(fs.readFileSync(worker, "utf-8"), scope);
const send = (message) => listeners.forEach((listener) => listener({ data: message }));
send({ type: 0, data: { config } });
const started = Date.now();
send({ type: 2, data: query });
