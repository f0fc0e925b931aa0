"""The search stage: each page's document (newsbuild/search_documents.py) sent to the index builder
(newsbuild/search_index.js, run by Node) to be analysed as the page is made, then the index of all of
them written in parts into the site. The same for any renderer: the plugin drives it page by page
during `mkdocs build`, `newsbuild finish` from the files of docs/ and site/.

The index is loaded by readers only when they search: search/search_index.json keeps only the search
settings and the parts' version (a digest of the documents, which names the parts' folder, so a server
may cache parts for good), and the worker loads only the parts a query needs.

A dirty build (`make site`) renders only the pages that changed: the other pages' documents come from
the last build's state (newsbuild/state/site_records.py), without their text: newsbuild/search_index.js kept
their terms (newsbuild/state/: the search cache), by a digest of the text. Only the changed documents are analysed again,
and when the same pages are in the same order the last build's parts are patched with them; the index
is the one a clean build writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from .languages import language_name
from .search_documents import page_document, search_documents
from .state.site_records import SiteState

BUILDER = Path(__file__).with_name("search_index.js")
PARTS_DIR = "search/parts"
SETTINGS_FILE = "search/search_index.json"
# The search settings of a site whose renderer wrote none (Material's, as its search plugin writes them).
DEFAULT_SETTINGS = {
    "lang": ["en"],
    "separator": "[\\s\\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


class SearchIndexError(Exception):
    """The index could not be built: the message says why and what to do."""


# Building the index is linear in the text (words count by their first 64 letters); past this, something
# is wrong, and the build stops with a message rather than hanging.
TIME_LIMIT = float(os.environ.get("NEWSBUILD_SEARCH_TIME_LIMIT", "600"))


class IndexBuilder:
    """newsbuild/search_index.js, started with the first page rendered. Each page's document goes to it as the
    page is rendered, to be analysed there and then: the texts of all the pages are never held at once,
    here or there. The last message asks for the index of all the documents."""

    def __init__(self, cache: Path, time_limit: float = TIME_LIMIT):
        self.time_limit = time_limit
        # the page with the longest text sent, named if the builder runs out of time
        self.longest = (
            "",
            0,
        )
        node = shutil.which("node")
        if node is None:
            raise SearchIndexError(
                "Node.js is needed to build the search index: install it (the README lists what to install: Node.js and npm)"
            )
        self.process = subprocess.Popen(
            [node, str(BUILDER), str(cache)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def analyse(self, document: dict) -> None:
        if len(document["text"]) > self.longest[1]:
            self.longest = (document["location"], len(document["text"]))
        try:
            self.process.stdin.write(json.dumps({"analyse": document}, ensure_ascii=False) + "\n")
        except BrokenPipeError:  # it stopped: its error says why
            raise self._failure(self.process.communicate()[1]) from None

    def finish(self, request: dict) -> dict:
        """Asks for the index and waits for it; a summary of what was written."""
        try:
            output, errors = self.process.communicate(
                json.dumps(request, ensure_ascii=False) + "\n", timeout=self.time_limit
            )
        except subprocess.TimeoutExpired:
            self.stop()
            location, length = self.longest
            raise SearchIndexError(
                f"{location or 'search'}: building the search index took more than {self.time_limit:g} s "
                f"and was stopped (the longest text is this page's, {length:,} characters): split "
                "very long texts, or set NEWSBUILD_SEARCH_TIME_LIMIT (seconds) for a larger "
                "archive"
            ) from None
        if self.process.returncode:
            raise self._failure(errors)
        return json.loads(output)

    @staticmethod
    def _failure(errors: str) -> SearchIndexError:
        return SearchIndexError(
            f"building the search index failed:\n{errors.strip()}\nIf docs/.newsbuild/search/ was changed or "
            "deleted by hand, `make rebuild` builds the index anew."
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


class SearchIndex:
    """The documents of one build's pages, analysed as they come, and the index written at its end."""

    def __init__(self, cache: Path, language: str = "en"):
        # each document's terms, and what the next build needs to patch this one's index
        self.cache = Path(cache)
        self.language = language  # the site's: a page's unless its result says otherwise
        self.documents: dict[str, dict | None] = {}  # page address → its document without its text
        # newsbuild/search_index.js, started with the first page
        self.builder: IndexBuilder | None = None

    def stop(self) -> None:
        if self.builder:
            self.builder.stop()
        self.builder = None

    def add_page(self, address: str, meta: dict, body: str) -> None:
        document = page_document(address, meta, body, self.language)
        self.documents[address] = document and {k: v for k, v in document.items() if k != "text"}
        if document:
            if self.builder is None:
                self.builder = IndexBuilder(self.cache)
            self.builder.analyse(document)

    def write(self, site: Path, state: SiteState, other_keys) -> str:
        """The index of every page into site/search/: the pages added now and, in a dirty build, the
        others' documents from the last build's state; its version. other_keys() lists the analyses
        other site directories keep."""
        path = site / SETTINGS_FILE
        settings = json.loads(path.read_text(encoding="utf-8"))["config"] if path.is_file() else {}
        kept = {**state.previous("search"), **self.documents}
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
                "language": self.language,
                # shown on results in an archive of several languages, as the pages name them
                "languageNames": {
                    tag: language_name(tag)
                    for tag in sorted({d.get("language") or self.language for d in documents})
                },
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
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {"config": {**(settings or DEFAULT_SETTINGS), "parts": version}, "docs": []},
                separators=(",", ":"),
            ),
            encoding="utf-8",
        )
        return version
