"""Local servers for benchmarks and tests: a free port, waiting for a URL, `mkdocs serve` as `make serve` runs it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_for(url: str, timeout: float = 10, interval: float = 0.05) -> None:
    """Return once url answers; raise the last error after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(interval)


def start_mkdocs_serve(project: Path, port: int, **popen_options) -> subprocess.Popen:
    """`mkdocs serve` in project with the options of `make serve`, on 127.0.0.1:port."""
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    return subprocess.Popen(
        [mkdocs, "serve", "--livereload", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        **popen_options,
    )
