"""The pages build_pages.py generates, as MkDocs renders them: a Page subclass.

The pages listed in docs/.generated.json

- must have had their front matter read as such: when MkDocs' YAML reader rejects a page's front
  matter, it silently keeps the whole block as page text, and Markdown would render it, HTML
  included. The builder writes front matter MkDocs reads back (and checks that it does); this is the
  same check on MkDocs' side, so such a page is never published;
- are not converted by Python-Markdown: their body is already the page's HTML (newsbuild/render.py),
  so it becomes the page's content as it is. The table of contents and the title, which MkDocs would
  take from the converted headings, come from the headings the builder listed in the front matter
  (`headings`: level, id, name);
- hold their HTML compressed from their conversion until their turn to be written (MkDocs converts
  every page before it writes the first: at 10,000 articles, about 46,000 pages at once), and drop it
  once written. The site is byte for byte the same.
"""

from __future__ import annotations

import zlib

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..render import ID_ATTRIBUTE


class GeneratedPage(Page):
    _plain: str | None = None
    _held: bytes | None = None  # the HTML, compressed, between conversion and its turn
    _hold_next = False  # the next HTML set is held compressed

    def __init__(self, title, file, config, hold_compressed: bool = True):
        self.hold_compressed = hold_compressed
        self.nav_title = title
        super().__init__(title, file, config)

    @property
    def content(self) -> str | None:
        if self._held is not None:
            self._plain, self._held = zlib.decompress(self._held).decode("utf-8"), None
        return self._plain

    @content.setter
    def content(self, value: str | None) -> None:
        if self._hold_next and value is not None:
            self._plain, self._held = None, zlib.compress(value.encode("utf-8"), 1)
        else:
            self._plain, self._held = value, None
        self._hold_next = False

    def render(self, config, files) -> None:
        """What Page.render sets, from the builder's HTML: the content, the table of contents, the
        title (the text of the first heading, when the page starts with an h1 and the nav names it
        not) and the ids links may point to."""
        source = self.file.src_uri
        if not self.meta or self.markdown.startswith("---"):
            raise PluginError(
                f"{source}: MkDocs did not read the page's front matter; the page is not "
                "published. Run build_pages.py again, and report this as a bug"
            )
        if "headings" not in self.meta:  # written as Markdown, by the builder of an earlier version
            raise PluginError(
                f"{source}: the page was written by an older build_pages.py; "
                "run build_pages.py again (make site does both)"
            )
        self.content = self.markdown.strip()
        self.markdown = ""  # not None: MkDocs takes a page without Markdown for one never read
        headings = self.meta["headings"]
        tokens = [
            {"level": level, "id": anchor, "name": name, "children": []}
            for level, anchor, name in headings
        ]
        self.toc = get_toc(nest_toc_tokens(tokens))
        if self.nav_title is None and headings and headings[0][0] == 1:
            if self.content.startswith("<h1"):
                self.title = " ".join(headings[0][2].split())
        self.present_anchor_ids = set(ID_ATTRIBUTE.findall(self.content))

    def hold_next(self) -> None:
        """Keep the HTML MkDocs sets next (the converted page, once every plugin has seen it)
        compressed until the page's turn to be written, when it is first read."""
        self._hold_next = self.hold_compressed

    def release(self) -> None:
        """Drop the HTML once the page is written: nothing reads it again."""
        self._plain, self._held = "", None


def nav_titles(nav) -> dict[str, str]:
    """The title mkdocs.yml's nav gives each page it names (MkDocs keeps a page made during on_files
    as it is, title included)."""
    titles: dict[str, str] = {}
    entries = list(nav or [])
    while entries:
        entry = entries.pop()
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    titles[value.lstrip("/")] = title
                else:
                    entries.extend(value if isinstance(value, list) else [value])
        elif isinstance(entry, list):
            entries.extend(entry)
    return titles
