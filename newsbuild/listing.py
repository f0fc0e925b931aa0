"""Long listings split into pages by time, with addresses that do not move.

A listing (a theme's excerpts, a person's quotes and articles, the archive) that fits
on one page stays one page. A longer one keeps its address for its newest items, and
every item is also on a page for its year: `themes/sanctions/2022.md`. A year too
large for one page is split by month (`2022-08.md`, `2022-other.md` for articles dated
to the year only), and a month too large by parts counted from its oldest item
(`2022-08-1.md`, `2022-08-2.md` …). A new article therefore changes the first page
and the page of its own period, never the address of an older page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from itertools import groupby
from typing import Callable

from .i18n import N_, translate
from .languages import date_in
from .model import Article


@dataclass
class Part:
    """One page of a listing."""

    path: str  # under docs/
    label: str  # "" for the first page, else "2023", "August 2023", "August 2023, part 2"
    articles: list[Article]  # newest first
    year: int | None = None
    months: list["Part"] = field(default_factory=list)  # a year split by month: its month pages
    newer: "Part | None" = field(default=None, repr=False)
    older: "Part | None" = field(default=None, repr=False)

    @property
    def shown(self) -> list[Article]:
        """The articles the page shows or counts: a year split by month counts its months'."""
        return self.articles or [article for month in self.months for article in month.articles]


@dataclass
class Listing:
    parts: list[Part]
    years: list[tuple[int, str]]  # (year, path of its newest page), newest first

    @property
    def paginated(self) -> bool:
        return len(self.parts) > 1

    def pager(self, part: Part) -> dict:
        """What the page of part links to: newer, older, the years; paths under docs/."""
        return {
            "newer": part.newer.path if part.newer else None,
            "older": part.older.path if part.older else None,
            "years": self.years,
            "year": part.year,
            "first": self.parts[0].path,
        }

    def key(self, part: Part) -> str:
        """The listing's shape as seen from part, for the page's fingerprint: a page whose own
        articles did not change is still made again when its neighbours or the years do."""
        pager = self.pager(part)
        return f"{pager['newer']}|{pager['older']}|{','.join(f'{y}:{p}' for y, p in self.years)}"


def _chunks(
    articles: list[Article], weight: Callable[[Article], int], limit: int
) -> list[list[Article]]:
    """articles (newest first) cut into pages of at most limit weight, counted from the oldest,
    so that a new article only ever changes the last one. An article is never split."""
    chunks: list[list[Article]] = [[]]
    total = 0
    for article in reversed(articles):
        if chunks[-1] and total + weight(article) > limit:
            chunks.append([])
            total = 0
        chunks[-1].append(article)
        total += weight(article)
    return [list(reversed(chunk)) for chunk in chunks]


def listing(
    first_path: str,
    articles: list[Article],
    weight: Callable[[Article], int],
    limit: int,
    language: str = "en",
) -> Listing:
    """The pages of a listing of articles (newest first) whose first page is first_path; its pages'
    labels in the site's language."""
    total = sum(weight(a) for a in articles)
    first: list[Article] = []
    used = 0
    for article in articles:
        if first and used + weight(article) > limit:
            break
        first.append(article)
        used += weight(article)
    parts = [
        Part(
            first_path,
            "",
            first,
            articles[0].published.year if total <= limit and articles else None,
        )
    ]
    years: list[tuple[int, str]] = []
    if total > limit:
        folder = first_path.removesuffix(".md")
        for year, in_year in groupby(articles, key=lambda a: a.published.year):
            in_year = list(in_year)
            if sum(weight(a) for a in in_year) <= limit:
                year_parts = [Part(f"{folder}/{year}.md", str(year), in_year, year)]
            else:
                year_parts = [Part(f"{folder}/{year}.md", str(year), [], year)]
                for month, in_month in groupby(in_year, key=lambda a: a.published.month):
                    label = (
                        month_label(year, month, language)
                        if month
                        else translate(language, N_("%(year)d, month not given")) % {"year": year}
                    )
                    slug = f"{year}-{month:02d}" if month else f"{year}-other"
                    chunks = _chunks(list(in_month), weight, limit)
                    if len(chunks) == 1:
                        year_parts.append(Part(f"{folder}/{slug}.md", label, chunks[0], year))
                    else:
                        year_parts += [
                            Part(
                                f"{folder}/{slug}-{number}.md",
                                translate(language, N_("%(period)s, part %(number)d"))
                                % {"period": label, "number": number},
                                chunk,
                                year,
                            )
                            for number, chunk in reversed(list(enumerate(chunks, 1)))
                        ]
            year_parts[0].months = year_parts[1:]
            years.append((year, year_parts[0].path))
            parts += year_parts
    for newer, older in zip(parts, parts[1:]):
        newer.older, older.newer = older, newer
    return Listing(parts, years)


def html_path(docs_path: str) -> str:
    """A docs/ Markdown path as the site path of its page."""
    return posixpath.splitext(docs_path)[0] + ".html"


def month_label(year: int, month: int, language: str) -> str:
    """A month as a listing names it, as CLDR writes it in the language: "August 2023", "Август 2023 г."."""
    label = date_in(language, year, month, None)
    return label[:1].upper() + label[1:]
