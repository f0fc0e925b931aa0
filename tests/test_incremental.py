"""A rebuild after edits renders only the pages whose inputs changed, and ends up
with exactly the pages a build from scratch makes."""

import os
import re
import shutil

import pytest
from edits import EDITS, article, named_entries

from bench.synthetic import article_yaml, write_archive
from newsbuild.build import SiteSettings, build
from newsbuild.state import INPUTS, SOURCE_CACHE, store

# small pages: every listing is split by year and month
SETTINGS = SiteSettings("Test site", listing_items=5)


def pages_of(docs):
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in docs.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    }


def from_scratch(source, tmp_path):
    docs = tmp_path / "scratch"
    shutil.rmtree(docs, ignore_errors=True)
    build(source, docs, SETTINGS, parallel=False)
    return pages_of(docs)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    source = write_archive(root, 60, keep=named_entries(60).__contains__)
    docs = root / "docs"
    _, first = build(source, docs, SETTINGS, parallel=False)
    return root, source, docs, first


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_rebuild_after_an_edit_equals_a_build_from_scratch(archive, edit, tmp_path):
    root, source, docs, first = archive
    before = pages_of(docs)
    EDITS[edit](source)
    _, report = build(source, docs, SETTINGS, parallel=False)
    assert pages_of(docs) == from_scratch(source, tmp_path)
    written = [p for p in report.written if p.endswith(".md")]
    if edit == "a paragraph":
        assert report.rendered < first.rendered / 4, report.rendered
        # its article, its embed page and its theme's page of its year (and the feeds, which carry full texts)
        assert len(written) == 3, report.written
    if edit == "a new article":
        # Only the pages that show it, the first pages and indexes whose counts it changes, the pages of its
        # year (2015: a new month page changes its neighbours' links), and the pages of a listing it adds a
        # year to (every page lists the years): not the other pages of a listing.
        def years(text):
            return re.findall(r'<span class="listing-pager__years">.*</span>', text.decode("utf-8"))

        first_pages = {"index.md", "archive.md"} | {
            p for p in written if re.fullmatch(r"\w+/[\w-]+\.md", p)
        }
        others = [
            p
            for p in written
            if b"article-00060" not in (docs / p).read_bytes()
            and p not in first_pages
            and "/index" not in p
            and "/2015" not in p
            and years(before.get(p, b"")) == years((docs / p).read_bytes())
        ]
        assert others == [], others
        assert any(re.match(r"themes/theme-\d+/\d{4}(-\d{2})?(-\d+)?\.md$", p) for p in written), (
            written
        )


def test_a_changed_generated_page_is_made_again(archive, tmp_path):
    root, source, docs, _ = archive
    page = docs / "articles" / "article-00020.md"
    expected = page.read_bytes()
    page.write_bytes(b"edited by hand\n")
    # so that a build runs
    article(source, 21).write_text(article_yaml(21, edit=2), encoding="utf-8")
    _, report = build(source, docs, SETTINGS, parallel=False)
    assert page.read_bytes() == expected
    assert "articles/article-00020.md" in report.written


def test_files_unchanged_since_the_last_build_are_not_parsed_again(archive, monkeypatch):
    root, source, docs, _ = archive
    assert store(docs, SOURCE_CACHE).is_file()
    parsed = []
    import newsbuild.model as model

    real_read = model._read
    monkeypatch.setattr(
        model, "_read", lambda path, *rest: parsed.append(path.name) or real_read(path, *rest)
    )
    article(source, 30).write_text(article_yaml(30, edit=3), encoding="utf-8")
    build(source, docs, SETTINGS, parallel=False)
    assert [name for name in parsed if name.startswith("article-")] == ["article-00030.yaml"]


def test_a_corrupt_cache_is_ignored(archive, tmp_path):
    root, source, docs, _ = archive
    store(docs, SOURCE_CACHE).write_bytes(b"\x00garbage")
    article(source, 31).write_text(article_yaml(31, edit=4), encoding="utf-8")
    build(source, docs, SETTINGS, parallel=False)
    assert pages_of(docs) == from_scratch(source, tmp_path)


def test_an_unresolvable_reference_in_an_unchanged_file_is_still_reported_with_its_position(
    archive,
):
    root, source, docs, _ = archive
    from newsbuild.problems import SourceError

    registry = source / "themes.yaml"
    original = registry.read_text(encoding="utf-8")
    registry.write_text(re.sub(r"theme-29:\n(  .*\n)+", "", original), encoding="utf-8")
    try:
        with pytest.raises(SourceError) as error:
            build(source, docs, SETTINGS, parallel=False)
        problem = next(p for p in error.value.problems if "unknown theme 'theme-29'" in p.message)
        assert problem.line > 1 and problem.path.startswith("source/articles/")
    finally:
        registry.write_text(original, encoding="utf-8")
        os.utime(registry)


SHAPING_PACKAGES = [
    name
    for entry in INPUTS
    if entry.root == "installed" and entry.stage == "build"
    for name in entry.where
]


@pytest.mark.parametrize("package", ["Markdown", "pyuca"])
def test_a_new_version_of_a_package_that_shapes_the_pages_renders_every_page_again(
    tmp_path, monkeypatch, package
):
    """Upgrading Markdown (its slugify makes heading ids), Jinja2, pyuca … is a change of every page's input."""
    from newsbuild.state import fingerprints

    assert package in SHAPING_PACKAGES
    source = write_archive(tmp_path, 12)
    docs = tmp_path / "docs"
    build(source, docs, SETTINGS, parallel=False)
    articles, report = build(source, docs, SETTINGS, parallel=False)
    assert articles is None  # nothing changed: nothing rendered
    versions = fingerprints.installed_versions()
    monkeypatch.setattr(
        fingerprints,
        "installed_versions",
        lambda stage="build": {**versions, package: "99.0"},
    )
    articles, report = build(source, docs, SETTINGS, parallel=False)
    assert articles == 12 and report.rendered == report.unchanged + len(report.written) > 0


def test_every_input_of_the_render_stage_changes_its_fingerprint(tmp_path, monkeypatch):
    """A dirty `mkdocs build` renders every page again when its fingerprint changes: a new version of
    a renderer package, a changed override, search analysis, npm lock or configuration."""
    from newsbuild.state import fingerprints

    project = tmp_path / "project"
    for name in ("mkdocs.yml", "package-lock.json", "overrides/main.html"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("original", encoding="utf-8")
    config = project / "mkdocs.yml"
    before = fingerprints.render_fingerprint(config, None)
    assert fingerprints.render_fingerprint(config, None) == before
    assert fingerprints.render_fingerprint(config, "https://example.org/") != before
    for name in ("mkdocs.yml", "package-lock.json", "overrides/main.html"):
        (project / name).write_text("changed", encoding="utf-8")
        assert fingerprints.render_fingerprint(config, None) != before, name
        (project / name).write_text("original", encoding="utf-8")
    versions = fingerprints.installed_versions("render")
    for package in versions:
        monkeypatch.setattr(
            fingerprints, "installed_versions", lambda stage, p=package: {**versions, p: "99.0"}
        )
        assert fingerprints.render_fingerprint(config, None) != before, package


def test_the_handbook_lists_every_store_and_input_of_the_build_state():
    from helpers import ROOT

    from newsbuild.state import INPUTS, STORES

    handbook = (ROOT / "handbook/architecture.md").read_text(encoding="utf-8")
    for name in STORES:
        assert f"`{name}" in handbook, name
    for entry in INPUTS:
        assert f"| {entry.name} | {entry.stage} |" in handbook, entry.name
