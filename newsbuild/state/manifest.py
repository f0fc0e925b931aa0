"""The manifest: the files of docs/ the builder owns, what each page was made from, and the inputs and
validity of the last complete build. Anything else in docs/ is hand-written and never touched."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

from ..files import atomic_write
from . import MANIFEST, store


def _read_manifest_file(docs: Path) -> dict:
    """The manifest, or {} if it is missing or damaged (of another shape than _write_manifest writes):
    the build then starts afresh, as if it were lost, and deletes nothing on its word."""
    try:
        data = json.loads(store(docs, MANIFEST).read_text(encoding="utf-8"))
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


def write_manifest(
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
    atomic_write(
        store(docs, MANIFEST), (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8")
    )
