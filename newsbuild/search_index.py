"""The search index builder (newsbuild/search_index.js, run by Node) as a build drives it: each page's
document is sent to be analysed as the page is made, then the index of all of them is asked for."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

BUILDER = Path(__file__).with_name("search_index.js")
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
            raise PluginError(
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
            raise PluginError(
                f"{location or 'search'}: building the search index took more than {self.time_limit:g} s "
                f"and was stopped (the longest text is this page's, {length:,} characters): split "
                "very long texts, or set NEWSBUILD_SEARCH_TIME_LIMIT (seconds) for a larger "
                "archive"
            ) from None
        if self.process.returncode:
            raise self._failure(errors)
        return json.loads(output)

    @staticmethod
    def _failure(errors: str) -> PluginError:
        return PluginError(
            f"building the search index failed:\n{errors.strip()}\nIf .cache/search/ was changed or "
            "deleted by hand, `make rebuild` builds the index anew."
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def text_key(title: str, lead: str, text: str) -> str:
    """A digest of what a document has indexed: newsbuild/search_index.js keeps the document's terms by it."""
    return hashlib.sha256(f"{title}\0{lead}\0{text}".encode("utf-8")).hexdigest()[:32]
