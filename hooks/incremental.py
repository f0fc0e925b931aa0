"""MkDocs hook: `mkdocs build --dirty` (what `make site` runs) gives the site a clean build gives.

A dirty build renders only the pages whose docs/ file changed since their HTML was written; this hook
makes the rest of the site agree with a clean build (newsbuild/site_state.py):

- with no state from a completed build of this site directory, or one made with another configuration,
  theme, hooks or MkDocs and Material versions, it empties the site directory: every page is rendered;
- the files of pages and assets that are gone from docs/ are deleted from the site;
- the search index and the CSP hashes take the pages not rendered from the last build's state
  (hooks/search_index.py, hooks/csp_hashes.py);
- the state is saved once the build has completed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root holds the newsbuild package
from newsbuild.site_state import site_state

_dirty = False
_serving = False


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale. Here it cannot (the nav lists fixed hub
    pages, and this hook keeps the rest in step), and under --strict the warning would abort the build."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    global _dirty, _serving
    _dirty, _serving = dirty, command == "serve"
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())


@event_priority(100)  # before the other hooks read the state
def on_config(config):
    site_state.begin(config, _dirty, _serving)
    return config


def on_files(files, config):
    present = sorted(file.dest_uri for file in files)
    site = Path(config.site_dir)
    for dest in set(site_state.previous("files").get("dests", [])) - set(present):
        path = site / dest
        path.unlink(missing_ok=True)
        for folder in path.parents:  # a clean build has no empty folders either
            if folder == site or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    site_state.keep("files", {"dests": present})
    return files


@event_priority(-100)  # after every other hook has kept its records
def on_post_build(config):
    site_state.finish(config)
