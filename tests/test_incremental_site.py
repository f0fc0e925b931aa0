"""The whole site: `make site` (build_pages.py, then `mkdocs build --dirty`, newsbuild/mkdocs/dirty_build.py)
after each edit of the content gives byte for byte the site a clean `mkdocs build` gives, and renders only
the pages that changed (the lifecycle's edits: tests/test_incremental_site_lifecycle.py)."""

import pytest
from edits import CONTENT_EDITS, article
from helpers import run_mkdocs_here
from site_checks import (
    check_make_site_after,
    make_site,
    mtimes,
    site_files,
    synthetic_site_project,
    written_since,
)

from bench.synthetic import article_yaml
from newsbuild.precompress import precompress_file


@pytest.fixture(scope="module")
def site_project(tmp_path_factory):
    return synthetic_site_project(tmp_path_factory)


@pytest.mark.parametrize("edit", CONTENT_EDITS)
def test_make_site_after_an_edit_gives_the_site_a_clean_build_gives(site_project, edit, tmp_path):
    check_make_site_after(site_project, edit, tmp_path)


def test_make_site_renders_every_page_again_when_what_all_pages_share_changed(
    site_project, tmp_path
):
    config = site_project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name:", "site_name: Renamed", 1),
        encoding="utf-8",
    )
    before = mtimes(site_project / "site", "*.html")
    make_site(site_project)
    assert run_mkdocs_here(site_project, "-d", str(tmp_path / "clean")).returncode == 0
    assert site_files(site_project / "site") == site_files(tmp_path / "clean")
    assert written_since(site_project / "site", "*.html", before) == sorted(
        p for p in before if p != "404.html"
    )


def test_make_site_leaves_out_what_the_last_build_did_not_write(site_project, tmp_path):
    site = site_project / "site"
    # make dist's copies, of the article pages (brotli's best takes minutes over a whole site)
    for page in (site / "articles").glob("*.html"):
        precompress_file(page)
    assert any(site.rglob("*.html.gz")) and any(site.rglob("*.html.br"))
    (site / "articles" / "left-by-hand.html").write_text("<p>old</p>", encoding="utf-8")
    article(site_project / "source", 5).write_text(article_yaml(5, edit=5), encoding="utf-8")
    make_site(site_project)
    assert run_mkdocs_here(site_project, "-d", str(tmp_path / "clean")).returncode == 0
    assert site_files(site) == site_files(tmp_path / "clean")


def test_make_site_renders_every_page_again_when_a_nav_entry_finds_its_page_again(
    site_project, tmp_path
):
    """Every page shows the nav: a build made while a hub page was missing (its tab a bare link) is no base
    for pages that are not rendered again once the hub is back."""
    (site_project / "docs" / "archive.md").unlink()
    # mkdocs on its own, without build_pages.py and not strict: the missing page is a warning
    alone = run_mkdocs_here(site_project, "--no-strict")
    assert alone.returncode == 0 and "'archive.md' is included in the 'nav'" in alone.stderr
    assert 'href="archive.md"' in (site_project / "site" / "about.html").read_text(encoding="utf-8")
    make_site(site_project)  # build_pages.py writes the archive page again
    assert run_mkdocs_here(site_project, "-d", str(tmp_path / "clean")).returncode == 0
    assert site_files(site_project / "site") == site_files(tmp_path / "clean")
