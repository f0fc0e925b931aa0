"""Per-user caches outside the build state: work an earlier run did, taken instead of doing it again.

Each lives in a folder of the system's temporary folder that only its owner can read or write
(`/tmp/newsbuild-<name>-<uid>/`). Nothing taken from one shapes an output unchecked: each user of a cache
checks what it takes, and a cache that cannot be used (no safe folder, a full disk, a damaged entry) only
means doing the work again. The build state (newsbuild/state/) is what a build depends on; these are not.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable, TypeVar

UNUSED_DAYS = 30  # an entry no run has used for this long is removed
T = TypeVar("T")


def folder(name: str) -> Path | None:
    """The cache folder of this name, made if missing; None where there is no safe one (not owned by
    this user, or open to others)."""
    if not hasattr(os, "getuid"):
        return None
    path = Path(tempfile.gettempdir()) / f"newsbuild-{name}-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o077:
        return None
    return path


def take(entry: Path, read: Callable[[bytes], T | None]) -> T | None:
    """read(entry's bytes), if the entry exists and read accepts it (returns something, raises nothing:
    a damaged or foreign entry is refused); a taken entry is marked as used."""
    try:
        taken = read(entry.read_bytes())
        if taken is not None:
            os.utime(entry)
        return taken
    except Exception:  # missing, unreadable, or damaged in a way read raises on (its own errors)
        return None


def keep(entry: Path, data: bytes) -> None:
    """Write an entry whole or not at all (other processes read the folder meanwhile)."""
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, entry)
    except OSError:  # not kept this time (a full disk): the work is done all the same
        temporary.unlink(missing_ok=True)


def remove_unused(cache: Path, days: int = UNUSED_DAYS) -> None:
    """Remove the entries no run has used (touched) for days."""
    oldest = time.time() - days * 86400
    for entry in cache.iterdir():
        try:
            if entry.lstat().st_mtime < oldest:
                entry.unlink()
        except OSError:
            pass
