"""MkDocs hook: `mkdocs build --dirty` (what `make site` runs) gives the site a clean build gives.

A dirty build renders only the pages whose docs/ file changed since their HTML was written; this hook
makes the rest of the site agree with a clean build (newsbuild/site_state.py):

- with no state from a completed build of this site directory, or one made with another configuration,
  theme, hooks or MkDocs and Material versions, it empties the site directory: every page is rendered;
- the files of pages and assets that are gone from docs/ are deleted from the site, and so is any file
  the last build did not write (the .gz and .br copies of `make dist`, files put there by hand);
- when the pages the nav finds are not those the last build's nav found, every page is rendered;
- the search index and the CSP hashes take the pages not rendered from the last build's state
  (hooks/search_index.py, hooks/csp_hashes.py);
- the state is saved once the build has completed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from newsbuild.cache import file_state
from newsbuild.photos import MEDIA  # noqa: E402
from newsbuild.site_state import site_state  # noqa: E402
from newsbuild.write import read_manifest, remove_empty_parents  # noqa: E402


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale. Here it cannot (the nav lists fixed hub
    pages, and this hook keeps the rest in step), and under --strict the warning would abort the build."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    site_state.on_disk = command != "serve"  # `mkdocs serve` keeps the state in memory only
    site_state.dirty = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())


@event_priority(100)  # before the other hooks read the state
def on_config(config):
    site_state.begin(config)
    return config


def on_files(files, config):
    present = sorted(file.dest_uri for file in files)
    site = Path(config.site_dir)
    last = site_state.previous("files")
    if last:
        # What a clean build would not have: the files of pages and assets gone from docs/, and whatever
        # the last build did not write (the .gz and .br copies `make dist` adds, files put there by hand)
        made = set(last.get("site", [])) - (set(last.get("dests", [])) - set(present))
        for path in site_files(site):
            if path not in made:
                (site / path).unlink(missing_ok=True)
                # a clean build has no empty folders either
                remove_empty_parents((site / path).parent, site)
    site_state.keep("files", {"dests": present})
    site_state.pages = [file.url for file in files.documentation_pages()]
    # MkDocs' --dirty goes by modification time, which rsync -a, cp -p and tar x set back: the hand-written
    # files of docs/ are compared with the last build's by a state that includes the change time instead.
    hand_written = hand_written_states(files, config)
    edited = {
        path
        for path, state in hand_written.items()
        if site_state.previous("sources").get(path) != state
    }
    site_state.keep("sources", hand_written)
    if site_state.dirty:
        # MkDocs asks each page twice whether it changed (three stat calls each time): 30,000 pages at
        # 10,000 articles. Nothing is written before the pages are built, so the first answer stands.
        for file in files:
            file.is_modified = _answer(file.src_uri in edited or file.is_modified())
    return files


def hand_written_states(files, config) -> dict[str, str]:
    """The file_state of each file of docs/ the builder did not make (its pages are rewritten when they
    change, and its photos are named by their content): a change of content always changes it."""
    docs = Path(config.docs_dir)
    generated = read_manifest(docs)
    return {
        file.src_uri: file_state(file.abs_src_path)
        for file in files
        if file.abs_src_path
        and file.src_uri not in generated
        and not file.src_uri.startswith(MEDIA + "/")
        and Path(file.abs_src_path).is_relative_to(docs)
    }


def on_nav(nav, config, files):
    # Every page shows the nav: if an entry finds its page where the last build did not (a hub missing
    # then, its tab a bare link), or no longer does, the pages not rendered again would show the old nav.
    found = [page.file.src_uri for page in nav.pages]
    if site_state.dirty and found != site_state.previous("nav").get("pages"):
        for file in files.documentation_pages():
            file.is_modified = _answer(True)
    site_state.keep("nav", {"pages": found})
    return nav


def site_files(site: Path) -> list[str]:
    found = []
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        found.extend(
            name if relative == "." else f"{relative}/{name}".replace(os.sep, "/") for name in names
        )
    return found


def _answer(value: bool):
    return lambda: value


@event_priority(-100)  # after every other hook has kept its records
def on_post_build(config):
    site_state.keep(
        "files", {**site_state.previous("files"), "site": sorted(site_files(Path(config.site_dir)))}
    )
    site_state.finish(config)
