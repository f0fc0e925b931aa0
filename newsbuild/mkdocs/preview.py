"""`mkdocs serve` (make serve): docs/ regenerated from source/ before each rebuild.

mkdocs.yml watches source/ and templates/, so saving an article rebuilds the pages and the open
browser tab reloads. Invalid content is reported in the terminal and, until the source is valid
again, at the top of every page in the browser, located, as Hugo and Vite show build errors; the last
good pages stay up.

Of docs/, only the hand-written entries present at start are watched: the generated pages are written
here during a rebuild, and watching them would start a second rebuild after each one (and polling
thousands of files every half second slows every rebuild). Restart to watch a new top-level file.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from ..build import SiteSettings, build
from ..photos import MEDIA
from ..problems import SourceError
from ..state.manifest import read_manifest
from ..write import ConflictError, site_lock

log = logging.getLogger("mkdocs.plugins.newsbuild")
_BANNER = re.compile(r"<!-- build-problems -->.*?<!-- /build-problems -->", re.S)
_BODY = re.compile(r"<body[^>]*>")


def watch_hand_written(server, docs: Path) -> None:
    generated = {path.split("/")[0] for path in read_manifest(docs)} | {MEDIA}  # photo variants too
    server.unwatch(str(docs))
    for entry in sorted(docs.iterdir()):
        if not entry.name.startswith(".") and entry.name not in generated:
            server.watch(str(entry))


class Preview:
    """The problems of the last regeneration, shown in the browser while there are any."""

    def __init__(self):
        self.problems: list[str] = []
        self.banner_shown = False

    def regenerate(self, root: Path, docs: Path, settings: SiteSettings) -> None:
        try:
            # parallel=False: `mkdocs serve` runs threads, and forking a threaded process can deadlock.
            # preview: drafts and scheduled articles show, with a banner, for editors to check them.
            # Under the checkout's site lock: never between `make site`'s two steps, or drafts would
            # reach site/.
            with site_lock(docs):
                _, report = build(root / "source", docs, settings, parallel=False, preview=True)
        except SourceError as error:
            self.problems = [str(problem) for problem in error.problems]
            for problem in self.problems:
                log.error(problem)
            log.error("source/ has problems: showing the last good pages")
            return
        except ConflictError as error:
            self.problems = [
                f"{path}: a hand-written file is in the way of a generated page"
                for path in error.paths
            ]
            log.error(
                "hand-written files in the way of generated pages: %s", ", ".join(error.paths)
            )
            return
        self.problems = []
        if report.written or report.removed:
            log.info(
                "build_pages: %d page(s) written, %d removed",
                len(report.written),
                len(report.removed),
            )

    def _banner(self) -> str:
        items = "\n".join(html.escape(problem) for problem in self.problems)
        return (
            '<!-- build-problems --><div role="alert" style="position:relative;z-index:10;margin:0;padding:1em 1.5em;'
            'background:#b00020;color:#fff;font:0.8rem/1.5 monospace"><strong>source/ has problems: these are the '
            'last good pages. Fix them and save; this goes away.</strong><pre style="margin:0.5em 0 0;'
            f'white-space:pre-wrap;color:#fff;background:none">{items}</pre></div><!-- /build-problems -->'
        )

    def show_problems(self, site: Path) -> None:
        """The problems at the top of every page, or no banner once they are fixed. A dirty rebuild
        writes only changed pages, so the banner is put into (and taken out of) every page here."""
        if not (self.problems or self.banner_shown):
            return
        banner = self._banner() if self.problems else ""
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            cleaned = _BANNER.sub("", text)
            new = (
                _BODY.sub(lambda body: body.group() + banner, cleaned, count=1)
                if banner
                else cleaned
            )
            if new != text:
                page.write_text(new, encoding="utf-8")
        self.banner_shown = bool(self.problems)
