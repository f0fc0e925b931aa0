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


def snippet(text: str) -> str:
    """The start of a plain text, escaped, cut at a word boundary: for the result list."""
    text = " ".join(text.split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


_analysed: dict[str, tuple[set[str], str]] = {}  # markup → (words, snippet); `mkdocs serve` sees most again


def analysed(markup: str) -> tuple[set[str], str]:
    """The words and the snippet of a document's text, from one conversion to plain text."""
    found = _analysed.get(markup)
    if found is None:
        text = plain_text(markup)
        found = _analysed[markup] = (words(text), snippet(text))
    return found


def prebuilt_index(docs: list[dict]) -> dict:
    """{"words": sorted words, "postings": [[doc, …] per word], "titles": [[doc, …] per word]}."""
    body: dict[str, list[int]] = {}
    titles: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        title_words, _ = analysed(doc.get("title", ""))
        for word in title_words:
            titles.setdefault(word, []).append(number)
        for word in title_words | analysed(doc.get("text", ""))[0]:
            body.setdefault(word, []).append(number)
    vocabulary = sorted(body)
    return {"words": vocabulary, "postings": [body[w] for w in vocabulary],
            "titles": [titles.get(w, []) for w in vocabulary]}


def on_post_build(config):
    global _analysed
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["prebuilt"] = prebuilt_index(index["docs"])
    texts = [doc.get("text", "") for doc in index["docs"]]
    for doc, text in zip(index["docs"], texts):
        doc["text"] = analysed(text)[1]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    kept = set(texts) | {doc.get("title", "") for doc in index["docs"]}
    _analysed = {markup: found for markup, found in _analysed.items() if markup in kept}  # this build's only
