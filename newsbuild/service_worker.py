"""The service worker of the hosted site: sw.js at the site's root, for reading offline after a visit.

Its source is newsbuild/service_worker.js; this stage writes it into a rendered site with the build's id
(a digest of every file of the site, so any change makes a new worker, whose cache replaces the old one)
and the interface files it saves when it is installed. The pages register it with
assets/javascripts/offline-reading.js, which does nothing from file:// (the offline zip) or in an iframe.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .files import atomic_write

SOURCE = Path(__file__).with_name("service_worker.js")
PATH = "sw.js"
# What every page uses (the site's and Material's CSS and scripts, the fonts), saved when the worker is
# installed. Not the search engine, which loads only when a reader types (and is saved then), nor
# Material's own search languages, which this site does not use.
INTERFACE = ("assets/stylesheets/", "assets/javascripts/", "assets/fonts/")
INTERFACE_SUFFIXES = (".css", ".js", ".woff2")
NOT_INTERFACE = (
    "assets/javascripts/lunr/",
    "assets/javascripts/workbox/",
    "assets/javascripts/workers/",
)
# What every page loads besides: the search worker's small first script and the index's settings.
SEARCH_AT_LOAD = ("assets/javascripts/workers/search-lazy.js", "search/search_index.json")


def interface_files(site: Path) -> list[str]:
    files = []
    for path in sorted(Path(site).joinpath("assets").rglob("*")):
        address = path.relative_to(site).as_posix()
        if (
            path.suffix in INTERFACE_SUFFIXES
            and address.startswith(INTERFACE)
            and not address.startswith(NOT_INTERFACE)
            and path.is_file()
        ):
            files.append(address)
    return files + [f for f in SEARCH_AT_LOAD if (Path(site) / f).is_file()]


def build_id(site: Path) -> str:
    """A digest of the site's files (names and content) and of the worker's source."""
    digest = hashlib.sha256(SOURCE.read_bytes())
    for path in sorted(Path(site).rglob("*")):
        address = path.relative_to(site).as_posix()
        if address == PATH or path.suffix in (".gz", ".br") or not path.is_file():
            continue
        digest.update(f"{address}\0{path.stat().st_size}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write(site: Path) -> None:
    source = SOURCE.read_text(encoding="utf-8")
    text = source.replace("__BUILD__", build_id(site)).replace(
        "__INTERFACE__", json.dumps(interface_files(site))
    )
    atomic_write(Path(site) / PATH, text.encode("utf-8"))
