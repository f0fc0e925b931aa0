"""Long listings are split by time with addresses that do not move; long indexes by initial letter."""

import re
import shutil

from helpers import ROOT

from bench.synthetic import write_archive
from newsbuild.build import SiteSettings, render_pages
from newsbuild.listing import listing
from newsbuild.model import PartialDate, load_corpus


class Item:
    def __init__(self, number, date):
        self.id, self.published = number, PartialDate.parse(date)

    def __repr__(self):
        return f"Item({self.id}, {self.published.iso})"


def items(dates):
    made = [Item(n, d) for n, d in enumerate(dates)]
    return sorted(
        made,
        key=lambda i: (i.published.year, i.published.month, i.published.day, i.id),
        reverse=True,
    )


def test_a_short_listing_is_one_page():
    pages = listing("themes/x.md", items(["2023-01", "2022-05-01"]), lambda a: 1, 5)
    assert [p.path for p in pages.parts] == ["themes/x.md"] and not pages.paginated


def test_a_long_listing_has_its_newest_first_and_every_item_on_the_page_of_its_period():
    dates = [
        f"{year}-{month:02d}-{day:02d}"
        for year in (2021, 2022, 2023)
        for month in (1, 2, 7)
        for day in (1, 2, 3)
    ]
    dates += ["2023", "2022-02"]  # a year-only and a month-only date
    listed = items(dates)
    pages = listing("themes/x.md", listed, lambda a: 1, 5)
    first = pages.parts[0]
    assert first.path == "themes/x.md" and first.articles == listed[:5]
    periods = pages.parts[1:]
    shown = [a for p in periods for a in p.articles]
    # every item once, on its period's page
    assert sorted(a.id for a in shown) == sorted(a.id for a in listed)
    assert all(len(p.articles) <= 5 for p in pages.parts)
    paths = [p.path for p in periods]
    assert (
        "themes/x/2023.md" in paths
        and "themes/x/2023-07.md" in paths
        and "themes/x/2023-other.md" in paths
    )
    assert pages.years == [
        (2023, "themes/x/2023.md"),
        (2022, "themes/x/2022.md"),
        (2021, "themes/x/2021.md"),
    ]
    # newer → older, through every page
    chain, part = [], first
    while part:
        chain.append(part.path)
        part = part.older
    assert chain == [p.path for p in pages.parts]
    # a month too large for a page is cut into parts counted from its oldest article
    crowded = items([f"2020-05-{day:02d}" for day in range(1, 13)])
    parts = listing("people/y.md", crowded, lambda a: 1, 5).parts
    assert [p.path for p in parts[1:]] == [
        "people/y/2020.md",
        "people/y/2020-05-3.md",
        "people/y/2020-05-2.md",
        "people/y/2020-05-1.md",
    ]
    assert [len(p.articles) for p in parts[2:]] == [2, 5, 5]
    assert [p.label for p in parts[2:]] == [f"May 2020, part {n}" for n in (3, 2, 1)]
    # the labels in the site's language: CLDR's month, the catalog's words (newsbuild/locale/)
    russian = listing("people/y.md", crowded, lambda a: 1, 5, "ru").parts
    assert [p.label for p in russian[2:]] == [f"Май 2020\u202fг., часть {n}" for n in (3, 2, 1)]
    undated = items(["2020"] * 3 + ["2020-05-01"] * 3)
    kazakh = listing("people/y.md", undated, lambda a: 1, 4, "kk").parts
    assert [p.label for p in kazakh[2:]] == ["2020\u202fж. мамыр", "2020, айы көрсетілмеген"]


def test_addresses_of_older_pages_do_not_move_when_new_articles_arrive():
    dates = [f"{year}-{month:02d}-01" for year in range(2015, 2024) for month in range(1, 13)]
    before = listing("archive.md", items(dates), lambda a: 1, 8)
    after = listing(
        "archive.md", items(dates + ["2024-01-05", "2024-02-01", "2023-12-30"]), lambda a: 1, 8
    )
    old = {p.path: [a.published.iso for a in p.articles] for p in before.parts[1:]}
    new = {p.path: [a.published.iso for a in p.articles] for p in after.parts[1:]}
    changed = sorted(path for path in old if old[path] != new.get(path))
    assert changed == ["archive/2023-12.md"]


def test_pages_of_a_paginated_theme_link_each_other_and_say_which_part_they_are(tmp_path):
    source = write_archive(tmp_path, 40)
    pages = render_pages(load_corpus(source), SiteSettings("Test site", listing_items=4))
    year_pages = sorted(p for p in pages if re.fullmatch(r"themes/theme-\d+/\d{4}\.md", p))
    assert year_pages
    text = pages[year_pages[0]]
    year = year_pages[0][-7:-3]
    assert re.search(rf'^<h1 id="[^"]+">Theme \d+ — {year}<a class="headerlink"', text, re.M)
    assert '"pager": {"prev": "themes/' in text
    assert '<span class="listing-pager__years"><a href="../theme-' in text
    for path, page in pages.items():
        if path.startswith("themes/theme-") and path.count("/") == 2:
            # every excerpt still links to its anchor in the article
            sources = re.findall(r'<p class="excerpt-source">(.*?)</p>', page)
            assert all(
                re.search(r'href="\.\./\.\./articles/article-\d+\.html#(?:p|q|fact)-[0-9a-f]+"', s)
                for s in sources
            )
            assert len(sources) == page.count('<div class="excerpt ')


NAMES = [
    "Élodie Martin",
    "Edward Stone",
    "Ábel Nagy",
    "abel Kovacs",
    "Қанат Әлиев",
    "Канат Ахметов",
    "Öztürk Ali",
    "Ozturk Mehmet",
    "Ярослав Коваль",
    "Zhanna Bekova",
    "Ainur Imangali",
    "3M Representative",
]


def test_five_thousand_people_are_indexed_by_initial_in_collation_order(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT / "source", source)
    with (source / "people.yaml").open("a", encoding="utf-8") as registry:
        for number in range(5000):
            name = f"{NAMES[number % len(NAMES)]} {number:04d}"
            registry.write(f'person-{number:04d}:\n  name: "{name}"\n  role: Test person\n')
    pages = render_pages(load_corpus(source), SiteSettings("Test site", listing_items=40))
    letter_pages = {p: t for p, t in pages.items() if p.startswith("people/index/")}
    names_on = {
        p: re.findall(r'^<p><a href="[^"]+">([^<]+)</a>', t, re.M) for p, t in letter_pages.items()
    }
    assert all(len(names) <= 160 for names in names_on.values())
    listed = [name for names in names_on.values() for name in names]
    assert len(listed) == len(set(listed)) == 5000 + 4  # the shipped registry's people too

    def filed_under(slug):  # a letter's names over its pages, in page order: e.md, e-2.md, e-3.md …
        paths = sorted(
            (p for p in names_on if re.fullmatch(rf"people/index/{slug}(-\d+)?\.md", p)),
            key=lambda p: (
                int(re.search(r"-(\d+)\.md$", p).group(1)) if "-" in p.rsplit("/", 1)[1] else 1
            ),
        )
        return [name for p in paths for name in names_on[p]]

    assert any(n.startswith("Élodie") for n in filed_under("e"))
    assert any(n.startswith("Қанат") for n in filed_under("u049a"))
    assert any(n.startswith("Öztürk") for n in filed_under("o"))
    e_names = filed_under("e")
    # accents sort as base letters
    assert e_names.index("Edward Stone 0001") < e_names.index("Élodie Martin 0000")
    o_names = filed_under("o")
    # "ali" before "mehmet"
    assert o_names.index("Öztürk Ali 0006") < o_names.index("Ozturk Mehmet 0007")
    index = pages["people/index.md"]
    assert 'href="index/u049a.html"' in index and 'href="index/e.html"' in index and ">Қ" in index


def test_the_kept_collator_is_taken_only_when_it_is_a_collator():
    """The collation table read once is kept between builds (newsbuild/model.py: collator); a damaged
    or foreign entry is read again from pyuca's table, and sorts as pyuca does."""
    import pickle

    from pyuca import Collator

    from newsbuild import user_cache
    from newsbuild.model import collator

    names = ["Ämter", "Zhanar", "Aigerim", "Ёлка", "Ерлан", "Ädam", "Ørsted"]
    expected = sorted(names, key=Collator().sort_key)
    assert sorted(names, key=collator().sort_key) == expected
    entry = max(
        user_cache.folder("collation").glob("*.pickle"), key=lambda kept: kept.stat().st_mtime
    )
    for damaged in (pickle.dumps({"table": "not a collator"}), entry.read_bytes()[:100]):
        entry.write_bytes(damaged)
        assert sorted(names, key=collator().sort_key) == expected
    assert type(pickle.loads(entry.read_bytes())) is Collator  # kept whole again
