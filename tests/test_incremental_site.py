"""The whole site: `make site` (build_pages.py, then `mkdocs build --dirty`, newsbuild/mkdocs/dirty_build.py)
after each edit gives byte for byte the site a clean `mkdocs build` gives, and renders only the pages that
changed."""

import shutil

import pytest
from edits import EDITS, article
from helpers import copy_project, run_builder, run_mkdocs

from bench.synthetic import article_yaml, write_archive
from newsbuild.precompress import precompress_file


def site_files(site):
    """Every file's bytes, and every folder (a clean build leaves no empty one)."""
    return {
        p.relative_to(site).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in site.rglob("*")
    }


def mtimes(folder, pattern):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob(pattern)}


def written_since(folder, pattern, before):
    return sorted(
        p
        for p, mtime in mtimes(folder, pattern).items()
        if before.get(p) != mtime and p != "404.html"
    )


def make_site(project):
    built = run_builder(project)
    assert built.returncode == 0, built.stderr
    site = run_mkdocs(project, "--dirty")
    assert site.returncode == 0, site.stderr
    return built.stdout


@pytest.fixture(scope="module")
def site_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    shutil.rmtree(project / "source")
    write_archive(project, 30)
    make_site(project)
    return project


@pytest.mark.parametrize("edit", list(EDITS))
def test_make_site_after_an_edit_gives_the_site_a_clean_build_gives(site_project, edit, tmp_path):
    site, docs = site_project / "site", site_project / "docs"
    pages_before, html_before = mtimes(docs, "*.md"), mtimes(site, "*.html")
    EDITS[edit](site_project / "source")
    make_site(site_project)
    clean = run_mkdocs(site_project, "-d", str(tmp_path / "clean"))
    assert clean.returncode == 0, clean.stderr
    assert site_files(site) == site_files(tmp_path / "clean")
    # only the pages build_pages.py rewrote were rendered again (a paragraph: its article, its embed page,
    # its theme's pages and the listings that quote it)
    rewritten = [p.removesuffix(".md") + ".html" for p in written_since(docs, "*.md", pages_before)]
    assert written_since(site, "*.html", html_before) == rewritten
    if edit == "a paragraph":
        assert 3 <= len(rewritten) < 20, rewritten


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
    assert run_mkdocs(site_project, "-d", str(tmp_path / "clean")).returncode == 0
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
    assert run_mkdocs(site_project, "-d", str(tmp_path / "clean")).returncode == 0
    assert site_files(site) == site_files(tmp_path / "clean")


def test_make_site_renders_every_page_again_when_a_nav_entry_finds_its_page_again(
    site_project, tmp_path
):
    """Every page shows the nav: a build made while a hub page was missing (its tab a bare link) is no base
    for pages that are not rendered again once the hub is back."""
    (site_project / "docs" / "archive.md").unlink()
    assert run_mkdocs(site_project).returncode == 0  # mkdocs on its own, without build_pages.py
    assert 'href="archive.md"' in (site_project / "site" / "about.html").read_text(encoding="utf-8")
    make_site(site_project)  # build_pages.py writes the archive page again
    assert run_mkdocs(site_project, "-d", str(tmp_path / "clean")).returncode == 0
    assert site_files(site_project / "site") == site_files(tmp_path / "clean")
