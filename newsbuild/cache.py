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


class SourceCache:
    def __init__(self, path: Path | None, version: str):
        self.path = Path(path) if path else None
        self.version = f"{FORMAT}:{sys.version_info[:2]}:{version}"
        self.entries: dict[str, tuple] = {}
        if self.path:
            try:
                stored = marshal.loads(self.path.read_bytes())
                if stored["version"] == self.version:
                    self.entries = stored["entries"]
            except Exception:  # missing, truncated, or from another version: start afresh
                self.entries = {}

    @staticmethod
    def stamp(path: Path) -> tuple[int, int]:
        """Taken before the file is read: an edit after that makes the entry stale, never wrong."""
        stat = path.stat()
        return stat.st_size, stat.st_mtime_ns

    def get(self, name: str, stamp: tuple[int, int]):
        """(data, digest) of the file as last read, if it has not changed since."""
        entry = self.entries.get(name)
        return entry[1:] if entry and tuple(entry[0]) == stamp else None

    def has_fresh(self, path: Path) -> bool:
        """True if the file at path is in the cache as it is now."""
        try:
            return self.get(path.name, self.stamp(path)) is not None
        except OSError:
            return False

    def save(self, entries: dict[str, tuple]) -> None:
        """Replace the cache with these entries: name → (stamp, data, digest)."""
        if self.path:
            atomic_write(self.path, marshal.dumps({"version": self.version, "entries": entries}))
            self.entries = entries
