"""`mkdocs build --dirty` (what `make site` runs) gives the site a clean build gives.

A dirty build renders only the pages whose docs/ file changed since their HTML was written; this part
of the plugin makes the rest of the site agree with a clean build (newsbuild/state/site_records.py):

- with no state from a completed build of this site directory, or one made with another configuration,
  theme, plugin code or MkDocs and Material versions, it empties the site directory: every page is
  rendered;
- the files of pages and assets that are gone from docs/ are deleted from the site, and so is any file
  the last build did not write (the .gz and .br copies of `make dist`, files put there by hand);
- when the pages the nav finds are not those the last build's nav found, every page is rendered;
- the search index and the CSP hashes take the pages not rendered from the last build's state.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..photos import MEDIA
from ..state.fingerprints import stat_signature
from ..state.manifest import read_manifest
from ..state.site_records import SiteState
from ..write import remove_empty_parents
from . import compat


def site_files(site: Path) -> list[str]:
    found = []
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        found.extend(
            name if relative == "." else f"{relative}/{name}".replace(os.sep, "/") for name in names
        )
    return found


def remove_what_a_clean_build_lacks(state: SiteState, files, site: Path) -> None:
    """The files of pages and assets gone from docs/, and whatever the last build did not write (the
    .gz and .br copies `make dist` adds, files put there by hand); empty folders with them."""
    present = sorted(file.dest_uri for file in files)
    last = state.previous("files")
    if last:
        made = set(last.get("site", [])) - (set(last.get("dests", [])) - set(present))
        for path in site_files(site):
            if path not in made:
                (site / path).unlink(missing_ok=True)
                remove_empty_parents((site / path).parent, site)
    state.keep("files", {"dests": present})
    state.pages = [file.url for file in files.documentation_pages()]


def mark_edited_pages(state: SiteState, files, docs: Path) -> None:
    """MkDocs' --dirty goes by modification time, which rsync -a, cp -p and tar x set back: the
    hand-written files of docs/ are compared with the last build's by a state that includes the change
    time instead."""
    hand_written = hand_written_states(files, docs)
    edited = {
        path for path, stamp in hand_written.items() if state.previous("sources").get(path) != stamp
    }
    state.keep("sources", hand_written)
    if state.dirty:
        # MkDocs asks each page twice whether it changed (three stat calls each time): 30,000 pages at
        # 10,000 articles. Nothing is written before the pages are built, so the first answer stands.
        for file in files:
            compat.answer_modified(file, file.src_uri in edited or file.is_modified())


def hand_written_states(files, docs: Path) -> dict[str, str]:
    """The stat_signature of each file of docs/ the builder did not make (its pages are rewritten when they
    change, and its photos are named by their content): a change of content always changes it."""
    generated = read_manifest(docs)
    return {
        file.src_uri: stat_signature(file.abs_src_path)
        for file in files
        if file.abs_src_path
        and file.src_uri not in generated
        and not file.src_uri.startswith(MEDIA + "/")
        and Path(file.abs_src_path).is_relative_to(docs)
    }


def follow_the_nav(state: SiteState, nav, files) -> None:
    """Every page shows the nav: if an entry finds its page where the last build did not (a hub missing
    then, its tab a bare link), or no longer does, the pages not rendered again would show the old nav."""
    found = [page.file.src_uri for page in nav.pages]
    if state.dirty and found != state.previous("nav").get("pages"):
        for file in files.documentation_pages():
            compat.answer_modified(file, True)
    state.keep("nav", {"pages": found})


def list_site(state: SiteState, site: Path) -> None:
    """What this build wrote: the next dirty build deletes anything else."""
    state.keep("files", {**state.previous("files"), "site": sorted(site_files(site))})
