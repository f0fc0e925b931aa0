"""Debian's Chromium, headless, as the tests, the benchmarks and the screenshots all launch it."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def installed() -> bool:
    return Path(CHROMIUM).exists()


def launch(playwright):
    """A browser from a started Playwright (sync API)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
