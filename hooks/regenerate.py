"""MkDocs hook for `mkdocs serve`: regenerate docs/ from source/ before each rebuild.

mkdocs.yml watches source/ and templates/, so saving an article rebuilds the
pages and the open browser tab reloads. Invalid content is reported in the
terminal and the last good pages stay up.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root holds the newsbuild package
from newsbuild.build import build, read_settings
from newsbuild.problems import SourceError
from newsbuild.write import ConflictError

log = logging.getLogger("mkdocs.hooks.regenerate")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_pre_build(config):
    if not _serving:
        return  # `make site` runs build_pages.py itself, with its exit codes
    root = Path(config.config_file_path).parent
    try:
        # parallel=False: `mkdocs serve` runs threads, and forking a threaded process can deadlock.
        _, report = build(root / "source", Path(config.docs_dir), read_settings(config.config_file_path), parallel=False)
    except SourceError as error:
        for problem in error.problems:
            log.error(str(problem))
        log.error("source/ has problems: showing the last good pages")
        return
    except ConflictError as error:
        log.error("hand-written files in the way of generated pages: %s", ", ".join(error.paths))
        return
    if report.written or report.removed:
        log.info("build_pages: %d page(s) written, %d removed", len(report.written), len(report.removed))
