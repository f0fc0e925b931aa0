"""MkDocs hook for `mkdocs serve`: regenerate docs/ from source/ before each rebuild.

mkdocs.yml watches source/ and templates/, so saving an article rebuilds the
pages and the open browser tab reloads. Invalid content is reported in the
terminal and the last good pages stay up.

Of docs/, only the hand-written entries present at start are watched: the
generated pages are written by this hook during a rebuild, and watching them
would start a second rebuild after each one (and polling thousands of files
every half second slows every rebuild). Restart to watch a new top-level file.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo root holds the newsbuild package
from newsbuild.build import build, read_settings
from newsbuild.problems import SourceError
from newsbuild.write import ConflictError, read_manifest

log = logging.getLogger("mkdocs.hooks.regenerate")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between rebuilds: MkDocs makes a new Jinja
    environment for every rebuild, and compiling Material's templates again took a fifth
    of each rebuild. Jinja checks each template's source checksum, so edits still apply."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def on_env(env, config, files):
    if _serving:
        env.bytecode_cache = _compiled_templates
    return env


def on_serve(server, config, builder):
    docs = Path(config.docs_dir)
    generated = {path.split("/")[0] for path in read_manifest(docs)}
    server.unwatch(config.docs_dir)
    for entry in sorted(docs.iterdir()):
        if not entry.name.startswith(".") and entry.name not in generated:
            server.watch(str(entry))
    return server


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
