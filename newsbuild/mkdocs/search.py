"""The search index, built once at build time and loaded by readers only when they search.

Material's search plugin would write every page's text into search/search_index.json, which every page
downloads as it opens (about 11 MB at 10,000 articles). Instead

- Material's entries of each page are taken as it is rendered and made one search document: the
  title, the lead (an article's summary, a person's role) and the text; a person, organization, place
  or theme is found by its name and lead only (its page lists other articles' text);
- it goes there and then to newsbuild/search_index.js, which analyses it (so neither process holds
  the text of every page) and at the end indexes all documents with MiniSearch and writes the index
  in parts, under search/parts/<version>/, that the search worker loads when a reader types, and only
  those the query needs (the version, a digest of the documents, names the folder: a server may cache
  parts for good);
- search_index.json keeps only Material's search settings and the parts' version, so a page view
  costs a few hundred bytes of it.

A dirty build (`make site`) renders only the pages that changed: the other pages' documents come from
the last build's state (newsbuild/site_state.py), without their text: newsbuild/search_index.js kept
their terms (.cache/search/), by a digest of the text. Only the changed documents are analysed again,
and when the same pages are in the same order the last build's parts are patched with them; the index
is the one a clean build writes.

Pages say what they are in their front matter (`result`: kind, label, date, publication, lead;
newsbuild/pages.py). The index is written before the offline plugin copies search_index.json into
search_index.js for file:// use.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from ..search_index import IndexBuilder, text_key
from ..site_state import SiteState

PARTS_DIR = "search/parts"
CACHE_DIR = ".cache/search"  # each document's terms, and what the next build needs to patch this one's index
SNIPPET_CHARS = 240
_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def snippet(text: str) -> str:
    """The start of a plain text, cut at a word boundary: for the result list (the worker escapes it)."""
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def page_document(address: str, result: dict, entries: list[dict]) -> dict | None:
    """A page's search document, from Material's index entries of it: its title, lead and text, what its
    result shows, and a digest of what is indexed (`key`). A registry entry is found by its name and lead
    only; a page Material did not index (search leaves it out) has none."""
    entity = result.get("kind") == "entity"
    if not entity and not entries:
        return None
    title = (
        ""
        if entity
        else next((plain_text(e.get("title", "")) for e in entries if "#" not in e["location"]), "")
    )
    title, lead = result.get("title") or title, result.get("lead", "")
    text = (
        "" if entity else " ".join(t for t in (plain_text(e.get("text", "")) for e in entries) if t)
    )
    return {
        "location": address,
        "title": title,
        "lead": lead,
        "kind": result.get("kind", "page"),
        "label": result.get("label", "Page"),
        "date": result.get("date", ""),
        "publication": result.get("publication", ""),
        "snippet": snippet(lead or text),
        "key": text_key(title, lead, text),
        "text": text,
    }


def search_documents(documents: dict[str, dict | None], addresses: list[str]) -> list[dict]:
    """The pages' documents in the pages' order: those of the pages Material indexed, then the registry entries."""
    ordered = [documents[a] for a in addresses if documents.get(a)]
    return [d for d in ordered if d["kind"] != "entity"] + [
        d for d in ordered if d["kind"] == "entity"
    ]


def _without_text(document: dict | None) -> dict | None:
    return document and {name: value for name, value in document.items() if name != "text"}


class SearchIndex:
    """The documents of one build's pages, analysed as they come, and the index written at its end."""

    def __init__(self, root: Path):
        self.cache = root / CACHE_DIR
        self.rendered: dict[str, dict | None] = {}  # page address → its document without its text
        self.builder: IndexBuilder | None = (
            None  # newsbuild/search_index.js, started with the first page
        )

    def stop(self) -> None:
        if self.builder:
            self.builder.stop()
        self.builder = None

    def add_page(self, address: str, result, entries: list[dict]) -> None:
        document = page_document(address, result if isinstance(result, dict) else {}, entries)
        self.rendered[address] = _without_text(document)
        if document:
            if self.builder is None:
                self.builder = IndexBuilder(self.cache)
            self.builder.analyse(document)

    def write(self, site: Path, state: SiteState, other_keys) -> None:
        """The index of every page into site/search/: the pages rendered now and, in a dirty build, the
        others' documents from the last build's state. other_keys() lists the analyses to keep."""
        path = site / "search" / "search_index.json"
        if not path.is_file():  # no search on this site
            return self.stop()
        index = json.loads(path.read_text(encoding="utf-8"))  # Material's settings
        kept = {**state.previous("search"), **self.rendered}
        kept = {address: kept[address] for address in state.pages if address in kept}
        state.keep("search", kept)
        documents = search_documents(kept, state.pages)
        # the version names the parts' folder: a digest of every document, the same in a dirty and a
        # clean build
        version = hashlib.sha256(
            json.dumps(documents, ensure_ascii=False).encode("utf-8")
        ).hexdigest()[:12]
        parts = site / PARTS_DIR
        # The last build's parts: a dirty build's index patches them when only a few pages changed
        # (newsbuild/search_index.js then renames their folder to this version and rewrites it in
        # place).
        folders = sorted(parts.glob("*")) if parts.is_dir() else []
        builder = self.builder or IndexBuilder(self.cache)
        self.builder = None
        builder.finish(
            {
                "documents": documents,
                "out": str(parts / version),
                "previous": str(folders[0]) if len(folders) == 1 else None,
                # a dirty build (make site, make serve) deletes no kept analysis: another site
                # directory's next dirty build may need it, with no text to analyse again; a clean
                # build has every text
                "keepKeys": None if state.dirty else other_keys(),
            }
        )
        for folder in parts.glob("*"):
            if folder.name != version:
                shutil.rmtree(folder)
        index["config"]["parts"] = version
        path.write_text(
            json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")),
            encoding="utf-8",
        )
