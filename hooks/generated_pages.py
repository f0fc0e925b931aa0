"""MkDocs hook: what MkDocs does differently for the pages build_pages.py generates.

The pages listed in docs/.generated.json (read once per build)

- must have had their front matter read as such: when MkDocs' YAML reader rejects a
  page's front matter, it silently keeps the whole block as page text, and Markdown would
  render it, HTML included. The builder writes front matter MkDocs reads back (and checks
  that it does); this is the same check on MkDocs' side, so such a page is never published;
- are converted with newsbuild/generated_markdown.py: escaped text is read in runs, so rendering
  stays linear in the length of a text, and Markdown syntax no template writes is not looked for.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root holds the newsbuild package
from newsbuild.generated_markdown import GeneratedPageExtension  # noqa: E402
from newsbuild.write import read_manifest  # noqa: E402

_generated: set[str] = set()
_current_is_generated = False


def on_config(config):
    # MkDocs makes a Markdown converter for each page, after on_page_markdown: the extension
    # asks, when it is set up, whether that page is a generated one.
    config.markdown_extensions.append(GeneratedPageExtension(lambda: _current_is_generated))
    return config


def on_pre_build(config):
    _generated.clear()
    _generated.update(read_manifest(Path(config.docs_dir)))


def on_page_markdown(markdown, page, config, files):
    global _current_is_generated
    _current_is_generated = page.file.src_uri in _generated
    if _current_is_generated and (not page.meta or markdown.startswith("---")):
        raise PluginError(f"{page.file.src_uri}: MkDocs did not read the page's front matter; "
                          "the page is not published. Run build_pages.py again, and report this as a bug")
    return markdown
