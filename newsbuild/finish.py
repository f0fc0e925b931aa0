"""`newsbuild finish SITE`: what the site needs besides its rendered pages, for a site rendered by any
renderer (MkDocs with the newsbuild plugin does all of it while it builds; this is for the others).

In order, each only where the renderer left it undone:

- the npm assets (newsbuild/assets.py): the iframe-worker shim, the search engine, the font;
- the search index (newsbuild/search_index.py), of the pages in docs/: a generated page's document from
  its front matter and HTML body, a hand-written page's from the content of its built page;
- sitemap.xml, from the pages' own dates (`lastmod`), leaving out pages marked `robots` (withdrawn);
- 404.html's links made relative to the site's root (newsbuild/not_found.py);
- csp-script-hashes.txt, from every built page (newsbuild/csp.py), always;
- the reading sets' photos and sizes (newsbuild/reading_sets.py) and the service worker, always, last.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.utils.meta import get_data

from . import csp, not_found, reading_sets, service_worker
from .assets import published_assets
from .search_index import PARTS_DIR, SearchIndex
from .settings import SiteSettings
from .state import SEARCH_CACHE, store
from .state.manifest import read_manifest
from .state.site_records import SiteState

SITEMAP = "sitemap.xml"
QUOTE = {'"': "&quot;"}  # escape() of an attribute value
_CONTENT = re.compile(r"<article\b[^>]*>(.*)</article>|<main\b[^>]*>(.*)</main>", re.S | re.I)


@dataclass
class FinishReport:
    # what was added or rewritten, for the command's output
    done: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SourcePage:
    address: str  # e.g. articles/x.html
    meta: dict
    body: str  # the generated page's HTML, or the built page's content


def page_address(docs_path: str) -> str:
    return docs_path.removesuffix(".md") + ".html"


def built_content(page: Path) -> str:
    """The content of a built page: its <article> (Material's content area), else its <main>."""
    if not page.is_file():
        return ""
    match = _CONTENT.search(page.read_text(encoding="utf-8"))
    return (match.group(1) or match.group(2) or "") if match else ""


def source_pages(docs: Path, site: Path) -> list[SourcePage]:
    """Every page of docs/ (Markdown files outside dot folders), in path order."""
    generated = read_manifest(docs)
    pages = []
    for path in sorted(docs.rglob("*.md"), key=lambda p: p.relative_to(docs).parts):
        docs_path = path.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in path.relative_to(docs).parts):
            continue
        # MkDocs' own reader of front matter, as the builder checks its pages with (render.py)
        body, meta = get_data(path.read_text(encoding="utf-8"))
        address = page_address(docs_path)
        if docs_path not in generated:
            body = built_content(site / address)
        pages.append(SourcePage(address, meta, body))
    return pages


def copy_assets(root: Path, site: Path, report: FinishReport) -> None:
    for asset in published_assets(root / "node_modules"):
        target = site / asset.site_path
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if asset.source:
            shutil.copyfile(asset.source, target)
        else:
            target.write_text(asset.content, encoding="utf-8")
        report.done.append(asset.site_path)


def write_search_index(
    docs: Path, site: Path, pages: list[SourcePage], report, language: str = "en"
) -> None:
    if (site / PARTS_DIR).is_dir():
        return
    state = SiteState()
    state.pages = [page.address for page in pages]
    search = SearchIndex(store(docs, SEARCH_CACHE), language)
    try:
        for page in pages:
            search.add_page(page.address, page.meta, page.body)
        version = search.write(site, state, lambda: None)
    finally:
        search.stop()
    report.done.append(f"{PARTS_DIR}/{version}/")


def write_sitemap(site: Path, pages: list[SourcePage], site_url: str | None, report) -> None:
    if (site / SITEMAP).exists():
        return
    base = (site_url or "/").rstrip("/") + "/"
    entries = []
    for page in pages:
        if page.meta.get("robots"):
            continue
        lastmod = page.meta.get("lastmod")
        versions = "".join(
            f'         <xhtml:link rel="alternate" hreflang="{escape(version["hreflang"], QUOTE)}" '
            f'href="{escape(base + version["href"], QUOTE)}"/>\n'
            for version in page.meta.get("alternates") or ()
        )
        entries.append(
            f"    <url>\n         <loc>{escape(base + page.address)}</loc>\n"
            + (f"         <lastmod>{escape(str(lastmod))}</lastmod>\n" if lastmod else "")
            + versions
            + "    </url>\n"
        )
    (site / SITEMAP).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(entries) + "</urlset>\n",
        encoding="utf-8",
    )
    report.done.append(SITEMAP)


def finish(root: Path, docs: Path, site: Path, settings: SiteSettings) -> FinishReport:
    report = FinishReport()
    copy_assets(root, site, report)
    pages = source_pages(docs, site)
    write_search_index(docs, site, pages, report, settings.language)
    write_sitemap(site, pages, settings.site_url, report)
    if not_found.fix_not_found_page(site, settings.site_url):
        report.done.append(not_found.PAGE)
    csp.write_hashes(site, csp.site_script_hashes(site))
    report.done.append(csp.HASHES_FILE)
    reading_sets.complete(site)
    report.done.append(reading_sets.FOLDER)
    service_worker.write(site)  # last: its build id is a digest of the site's files
    report.done.append(service_worker.PATH)
    return report
