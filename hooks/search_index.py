"""MkDocs hook: a search index that is built once, at build time, instead of in every reader's browser.

Material's search worker builds a lunr index from the full text of every page on
each page load; offline, where there is no instant navigation, every page view
pays for it (about 2 s for 1,000 articles). After Material's search plugin has
written search/search_index.json, this hook

- adds an inverted index (word → documents that contain it) under
  config.prebuilt, computed here from the full text, and
- shortens each document's text to a snippet for the result list,

and assets/javascripts/workers/search-prebuilt.js answers queries from it by
looking words up, with no index to build. Every word of every page stays
searchable. It runs before the offline plugin copies the index into
search_index.js for file:// use.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

SNIPPET_CHARS = 240
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def plain_text(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


def words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def snippet(markup: str) -> str:
    """The start of a document's text as escaped plain text, cut at a word boundary."""
    text = " ".join(plain_text(markup).split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


_words_of_last_build: dict[str, set[str]] = {}  # `mkdocs serve` rebuilds: most texts are the same again


def prebuilt_index(docs: list[dict]) -> dict:
    """{"words": sorted words, "postings": [[doc, …] per word], "titles": [[doc, …] per word]}."""
    global _words_of_last_build
    known, _words_of_last_build = _words_of_last_build, {}

    def words_of(markup: str) -> set[str]:
        found = known.get(markup)
        if found is None:
            found = words(plain_text(markup))
        _words_of_last_build[markup] = found
        return found

    body: dict[str, list[int]] = {}
    titles: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        title_words = words_of(doc.get("title", ""))
        for word in title_words:
            titles.setdefault(word, []).append(number)
        for word in title_words | words_of(doc.get("text", "")):
            body.setdefault(word, []).append(number)
    vocabulary = sorted(body)
    return {"words": vocabulary, "postings": [body[w] for w in vocabulary],
            "titles": [titles.get(w, []) for w in vocabulary]}


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["prebuilt"] = prebuilt_index(index["docs"])
    for doc in index["docs"]:
        doc["text"] = snippet(doc.get("text", ""))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
