"""Parsed article files kept between builds, so that a rebuild after one edit re-reads one file.

Entries hold only plain data (what the YAML said, already checked against the schema),
stored with marshal, which cannot construct arbitrary objects. An entry is used only
while its file has the same size and modification time, and the whole cache only
with the code and schemas that made it; anything unreadable counts as empty.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from .write import atomic_write

FORMAT = 1


def file_stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time, or None if it cannot be read. Taken before the
    file is read: an edit after that makes the entry stale, never wrong."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


class SourceCache:
    def __init__(self, path: Path, version: str):
        self.path = Path(path)
        self.version = f"{FORMAT}:{sys.version_info[:2]}:{version}"
        try:
            stored = marshal.loads(self.path.read_bytes())
            self.entries: dict[str, tuple] = stored["entries"] if stored["version"] == self.version else {}
        except Exception:  # missing, truncated, or from another version: start afresh
            self.entries = {}

    def get(self, name: str, stamp: tuple[int, int] | None):
        """(data, digest) of the file as last read, if it has not changed since."""
        entry = self.entries.get(name)
        return entry[1:] if stamp and entry and tuple(entry[0]) == stamp else None

    def save(self) -> None:
        """Store the entries (name → (stamp, data, digest)) for the next build."""
        atomic_write(self.path, marshal.dumps({"version": self.version, "entries": self.entries}))
