"""A page's search document, from the page itself: what it says it is (its front matter's `result`) and
the text of its HTML body. The same for any renderer: the plugin takes the body as MkDocs has it,
`newsbuild finish` from docs/ (generated pages) or the built page (hand-written ones).

A document has the title, the lead (an article's summary, a person's role) and the text; a person,
organization, place or theme is found by its name and lead only (its page lists other articles' text).
The text leaves out headings (the title is the page's) and their permalinks, scripts and styles, and
whatever is marked `data-search-exclude` (a heading so marked leaves out its section, up to the next
heading); words are separated where a paragraph, list item or code block starts or ends.
A page whose front matter says `search: {exclude: true}` (listings) has no document, unless it is a
registry entry's.
"""

from __future__ import annotations

import hashlib
import html.parser

from .i18n import N_, translate

SNIPPET_CHARS = 240
_SKIP = {"script", "style", "object"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Where words end even with no space in the markup: the blocks a reader sees apart.
_BREAKS = {"p", "li", "ol", "ul", "pre", "code", "sub", "sup"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _BodyText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # open elements: (tag, skipped with its content)
        self.text: list[str] = []
        self.heading: list[str] | None = None  # the text of the heading being read
        self.first_heading: str | None = None
        self.text_before_heading = False
        self.section_excluded = False  # under a heading marked data-search-exclude

    def skipping(self) -> bool:
        return self.section_excluded or any(skipped for _, skipped in self.open)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        names = dict(attrs)
        classes = (names.get("class") or "").split()
        excluded = "data-search-exclude" in names
        if tag in _HEADINGS and not any(skipped for _, skipped in self.open):
            self.section_excluded = excluded
        skipped = tag in _SKIP or excluded or "linenodiv" in classes or "headerlink" in classes
        self.open.append((tag, skipped))
        if tag in _HEADINGS and not self.skipping():
            self.heading = []
        elif tag in _BREAKS:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in _VOID or not any(name == tag for name, _ in self.open):
            return
        while self.open:
            name, _ = self.open.pop()
            if name == tag:
                break
        if tag in _HEADINGS and self.heading is not None:
            if self.first_heading is None:
                self.first_heading = " ".join("".join(self.heading).split())
            self.heading = None
        elif tag in _BREAKS:
            self.text.append(" ")

    def handle_data(self, data):
        if self.skipping():
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self.text.append(data)
            if self.first_heading is None and data.strip():
                self.text_before_heading = True


def body_text(markup: str) -> tuple[str, str]:
    """The title (the first heading's text, if nothing comes before it) and the text of a page body."""
    parser = _BodyText()
    parser.feed(markup)
    parser.close()
    title = "" if parser.text_before_heading else (parser.first_heading or "")
    return title, " ".join("".join(parser.text).split())


def snippet(text: str) -> str:
    """The start of a plain text, cut at a word boundary: for the result list (the worker escapes it)."""
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def page_document(address: str, meta: dict, body: str, language: str = "en") -> dict | None:
    """A page's search document: its title, lead and text, their language (the result's, else the
    site's `language`: it chooses the stemmer), what its result shows, and a digest of what is indexed
    (`key`); None for a page search leaves out."""
    result = meta.get("result")
    result = result if isinstance(result, dict) else {}
    entity = result.get("kind") == "entity"
    search = meta.get("search")
    if not entity and isinstance(search, dict) and search.get("exclude"):
        return None
    title, text = ("", "") if entity else body_text(body)
    title, lead = result.get("title") or title, result.get("lead", "")
    # a hand-written page's label, in the interface's language
    label = result.get("label") or translate(language, N_("Page"))
    language = result.get("language") or language
    return {
        "location": address,
        "title": title,
        "lead": lead,
        "language": language,
        "kind": result.get("kind", "page"),
        "label": label,
        "date": result.get("date", ""),
        "publication": result.get("publication", ""),
        "snippet": snippet(lead or text),
        "key": text_key(title, lead, text, language),
        "text": text,
    }


def search_documents(documents: dict[str, dict | None], addresses: list[str]) -> list[dict]:
    """The pages' documents in the pages' order: the pages', then the registry entries'."""
    ordered = [documents[a] for a in addresses if documents.get(a)]
    return [d for d in ordered if d["kind"] != "entity"] + [
        d for d in ordered if d["kind"] == "entity"
    ]


def text_key(title: str, lead: str, text: str, language: str = "") -> str:
    """A digest of what a document has indexed, and in which language: newsbuild/search_index.js keeps
    the document's terms by it."""
    analysed = f"{title}\0{lead}\0{text}" + (f"\0{language}" if language else "")
    return hashlib.sha256(analysed.encode("utf-8")).hexdigest()[:32]
