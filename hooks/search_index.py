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
the last build's state (newsbuild/site_state.py), without their text: hooks/search_index.js kept their
terms (.cache/search/), by a digest of the text. Only the changed documents are analysed again, and
when the same pages are in the same order the last build's parts are patched with them; the index is
the one a clean build writes.

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
CACHE_DIR = ".cache/search"  # each document's terms, and what the next build needs to patch this one's index
SNIPPET_CHARS = 240
_TAG = re.compile(r"<[^>]+>")

_results: dict[str, dict] = {}  # page address → its front matter `result` ({} if none), for the pages rendered


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
    _results[page.url] = result if isinstance(result, dict) else {}
    return context


def page_documents(index_docs: list[dict], results: dict[str, dict]) -> dict[str, dict | None]:
    """The search document of each page rendered: its title, lead and text, what its result shows, and
    a digest of what is indexed (`key`). A registry entry is found by its name and lead only; a page
    Material did not index (search leaves it out) has none."""
    pages: dict[str, dict] = {}  # address → the title and texts of Material's entries
    for doc in index_docs:
        address = doc["location"].split("#")[0]
        if results.get(address, {}).get("kind") == "entity":
            continue
        page = pages.setdefault(address, {"title": "", "texts": []})
        if "#" not in doc["location"]:
            page["title"] = plain_text(doc.get("title", ""))
        page["texts"].append(plain_text(doc.get("text", "")))
    documents: dict[str, dict | None] = {}
    for address, result in results.items():
        entity = result.get("kind") == "entity"
        if not entity and address not in pages:
            documents[address] = None
            continue
        page = pages.get(address, {"title": "", "texts": []})
        title, lead = result.get("title") or page["title"], result.get("lead", "")
        text = "" if entity else " ".join(t for t in page["texts"] if t)
        documents[address] = {
            "location": address, "title": title, "lead": lead, "kind": result.get("kind", "page"),
            "label": result.get("label", "Page"), "date": result.get("date", ""),
            "publication": result.get("publication", ""), "snippet": snippet(lead or text),
            "key": text_key(title, lead, text), "text": text,
        }
    return documents


def text_key(title: str, lead: str, text: str) -> str:
    """A digest of what a document has indexed: hooks/search_index.js keeps the document's terms by it."""
    return hashlib.sha256(f"{title}\0{lead}\0{text}".encode("utf-8")).hexdigest()[:32]


def search_documents(documents: dict[str, dict | None], addresses: list[str]) -> list[dict]:
    """The pages' documents in the pages' order: those of the pages Material indexed, then the registry entries."""
    ordered = [documents[a] for a in addresses if documents.get(a)]
    return [d for d in ordered if d["kind"] != "entity"] + [d for d in ordered if d["kind"] == "entity"]


def _without_text(document: dict | None) -> dict | None:
    return document and {name: value for name, value in document.items() if name != "text"}


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # A dirty build renders only the pages that changed: the others' documents are the last build's, kept
    # without their text (hooks/search_index.js has their terms, by their key).
    rendered = page_documents(index.pop("docs"), _results)
    kept = {**site_state.previous("search"), **{address: _without_text(d) for address, d in rendered.items()}}
    kept = {address: kept[address] for address in site_state.pages if address in kept}
    site_state.keep("search", kept)
    # the version names the parts' folder: a digest of every document, the same in a dirty and a clean build
    version = hashlib.sha256(json.dumps(search_documents(kept, site_state.pages), ensure_ascii=False).encode("utf-8"))
    version = version.hexdigest()[:12]
    documents = json.dumps({"documents": search_documents({**kept, **rendered}, site_state.pages),
                            # a dirty build (make site, make serve) deletes no kept analysis: another site directory's
                            # next dirty build may need it, with no text to analyse again; a clean build has every text
                            "keepKeys": None if site_state.dirty else site_state.other_search_keys(config)},
                           ensure_ascii=False)
    parts = Path(config.site_dir) / PARTS_DIR
    # The last build's parts: a dirty build's index patches them when only a few pages changed
    # (hooks/search_index.js then renames their folder to this version and rewrites it in place).
    folders = sorted(parts.glob("*")) if parts.is_dir() else []
    previous = folders if len(folders) == 1 else []
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to build the search index: install it (the README lists what to install)")
    cache = Path(config.config_file_path).parent / CACHE_DIR
    built = subprocess.run([node, str(BUILDER), str(parts / version), str(cache), *map(str, previous)],
                           input=documents, capture_output=True, text=True, encoding="utf-8")
    if built.returncode:
        raise PluginError(f"building the search index failed:\n{built.stderr.strip()}\n"
                          "If .cache/search/ was changed or deleted by hand, `make rebuild` builds the index anew.")
    for folder in parts.glob("*"):
        if folder.name != version:
            shutil.rmtree(folder)
    index["config"]["parts"] = version
    path.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")), encoding="utf-8")
