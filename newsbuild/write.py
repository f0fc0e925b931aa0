"""Writing generated pages into docs/: atomic, only when changed, never over hand-written files.

A manifest (newsbuild/state/manifest.py) lists the files the builder owns. Files not in it are hand-written and are never touched. Each file
is written to a temporary dotfile and renamed over the target, so a build
killed at any moment leaves every page either old or new, never half-written.
(Pages are not fsynced: after a power cut the next build rewrites what differs.)
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .files import TEMP_PREFIX, atomic_write, file_lock
from .state import BUILD_LOCK, SITE_LOCK, store
from .state.manifest import (
    is_current,
    page_records,
    read_manifest,
    record_of,
    write_manifest,
)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    rendered: int = 0  # pages made again (the rest were known to be current without rendering)
    removed: list[str] = field(default_factory=list)
    # path → [key of what the page was made from, size, mtime_ns]: see record_of
    records: dict[str, list] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # for the editor, the build went on
    # When these pages stop being current although no input changes (a scheduled article is due), as
    # an RFC 3339 time; None: never.
    valid_until: str | None = None


class ConflictError(Exception):
    """A generated page would replace a file the builder did not make."""

    def __init__(self, paths: list[str]):
        super().__init__(paths)
        self.paths = paths


@contextmanager
def build_lock(docs: Path):
    """One build at a time per docs/: a second one waits for the first."""
    with file_lock(store(docs, BUILD_LOCK)):
        yield


@contextmanager
def site_lock(docs: Path):
    """One writer of docs/ and site/ at a time per checkout, across both steps of a site build: a
    preview (make serve), which writes drafts into docs/, waits while `make site` generates docs/ and
    renders site/ from it, so no draft reaches site/ (and `make site` waits for a preview's regeneration)."""
    with file_lock(store(docs, SITE_LOCK)):
        yield


def _remove_leftover_temp_files(docs: Path) -> None:
    for temp in docs.rglob(TEMP_PREFIX + "*"):
        temp.unlink(missing_ok=True)


@contextmanager
def replacing_pages(
    docs: Path, keys: dict[str, str | None], inputs: str | None = None, text_of=None
):
    """Lets the caller write exactly these generated pages (with write_page), then removes the
    generated pages no longer made. keys maps each page's path to the fingerprint of what it
    is made from (see record_of), or None.

    Yields the WriteReport. Its `records` start with the pages that the last build made from
    the same inputs and that nobody changed since: the caller need not write those, and adds
    the records of the pages it writes. inputs fingerprints the whole build (see
    is_up_to_date). Raises ConflictError, before writing anything, if a page would replace a
    hand-written file. A file missing from the manifest (deleted or lost) that already holds
    exactly what text_of(path) would write is taken back as generated, not a conflict.
    """
    docs = Path(docs)
    paths = set(keys)
    report = WriteReport()
    with build_lock(docs):
        _remove_leftover_temp_files(docs)
        owned = read_manifest(docs)
        unowned = sorted(p for p in paths if p not in owned and (docs / p).exists())
        conflicts = [
            p for p in unowned if not (text_of and holds(docs / p, text_of(p).encode("utf-8")))
        ]
        owned |= set(unowned) - set(conflicts)
        if conflicts:
            raise ConflictError(conflicts)
        previous = page_records(docs)
        report.records = {
            path: previous[path]
            for path, key in keys.items()
            if key and is_current(docs, path, key, previous.get(path))
        }
        # Claim the new files first: if the build dies midway, the next one still knows they are ours.
        # Only the records of pages left alone are kept meanwhile: the others are made again next time.
        write_manifest(docs, owned | paths, records=report.records)
        yield report
        for path in sorted(owned - paths):
            target = docs / path
            if target.exists() and made_here(docs, path, previous.get(path)):
                target.unlink()
                report.removed.append(path)
            remove_empty_parents(target.parent, docs)
        write_manifest(docs, paths, inputs, report.records, report.valid_until)


def holds(target: Path, data: bytes) -> bool:
    """True if the file target holds exactly data (its size is compared first, which is cheap)."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def write_page(docs: Path, path: str, text: str) -> bool:
    """Replace docs/path with text unless it holds that already; True if it was written."""
    target = Path(docs) / path
    data = text.encode("utf-8")
    if holds(target, data):
        return False
    atomic_write(target, data)
    return True


def write_pages(docs: Path, pages: dict[str, str], inputs: str | None = None) -> WriteReport:
    """Make docs/ hold exactly these generated pages (path → Markdown)."""
    with replacing_pages(docs, dict.fromkeys(pages), inputs, pages.get) as report:
        for path, text in pages.items():
            if write_page(docs, path, text):
                report.written.append(path)
            else:
                report.unchanged += 1
            # the next call may delete what this one wrote
            report.records[path] = record_of(docs, path, None)
    return report


# How a generated page begins: its front matter, JSON (newsbuild/render.py); hand-written pages have none.
GENERATED_START = b"---\n{\n"


def made_here(docs: Path, path: str, record) -> bool:
    """True if docs/path is the builder's to delete: as the last build recorded writing it, or a generated
    page or feed by its content (an interrupted build may have written it without a record). A file the
    manifest names wrongly (a hand-written about.md) is left alone."""
    if isinstance(record, list) and len(record) == 3 and is_current(docs, path, record[0], record):
        return True
    if path.startswith("feeds/") and path.endswith((".xml", ".json")):
        return True
    try:
        with open(Path(docs) / path, "rb") as handle:
            return path.endswith(".md") and handle.read(len(GENERATED_START)) == GENERATED_START
    except OSError:
        return False


def remove_empty_parents(directory: Path, docs: Path) -> None:
    """directory and its parents up to docs (not included), as long as they are empty."""
    while directory != docs and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
