"""MkDocs hook: what MkDocs does differently for the pages build_pages.py generates.

The pages listed in docs/.generated.json (read once per build)

- must have had their front matter read as such: when MkDocs' YAML reader rejects a
  page's front matter, it silently keeps the whole block as page text, and Markdown would
  render it, HTML included. The builder writes front matter MkDocs reads back (and checks
  that it does); this is the same check on MkDocs' side, so such a page is never published;
- are not converted by Python-Markdown: their body is already the page's HTML
  (newsbuild/render.py), so it becomes the page's content as it is. The table of contents
  and the title, which MkDocs would take from the converted headings, come from the
  headings the builder listed in the front matter (`headings`: level, id, name).
"""

from __future__ import annotations

from pathlib import Path

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc

from newsbuild.render import ID_ATTRIBUTE  # noqa: E402
from newsbuild.write import read_manifest  # noqa: E402

_generated: set[str] = set()


def on_pre_build(config):
    _generated.clear()
    _generated.update(read_manifest(Path(config.docs_dir)))


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri not in _generated:
        return markdown
    if not page.meta or markdown.startswith("---"):
        raise PluginError(
            f"{page.file.src_uri}: MkDocs did not read the page's front matter; "
            "the page is not published. Run build_pages.py again, and report this as a bug"
        )
    if "headings" not in page.meta:  # written as Markdown, by the builder of an earlier version
        raise PluginError(
            f"{page.file.src_uri}: the page was written by an older build_pages.py; "
            "run build_pages.py again (make site does both)"
        )
    # MkDocs calls page.render(config, files) next: this page's own render takes the HTML as it is.
    page.render = lambda config, files: _take_rendered(page)
    return markdown


def _take_rendered(page) -> None:
    """What Page.render sets, from the builder's HTML: the content, the table of contents, the title
    (the text of the first heading, when the page starts with an h1) and the ids links may point to."""
    page.content = page.markdown.strip()
    headings = page.meta["headings"]
    tokens = [
        {"level": level, "id": anchor, "name": name, "children": []}
        for level, anchor, name in headings
    ]
    page.toc = get_toc(nest_toc_tokens(tokens))
    if headings and headings[0][0] == 1 and page.content.startswith("<h1"):
        page._title_from_render = " ".join(headings[0][2].split())
    page.present_anchor_ids = set(ID_ATTRIBUTE.findall(page.content))
