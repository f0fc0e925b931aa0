"""MkDocs hook: the search index, built once at build time and loaded by readers only when they search.

Material's search plugin writes search/search_index.json, which every page downloads as it opens
(about 11 MB at 10,000 articles). After it, this hook

- makes one search document per page from it: the title, the lead (an article's summary, a
  person's role) and the text; a person, organization, place or theme is found by its name and
  lead only (its page lists other articles' text);
- has hooks/search_index.js index them with MiniSearch and write the index in parts, under
  search/parts/<version>/, that the search worker loads when a reader types, and only those the query
  needs (the version, a digest of the documents, names the folder: a server may cache parts for good);
- leaves in search_index.json only Material's search settings and the parts' version, so a page
  view costs a few hundred bytes of it.

Pages say what they are in their front matter (`result`: kind, label, date, publication, lead;
newsbuild/pages.py). It runs before the offline plugin copies search_index.json into
search_index.js for file:// use.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

BUILDER = Path(__file__).with_name("search_index.js")
PARTS_DIR = "search/parts"
SNIPPET_CHARS = 240
_TAG = re.compile(r"<[^>]+>")

_results: dict[str, dict] = {}  # page address → its front matter `result`


def plain_text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def snippet(text: str) -> str:
    """The start of a plain text, cut at a word boundary: for the result list (the worker escapes it)."""
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def on_config(config):
    _results.clear()


def on_page_context(context, page, config, nav):
    result = page.meta.get("result")
    if isinstance(result, dict):
        _results[page.url] = result
    return context


def search_documents(index_docs: list[dict], results: dict[str, dict]) -> list[dict]:
    """One document per page: Material's page and section entries joined, or a registry entry's name and lead."""
    pages: dict[str, dict] = {}
    for doc in index_docs:
        address = doc["location"].split("#")[0]
        if address in results and results[address].get("kind") == "entity":
            continue
        page = pages.setdefault(address, {"location": address, "title": "", "texts": []})
        if "#" not in doc["location"]:
            page["title"] = plain_text(doc.get("title", ""))
        page["texts"].append(plain_text(doc.get("text", "")))
    for address, result in results.items():
        if result.get("kind") == "entity":
            pages[address] = {"location": address, "title": result.get("title", ""), "texts": []}
    documents = []
    for address, page in pages.items():
        result = results.get(address, {})
        lead = result.get("lead", "")
        text = " ".join(t for t in page["texts"] if t)
        documents.append({
            "location": address, "title": result.get("title") or page["title"], "lead": lead, "text": text,
            "kind": result.get("kind", "page"), "label": result.get("label", "Page"),
            "date": result.get("date", ""), "publication": result.get("publication", ""),
            "snippet": snippet(lead or text),
        })
    return documents


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # pop: Material's entries are not needed once the documents are made, and Node runs next (memory)
    documents = json.dumps({"documents": search_documents(index.pop("docs"), _results)}, ensure_ascii=False)
    version = hashlib.sha256(documents.encode("utf-8")).hexdigest()[:12]
    parts = Path(config.site_dir) / PARTS_DIR
    shutil.rmtree(parts, ignore_errors=True)  # the parts of earlier versions too
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to build the search index: install it (the README lists what to install)")
    built = subprocess.run([node, str(BUILDER), str(parts / version)], input=documents, capture_output=True, text=True,
                           encoding="utf-8")
    if built.returncode:
        raise PluginError(f"building the search index failed:\n{built.stderr.strip()}")
    index["config"]["parts"] = version
    path.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")), encoding="utf-8")
