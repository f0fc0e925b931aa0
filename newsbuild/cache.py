"""Parsed article files kept between builds, so that a rebuild after one edit re-reads one file.

Entries hold only plain data (what the YAML said, already checked against the schema),
stored with marshal, which cannot construct arbitrary objects. An entry is used only
while its file has the same content (by digest: an edit that keeps the size and the
modification time, as a checkout or a copy tool can, still counts), and the whole cache
only with the code and schemas that made it; anything unreadable counts as empty.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
from pathlib import Path

from .write import atomic_write

FORMAT = 2


def file_digests(folder: Path, pattern: str) -> dict[str, str]:
    """The content digest (as file_stamp gives it) of each file in folder matching pattern, by its
    path relative to folder, in path order."""
    # Path's own order, without its slow <
    paths = sorted(Path(folder).glob(pattern), key=lambda path: path.parts)
    return {
        path.relative_to(folder).as_posix(): stamp
        for path in paths
        if path.is_file() and (stamp := file_stamp(path))
    }


def file_states(folder: Path, pattern: str) -> dict[str, str]:
    """file_state of each regular file in folder matching pattern, by relative path."""
    states = {}
    for path in sorted(Path(folder).glob(pattern)):
        state = file_state(path)
        if state:
            states[path.relative_to(folder).as_posix()] = state
    return states


def file_state(path: Path) -> str | None:
    """Size, modification and change times and inode of a regular file (None for anything else): for
    files that an up-to-date check must not read (photos, megabytes each). Writing a file sets its
    change time (ctime) to now, and no tool can set it back (rsync -a, cp -p and tar x restore the
    modification time only), so a replaced file is seen even with its old size and time; the build then
    decides by content (photos.check digests each photo)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}"


def file_stamp(path: Path) -> str | None:
    """The digest of a file's content, or None if it cannot be read. Taken before the file is
    parsed: an edit after that makes the entry stale, never wrong."""
    try:
        if file_state(path) is None:  # not a regular file: a FIFO would wait for ever
            return None
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None


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
