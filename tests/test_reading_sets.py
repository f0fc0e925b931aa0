"""Reading sets (newsbuild/reading_sets.py) on the archive of 50 articles whose every listing is split by
year and month: each theme's, registry entry's and year's set holds every page of its listing and every
article those pages list, the photos they show, and their size in bytes, which the button shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import page_links, resolve

KINDS = ("themes", "people", "organizations", "places")


def listed_articles(site: Path, pages: list[Path]) -> set[str]:
    found = set()
    for page in pages:
        for href, _ in page_links(page.read_text(encoding="utf-8"))[1]:
            if "://" in href:
                continue
            target, _ = resolve(site, page, href)
            if target.parent == (site / "articles").resolve() and target.name != "index.html":
                found.add(target.relative_to(site.resolve()).as_posix())
    return found


def check_size(site: Path, entry: dict) -> None:
    assert all(photo.startswith("media/") for photo in entry["photos"])
    files = entry["pages"] + entry["photos"]
    assert entry["bytes"] == sum((site / file).stat().st_size for file in files)


@pytest.mark.parametrize("standard_site", ["synthetic-50"], indirect=True)
def test_each_theme_and_entry_set_holds_its_listing_and_every_article_it_lists(standard_site):
    _, site = standard_site
    checked = 0
    for kind in KINDS:
        for first in sorted((site / kind).glob("*.html")):
            if first.name == "index.html":
                continue
            listing = [first, *sorted((site / kind / first.stem).rglob("*.html"))]
            articles = listed_articles(site, listing)
            file = site / "offline" / kind / f"{first.stem}.json"
            if not articles:
                assert not file.exists(), file
                assert "data-reading-set" not in first.read_text(encoding="utf-8")
                continue
            entry = json.loads(file.read_text(encoding="utf-8"))[first.stem]
            pages = {p.relative_to(site).as_posix() for p in listing} | articles
            assert sorted(entry["pages"]) == sorted(pages), file
            check_size(site, entry)
            # every page of the listing offers the set
            for page in listing:
                assert f'data-reading-set-key="{first.stem}"' in page.read_text(encoding="utf-8")
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("standard_site", ["synthetic-50"], indirect=True)
def test_the_year_sets_divide_the_archive_by_year(standard_site):
    _, site = standard_site
    years = json.loads((site / "offline/years.json").read_text(encoding="utf-8"))
    assert len(years) > 1
    every = {
        p.relative_to(site).as_posix()
        for p in (site / "articles").glob("*.html")
        if p.name != "index.html"
    }
    seen = set()
    for year, entry in years.items():
        check_size(site, entry)
        articles = {p for p in entry["pages"] if p.startswith("articles/")}
        assert not articles & seen
        seen |= articles
        for article in articles:
            published = re.search(
                r'article:published_time" content="(\d{4})', (site / article).read_text("utf-8")
            )
            assert published.group(1) == year, article
        # the archive's page of that year is in its set
        if (site / f"archive/{year}.html").exists():
            assert f"archive/{year}.html" in entry["pages"]
    assert seen == every
