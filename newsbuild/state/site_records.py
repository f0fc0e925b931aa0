"""What a build of site/ keeps for the next one, so that `mkdocs build --dirty` gives a clean build's site.

MkDocs' --dirty renders only the pages whose docs/ file is newer than their HTML. A page depends on
its docs/ file alone (the nav lists fixed hub pages only; the plugin renders every page when the
pages it finds change), but three things a build writes gather every
page: the search index, the CSP hashes and the set of files. A dirty build sees only the pages it
renders, so the plugin keeps what each page gave it here, and takes the other pages' from the last build.

The records are kept in the state folder (newsbuild/state/), one file per site directory, with the
render stage's fingerprint (fingerprints.render_fingerprint: what every page's HTML depends on besides
its own docs/ file). A dirty build with no state, or with another fingerprint, empties the site directory first, so every
page is rendered: the result is then a clean build's. `mkdocs serve` keeps the state in memory only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from . import SITE_RECORDS, store
from .fingerprints import render_fingerprint


class SiteState:
    """Per-page records of the plugin's parts, for one site directory."""

    def __init__(self):
        self.records: dict[str, dict] = {}  # part's name → {page address → what the page gave it}
        self.site_dir = ""
        self.fingerprint = ""
        self.on_disk = True  # False under `mkdocs serve`
        self.dirty = False  # a dirty build (`mkdocs build --dirty`, `mkdocs serve --dirty`)
        # every page's address, in the order a clean build renders them
        self.pages: list[str] = []

    def _path(self, docs: Path) -> Path:
        name = hashlib.sha256(os.path.abspath(self.site_dir).encode("utf-8")).hexdigest()[:16]
        return store(docs, SITE_RECORDS) / f"{name}.json"

    def begin(self, config) -> None:
        """At the start of a build: the last build's records if a dirty build may use them, else none
        (and an emptied site directory for a dirty build, which then renders every page)."""
        docs = Path(config.docs_dir)
        fingerprint = render_fingerprint(config.config_file_path, config.site_url)
        same_site = self.site_dir == config.site_dir and self.fingerprint == fingerprint
        self.site_dir, self.fingerprint = config.site_dir, fingerprint
        if self.on_disk:
            path = self._path(docs)
            self.records = _read(path, fingerprint) if self.dirty else {}
            # until this build completes, its site is no base for another
            path.unlink(missing_ok=True)
        elif not (self.dirty and same_site):
            self.records = {}
        if self.dirty and not self.records:
            empty_folder(Path(config.site_dir))

    def previous(self, part: str) -> dict:
        """The records a part kept: the last build's, until this build keeps its own."""
        return self.records.get(part, {})

    def keep(self, part: str, records: dict) -> None:
        self.records[part] = records

    def other_search_keys(self, config) -> list[str]:
        """The search documents' keys the records of other site directories keep (search_index.py)."""
        docs = Path(config.docs_dir)
        keys = set()
        for path in sorted(store(docs, SITE_RECORDS).glob("*.json")):
            if path != self._path(docs):
                records = _read(path, None).get("search", {})
                keys.update(
                    d["key"] for d in records.values() if isinstance(d, dict) and "key" in d
                )
        return sorted(keys)

    def finish(self, config) -> None:
        """At the end of a build that completed: its records, for the next dirty build."""
        if not self.on_disk:
            return
        path = self._path(Path(config.docs_dir))
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        # json.dumps, not json.dump: only the former runs in C (a second at 10,000 articles)
        text = json.dumps(
            {"fingerprint": self.fingerprint, "records": self.records},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)


def empty_folder(folder: Path) -> None:
    """Delete what a folder holds (not the folder: a server may be serving it)."""
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def _read(path: Path, fingerprint: str | None) -> dict:
    """The records of a state file, if it has this fingerprint (None: whatever its fingerprint)."""
    try:
        with open(path, encoding="utf-8") as file:
            state = json.load(file)
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or (
        fingerprint is not None and state.get("fingerprint") != fingerprint
    ):
        return {}
    records = state.get("records")
    return records if isinstance(records, dict) else {}
