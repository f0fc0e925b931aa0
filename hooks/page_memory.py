"""MkDocs hook: a page's HTML is kept compressed from its conversion until its turn to be written.

MkDocs converts the Markdown of every page before it renders the first one into the theme, so
the HTML and the Markdown of all pages are in memory at once: at 10,000 articles, about 46,000
pages. This hook keeps each page's HTML zlib-compressed (a few times smaller) until the page is
rendered, drops its Markdown once converted (nothing reads it again) and its HTML once the page
is written. The site is byte for byte the same.
"""

from __future__ import annotations

import zlib

from mkdocs.plugins import event_priority

_compressed: dict[str, bytes] = {}  # page source path → its HTML, compressed


def on_pre_build(config):
    _compressed.clear()


@event_priority(-100)  # after every other plugin and hook has seen the HTML
def on_page_content(html, page, config, files):
    _compressed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    page.markdown = (
        ""  # not None: MkDocs takes a page without Markdown for one never read (no title)
    )
    return ""


@event_priority(100)  # before the search plugin, the other hooks and the theme read it
def on_page_context(context, page, config, nav):
    compressed = _compressed.pop(page.file.src_uri, None)
    if compressed is not None:
        page.content = zlib.decompress(compressed).decode("utf-8")
    return context


@event_priority(-100)
def on_post_page(output, page, config):
    page.content = ""
    return output
