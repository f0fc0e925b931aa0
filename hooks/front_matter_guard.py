"""MkDocs hook: stop the build if a generated page's front matter was not read as front matter.

When MkDocs' YAML reader rejects a page's front matter, it silently keeps the whole
block as page text, and Markdown would render it, HTML included. The builder writes
front matter MkDocs reads back (and checks that it does); this is the same check on
MkDocs' side, so that such a page can never be published.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

_generated: set[str] = set()


def on_pre_build(config):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root holds newsbuild
    from newsbuild.write import read_manifest

    _generated.clear()
    _generated.update(read_manifest(Path(config.docs_dir)))


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in _generated and (not page.meta or markdown.startswith("---")):
        raise PluginError(f"{page.file.src_uri}: MkDocs did not read the page's front matter; "
                          "the page is not published. Run build_pages.py again, and report this as a bug")
    return markdown
