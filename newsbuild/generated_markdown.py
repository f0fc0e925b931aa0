"""Python-Markdown set up for the pages build_pages.py generates: fewer patterns to try on every text.

A generated page is the templates' fixed markup around escaped content text. Content can
form no Markdown syntax at all (newsbuild/render.py escapes every character that could open
some), so the only syntax on such a page is what the templates write: headings, paragraphs
with attribute lists, bullet lists, a rule, HTML blocks, a fenced code block, links, strong
emphasis, line breaks, inline HTML and entities. Python-Markdown still tries each of its other
patterns on every text and block of every page; here they are left out, and escaped text is
read in runs (newsbuild/text_runs.py). The HTML is the same: tests/test_text_runs.py renders every
generated page and escaped text of every kind with and without this extension and compares.
Hand-written pages (about.md …) keep all of Markdown.
"""

from __future__ import annotations

from markdown import Extension

from newsbuild.text_runs import PRIORITY, RUN, TextRunProcessor

# Inline patterns no template writes: code spans, images, reference links, autolinks.
UNUSED_INLINE = ("backtick", "reference", "image_link", "image_reference", "short_reference", "short_image_ref",
                 "autolink", "automail")
# Block syntax no template writes: setext headings, numbered lists, block quotes in Markdown (the
# templates write <blockquote>), link reference definitions, tables.
UNUSED_BLOCK = ("setextheader", "olist", "quote", "reference", "table")


class GeneratedPageExtension(Extension):
    """Applies to a converter only if only_when() says so when it is set up (hooks/generated_pages.py:
    if the page it converts is a generated one). Must come after the extensions it trims (tables)."""

    def __init__(self, only_when=lambda: True):
        super().__init__()
        self.only_when = only_when

    def extendMarkdown(self, md):
        if not self.only_when():
            return
        md.inlinePatterns.register(TextRunProcessor(RUN, md), "text_run", PRIORITY)
        for name in UNUSED_INLINE:
            md.inlinePatterns.deregister(name, strict=False)
        for name in UNUSED_BLOCK:
            md.parser.blockprocessors.deregister(name, strict=False)
