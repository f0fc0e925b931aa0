"""Files written whole or not at all, and locks between processes."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".tmp-"


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
