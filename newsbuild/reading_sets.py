"""Reading sets: a theme, a person, organization or place, or a year of the archive, which a reader of the
hosted site saves for reading offline with one button, its size shown before saving
(assets/javascripts/offline-reading.js fetches the set's pages and photos through the service worker,
which keeps them).

Before rendering, manifests() plans offline/<kind>/<id>.json for each theme and registry entry that has
articles, and offline/years.json for the archive: each set's title and pages (the listing's own pages and
the pages of its articles), keyed by the entry's id or the year. It also names the file in the context of
the listing pages, whose templates show the button. After rendering, complete(site) adds to each set the
photos its pages show (their <img src>; offline, the service worker answers any other size of a saved
photo with the saved one) and the bytes of pages and photos together, which the button shows.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .files import atomic_write
from .listing import html_path
from .page import Page

FOLDER = "offline"
YEARS = f"{FOLDER}/years.json"
_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"', re.I)


def manifests(pages: list[Page]) -> list[Page]:
    """The sets' files, from the listing pages among pages, whose context gains `reading_set`: the
    file their buttons read. A subject without articles has no set."""
    files: dict[str, dict[str, dict]] = {}
    sources: dict[str, dict] = {}
    shown_on: dict[str, list[Page]] = {}

    def add(file: str, key: str, title: str, page: Page, articles) -> None:
        entry = files.setdefault(file, {}).setdefault(key, {"title": title, "pages": {}, "n": 0})
        entry["pages"][html_path(page.path)] = None
        for article in articles:
            entry["pages"][html_path(article.page)] = None
        entry["n"] += len(articles)
        sources.setdefault(file, {}).update(dict.fromkeys(page.sources))
        shown_on.setdefault(file, []).append(page)

    for page in pages:
        context = page.context
        if page.template == "theme.html.j2" and "theme" in context:
            theme = context["theme"]
            add(f"{FOLDER}/themes/{theme.id}.json", theme.id, theme.name, page, context["articles"])
        elif page.template == "entity.html.j2" and "entity" in context:
            entity = context["entity"]
            file = f"{FOLDER}/{entity.kind}/{entity.id}.json"
            add(file, entity.id, entity.name, page, context["articles"])
        elif page.template == "archive.html.j2" and not context.get("language"):
            for year, months in context["years"]:
                articles = [a for _, in_month in months for a in in_month]
                add(YEARS, str(year), str(year), page, articles)
    planned = []
    for file, sets in files.items():
        sets = {key: s for key, s in sets.items() if s["n"]}
        if not sets:
            continue
        for page in shown_on[file]:
            page.context["reading_set"] = file
        data = {key: {"title": s["title"], "pages": list(s["pages"])} for key, s in sets.items()}
        planned.append(Page(file, "json", {"data": data}, tuple(sources[file])))
    return planned


def page_images(site: Path, address: str) -> list[str]:
    """The site files a built page shows as images (its <img src>), as site addresses."""
    text = (site / address).read_text(encoding="utf-8")
    folder = posixpath.dirname(address)
    found = []
    for src in _IMG_SRC.findall(text):
        parts = urlsplit(html.unescape(src))
        if parts.scheme or parts.netloc or not parts.path:
            continue
        image = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if not image.startswith("../") and (site / image).is_file():
            found.append(image)
    return found


def complete(site: Path) -> None:
    """Adds to every set of the built site its photos and its size in bytes (pages and photos)."""
    site = Path(site)
    images: dict[str, list[str]] = {}  # a page in several sets is read once
    for path in sorted((site / FOLDER).rglob("*.json")):
        sets = json.loads(path.read_text(encoding="utf-8"))
        for entry in sets.values():
            # a page missing from the site (rendered without the builder's pages) weighs nothing
            pages = [p for p in entry["pages"] if (site / p).is_file()]
            photos = {}
            for page in pages:
                if page not in images:
                    images[page] = page_images(site, page)
                photos.update(dict.fromkeys(images[page]))
            entry["photos"] = list(photos)
            entry["bytes"] = sum((site / f).stat().st_size for f in [*pages, *photos])
        text = json.dumps(sets, ensure_ascii=False, indent=1) + "\n"
        if path.read_text(encoding="utf-8") != text:
            atomic_write(path, text.encode("utf-8"))
