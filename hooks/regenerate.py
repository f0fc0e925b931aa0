"""MkDocs hook for `mkdocs serve`: regenerate docs/ from source/ before each rebuild.

mkdocs.yml watches source/ and templates/, so saving an article rebuilds the
pages and the open browser tab reloads. Invalid content is reported in the
terminal and, until the source is valid again, at the top of every page in the
browser, located, as Hugo and Vite show build errors; the last good pages stay up.

Of docs/, only the hand-written entries present at start are watched: the
generated pages are written by this hook during a rebuild, and watching them
would start a second rebuild after each one (and polling thousands of files
every half second slows every rebuild). Restart to watch a new top-level file.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import jinja2

from newsbuild.build import build, read_settings
from newsbuild.photos import MEDIA
from newsbuild.problems import SourceError
from newsbuild.write import ConflictError, read_manifest, site_lock

log = logging.getLogger("mkdocs.hooks.regenerate")
_serving = False
_problems: list[str] = []  # of the last regeneration, shown in the browser while there are any
_banner_shown = False
_BANNER = re.compile(r"<!-- build-problems -->.*?<!-- /build-problems -->", re.S)
_BODY = re.compile(r"<body[^>]*>")


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
    # photo variants are made too
    generated = {path.split("/")[0] for path in read_manifest(docs)} | {MEDIA}
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
        # preview: drafts and scheduled articles show, with a banner, for editors to check them.
        # Under the checkout's site lock: never between `make site`'s two steps, or drafts would reach site/.
        with site_lock(root):
            _, report = build(
                root / "source",
                Path(config.docs_dir),
                read_settings(config.config_file_path),
                parallel=False,
                preview=True,
            )
    except SourceError as error:
        _problems[:] = [str(problem) for problem in error.problems]
        for problem in _problems:
            log.error(problem)
        log.error("source/ has problems: showing the last good pages")
        return
    except ConflictError as error:
        _problems[:] = [
            f"{path}: a hand-written file is in the way of a generated page" for path in error.paths
        ]
        log.error("hand-written files in the way of generated pages: %s", ", ".join(error.paths))
        return
    _problems.clear()
    if report.written or report.removed:
        log.info(
            "build_pages: %d page(s) written, %d removed", len(report.written), len(report.removed)
        )


def _banner() -> str:
    items = "\n".join(html.escape(problem) for problem in _problems)
    return (
        '<!-- build-problems --><div role="alert" style="position:relative;z-index:10;margin:0;padding:1em 1.5em;'
        'background:#b00020;color:#fff;font:0.8rem/1.5 monospace"><strong>source/ has problems: these are the '
        'last good pages. Fix them and save; this goes away.</strong><pre style="margin:0.5em 0 0;'
        f'white-space:pre-wrap;color:#fff;background:none">{items}</pre></div><!-- /build-problems -->'
    )


def on_post_build(config):
    """While serving: the problems at the top of every page, or no banner once they are fixed.
    A dirty rebuild writes only changed pages, so the banner is put into (and taken out of) every page here."""
    global _banner_shown
    if not _serving or not (_problems or _banner_shown):
        return
    banner = _banner() if _problems else ""
    for page in Path(config.site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        cleaned = _BANNER.sub("", text)
        new = _BODY.sub(lambda body: body.group() + banner, cleaned, count=1) if banner else cleaned
        if new != text:
            page.write_text(new, encoding="utf-8")
    _banner_shown = bool(_problems)
