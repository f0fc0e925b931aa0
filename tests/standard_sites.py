"""What the standards checks share: the sites (conftest.py's standard_site gives each), their address, and
the pages of each kind to look at."""

import functools
import shutil
from pathlib import Path

from helpers import ROOT, add_photo_to_seed, build_site, built_once, copy_project

from bench.synthetic import write_archive

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


def make_standard_site(kind: str, project: Path) -> None:
    copy_project(project)
    # the seed with a (generated) photo: picture markup, cards, og:image
    if kind == "shipped-with-photo":
        add_photo_to_seed(project)
    if kind == "shipped-with-languages":
        for article in (ROOT / "tests/fixtures/languages").glob("*.yaml"):
            shutil.copy(article, project / "source/articles" / article.name)
    if kind == "synthetic-50":
        shutil.rmtree(project / "source")
        write_archive(project, 50)
        # Small listing pages: every listing is split by year and month and every index by letter.
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("listing_items: 40", "listing_items: 4"),
            encoding="utf-8",
        )
    build_site(project, env_extra={"SITE_URL": SITE_URL})


# The sites the standards checks (test_standards.py, test_axe.py) run on: built from the shipped source, the
# same with a photo, the same with one story in Kazakh, Russian and English (tests/fixtures/languages/), and
# a synthetic archive of 50 articles with small listing pages (every listing split by year and month).
STANDARD_SITES = ["shipped", "shipped-with-photo", "shipped-with-languages", "synthetic-50"]


def standard_site_folder(tmp_path_factory, kind: str) -> Path:
    """The standard site of this kind, built once per test run: its site dir. Tests only read it."""
    make = functools.partial(make_standard_site, kind)
    return built_once(tmp_path_factory, kind, make) / "site"
