"""Parsed article files kept between builds, so that a rebuild after one edit re-reads one file.

Entries hold only plain data (what the YAML said, already checked against the schema),
stored with marshal, which cannot construct arbitrary objects. An entry is used only
while its file has the same content (by digest: an edit that keeps the size and the
modification time, as a checkout or a copy tool can, still counts), and the whole cache
only with the code and schemas that made it; anything unreadable counts as empty.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from ..write import atomic_write

FORMAT = 2


class SourceCache:
    def __init__(self, path: Path, version: str):
        self.path = Path(path)
        self.version = f"{FORMAT}:{sys.version_info[:2]}:{version}"
        try:
            stored = marshal.loads(self.path.read_bytes())
            self.entries: dict[str, tuple] = (
                stored["entries"] if stored["version"] == self.version else {}
            )
        except Exception:  # missing, truncated, or from another version: start afresh
            self.entries = {}

    def get(self, name: str, stamp: str | None):
        """(data, digest) of the file as last read, if its content has not changed since."""
        entry = self.entries.get(name)
        return entry[1:] if stamp and entry and entry[0] == stamp else None

    def save(self) -> None:
        """Store the entries (name → (stamp, data, digest)) for the next build."""
        atomic_write(self.path, marshal.dumps({"version": self.version, "entries": self.entries}))
