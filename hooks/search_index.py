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

A dirty build (`make site`) renders only the pages that changed: the other pages' documents come from
the last build's state (newsbuild/site_state.py), and only the changed documents are analysed again
(.cache/search/analyses.txt), so the index is the one a clean build writes.

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
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root holds the newsbuild package
from newsbuild.site_state import site_state

BUILDER = Path(__file__).with_name("search_index.js")
PARTS_DIR = "search/parts"
ANALYSES_FILE = ".cache/search/analyses.txt"  # each document's terms, kept for the next build
SNIPPET_CHARS = 240
_TAG = re.compile(r"<[^>]+>")

_results: dict[str, dict] = {}  # page address → its front matter `result` ({} if none), for the pages rendered
_addresses: list[str] = []  # every page's address, in the order a clean build renders them


def plain_text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def snippet(text: str) -> str:
    """The start of a plain text, cut at a word boundary: for the result list (the worker escapes it)."""
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def on_config(config):
    _results.clear()


def on_files(files, config):
    _addresses[:] = [file.url for file in files.documentation_pages()]
    return files


def on_page_context(context, page, config, nav):
    result = page.meta.get("result")
    _results[page.url] = result if isinstance(result, dict) else {}
    return context


def page_records(index_docs: list[dict], results: dict[str, dict]) -> dict[str, dict]:
    """What each rendered page gives search: its result, and the title and text of Material's entries
    (none for a registry entry, found by its name and lead only; none for a page search leaves out)."""
    records = {address: {"result": result, "entries": False} for address, result in results.items()}
    for doc in index_docs:
        address = doc["location"].split("#")[0]
        record = records.setdefault(address, {"result": {}, "entries": False})
        if record["result"].get("kind") == "entity":
            continue
        if not record["entries"]:
            record.update(entries=True, title="", texts=[])
        if "#" not in doc["location"]:
            record["title"] = plain_text(doc.get("title", ""))
        record["texts"].append(plain_text(doc.get("text", "")))
    return records


def search_documents(records: dict[str, dict], addresses: list[str]) -> list[dict]:
    """One document per page, in the pages' order: the pages Material indexed, then the registry entries."""
    indexed = [a for a in addresses if a in records and records[a]["entries"]]
    entities = [a for a in addresses if a in records and records[a]["result"].get("kind") == "entity"]
    documents = []
    for address in indexed + entities:
        record = records[address]
        result = record["result"]
        lead = result.get("lead", "")
        text = " ".join(t for t in record.get("texts", []) if t)
        documents.append({
            "location": address, "title": result.get("title") or record.get("title", ""), "lead": lead,
            "text": text, "kind": result.get("kind", "page"), "label": result.get("label", "Page"),
            "date": result.get("date", ""), "publication": result.get("publication", ""),
            "snippet": snippet(lead or text),
        })
    return documents


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # A dirty build renders only the pages that changed: the others' records are the last build's.
    records = {**site_state.previous("search"), **page_records(index.pop("docs"), _results)}
    records = {address: records[address] for address in _addresses if address in records}
    site_state.keep("search", records)
    documents = json.dumps({"documents": search_documents(records, _addresses)}, ensure_ascii=False)
    version = hashlib.sha256(documents.encode("utf-8")).hexdigest()[:12]
    parts = Path(config.site_dir) / PARTS_DIR
    shutil.rmtree(parts, ignore_errors=True)  # the parts of earlier versions too
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to build the search index: install it (the README lists what to install)")
    analyses = Path(config.config_file_path).parent / ANALYSES_FILE
    built = subprocess.run([node, str(BUILDER), str(parts / version), str(analyses)], input=documents, capture_output=True, text=True,
                           encoding="utf-8")
    if built.returncode:
        raise PluginError(f"building the search index failed:\n{built.stderr.strip()}")
    index["config"]["parts"] = version
    path.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")), encoding="utf-8")
