"""What the standards checks share: the sites' address, and the pages of each kind to look at (the
sites are conftest.py's standard_site)."""

from pathlib import Path

SITE_URL = "https://kz-us.example.org/news/"
SEED = "rosenblum-kazakh-american-relations"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def sample_pages(kind: str, site: Path) -> list[str]:
    """One page of every type."""
    article = SEED if kind.startswith("shipped") else "article-00000"

    def first(folder):
        return sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")[0]

    pages = [
        "index.html",
        f"articles/{article}.html",
        "themes/index.html",
        f"themes/{first('themes')}",
        f"people/{first('people')}",
        f"organizations/{first('organizations')}",
        f"places/{first('places')}",
        "archive.html",
        f"embed/{article}.html",
        "about.html",
    ]
    if kind == "shipped-with-languages":  # the story in Kazakh and Russian, its pages and embeds
        pages += [
            f"{folder}/visa-centre-{language}.html"
            for folder in ("articles", "embed")
            for language in ("kk", "ru")
        ]
        pages += [f"languages/{language}.html" for language in ("kk", "ru")]
    if kind == "synthetic-50":  # the pages of split listings and indexes
        theme = first("themes").removesuffix(".html")
        year = sorted((site / "themes" / theme).glob("*.html"))
        months = [p for p in year if "-" in p.stem]
        pages += [
            f"themes/{theme}/{year[0].name}",
            f"themes/{theme}/{months[0].name}",
            "people/index/p.html",
            sorted(p.relative_to(site).as_posix() for p in (site / "archive").glob("*.html"))[0],
        ]
    return pages
