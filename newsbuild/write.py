"""Writing generated pages into docs/: atomic, only when changed, never over hand-written files.

A manifest (docs/.generated.json; MkDocs skips dotfiles) lists the files the
builder owns. Files not in it are hand-written and are never touched. Each file
is written to a temporary dotfile and renamed over the target, so a build
killed at any moment leaves every page either old or new, never half-written.
(Pages are not fsynced: after a power cut the next build rewrites what differs.)
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".generated.json"
LOCK = ".build.lock"
TEMP_PREFIX = ".tmp-"


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


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        # No fsync: rename() alone makes each file appear whole or not at all to anything that
        # reads it, even if the build is killed; an fsync per page doubled the cost of a build.
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@contextmanager
def build_lock(docs: Path):
    """One build at a time per docs/: a second one waits for the first."""
    with file_lock(Path(docs) / LOCK):
        yield


SITE_LOCK = Path(".cache") / "site.lock"  # beside mkdocs.yml


@contextmanager
def site_lock(root: Path):
    """One writer of docs/ and site/ at a time per checkout, across both steps of a site build: a
    preview (make serve), which writes drafts into docs/, waits while `make site` generates docs/ and
    renders site/ from it, so no draft reaches site/ (and `make site` waits for a preview's regeneration)."""
    with file_lock(Path(root) / SITE_LOCK):
        yield


@contextmanager
def file_lock(path: Path):
    """An exclusive lock on path (made if missing), waiting for whoever holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if os.name == "nt":
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            # on POSIX the lock goes with the closed file


def _read_manifest_file(docs: Path) -> dict:
    """The manifest, or {} if it is missing or damaged (of another shape than _write_manifest writes):
    the build then starts afresh, as if it were lost, and deletes nothing on its word."""
    try:
        data = json.loads((Path(docs) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, list):  # the first manifest format: just the files
        data = {"files": data}
    if not isinstance(data, dict):
        return {}
    files, pages = data.get("files", []), data.get("pages", {})
    if not (
        isinstance(files, list)
        and all(isinstance(f, str) for f in files)
        and isinstance(pages, dict)
        and all(isinstance(r, list) for r in pages.values())
    ):
        return {}
    return data


def read_manifest(docs: Path) -> set[str]:
    """Paths the builder owns; entries that could point outside docs/ are ignored."""
    return _owned_files(_read_manifest_file(docs))


def _owned_files(manifest: dict) -> set[str]:
    entries = manifest.get("files", [])
    return {
        e
        for e in entries
        if isinstance(e, str) and not e.startswith("/") and ".." not in e.split("/")
    }


def page_records(docs: Path) -> dict[str, list]:
    """What the last build recorded of each page: [key, size, mtime_ns]. The key fingerprints
    what the page was made from; size and time tell whether the file is still as written."""
    records = _read_manifest_file(docs).get("pages", {})
    return records if isinstance(records, dict) else {}


def is_current(docs: Path, path: str, key: str, record) -> bool:
    """True if docs/path was made from inputs with this key and nobody changed it since."""
    if not (isinstance(record, list) and len(record) == 3 and record[0] == key):
        return False
    try:
        stat = os.stat(os.path.join(docs, path))  # not pathlib: 30,000 pages at 10,000 articles
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == record[1:]


def record_of(docs: Path, path: str, key: str) -> list:
    """What the manifest keeps of a page just written: its key and the file's size and time."""
    stat = (Path(docs) / path).stat()
    return [key, stat.st_size, stat.st_mtime_ns]


def is_up_to_date(docs: Path, inputs: str, now: datetime.datetime) -> bool:
    """True if the last complete build had these inputs, is still valid at this time (aware), and
    its pages are all still there."""
    manifest = _read_manifest_file(docs)
    valid_until = manifest.get("valid_until")
    if valid_until is not None and not (
        isinstance(valid_until, str) and now < _parse_time(valid_until)
    ):
        return False
    # os.path, not pathlib: 30,000 pages at 10,000 articles
    return manifest.get("inputs") == inputs and all(
        os.path.isfile(os.path.join(docs, p)) for p in _owned_files(manifest)
    )


def _parse_time(text: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:  # a damaged manifest: take the build as expired
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    return moment


def _write_manifest(
    docs: Path,
    paths: set[str],
    inputs: str | None = None,
    records: dict | None = None,
    valid_until: str | None = None,
) -> None:
    """inputs is recorded only once a build is complete, so an interrupted one is never taken as up to date."""
    data = {
        "inputs": inputs,
        "valid_until": valid_until,
        "files": sorted(paths),
        "pages": dict(sorted((records or {}).items())),
    }
    # without indent: only then does json encode in C (a second per build at 10,000 articles)
    atomic_write(docs / MANIFEST, (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8"))


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
        _write_manifest(docs, owned | paths, records=report.records)
        yield report
        for path in sorted(owned - paths):
            target = docs / path
            if target.exists() and made_here(docs, path, previous.get(path)):
                target.unlink()
                report.removed.append(path)
            remove_empty_parents(target.parent, docs)
        _write_manifest(docs, paths, inputs, report.records, report.valid_until)


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
