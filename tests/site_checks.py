"""What the checks of `make site` after an edit share (tests/test_incremental_site*.py): a synthetic
archive's project, make site, and the comparison of its site with a clean build's."""

import shutil

from edits import EDITS, named_entries
from helpers import copy_project, run_builder_here, run_mkdocs_here

from bench.synthetic import write_archive

ARTICLES = 12


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
    built = run_builder_here(project)
    assert built.returncode == 0, built.stderr
    site = run_mkdocs_here(project, "--dirty")
    assert site.returncode == 0, site.stderr
    return built.stdout


def synthetic_site_project(tmp_path_factory):
    """A project with a synthetic archive of 12 articles and only the registry entries it names (the
    site is built many times: a page for each of 300 entries no article names would be most of it),
    its site made."""
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    shutil.rmtree(project / "source")
    write_archive(project, ARTICLES, keep=named_entries(ARTICLES).__contains__)
    make_site(project)
    return project


def check_make_site_after(site_project, edit, tmp_path):
    """make site after the edit gives byte for byte the site a clean build gives, and renders only
    the pages build_pages.py rewrote."""
    site, docs = site_project / "site", site_project / "docs"
    pages_before, html_before = mtimes(docs, "*.md"), mtimes(site, "*.html")
    EDITS[edit](site_project / "source")
    make_site(site_project)
    clean = run_mkdocs_here(site_project, "-d", str(tmp_path / "clean"))
    assert clean.returncode == 0, clean.stderr
    assert site_files(site) == site_files(tmp_path / "clean")
    # only the pages build_pages.py rewrote were rendered again (a paragraph: its article, its embed page,
    # its theme's pages and the listings that quote it)
    rewritten = [p.removesuffix(".md") + ".html" for p in written_since(docs, "*.md", pages_before)]
    assert written_since(site, "*.html", html_before) == rewritten
    if edit == "a paragraph":
        assert 3 <= len(rewritten) < 20, rewritten
