import functools
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from helpers import ROOT, SEARCH_CORPUS, add_photo_to_seed, build_site, copy_project
from standard_sites import SITE_URL

from bench.synthetic import write_archive
from newsbuild.files import file_lock

# `make test` runs files in parallel, each file's tests in one worker (--dist loadfile), in the order
# given here (--no-loadscope-reorder): first the files of one or two long tests, which started last would
# leave one worker running alone at the end, then the others, those with the most tests first (as
# pytest-xdist orders them by default).
LONG_SINGLE_TESTS = [
    "test_bench.py",
    "test_publishing_property.py",
    "test_publishing_sequences.py",
    "test_lighthouse.py",
    "test_unicode_property.py",
]


def pytest_collection_modifyitems(items):
    per_file = Counter(item.path.name for item in items)
    first = {name: position for position, name in enumerate(LONG_SINGLE_TESTS)}
    items.sort(key=lambda item: (first.get(item.path.name, len(first)), -per_file[item.path.name]))


def built_once(tmp_path_factory, name: str, make) -> Path:
    """A project made by make(folder) once per test run, for tests that only read it: under
    pytest-xdist the first worker to need it makes it, the others wait for it and share it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    project = root / f"shared-{name}" / "project"
    with file_lock(root / f"shared-{name}.lock"):
        if not (project.parent / "complete").exists():
            shutil.rmtree(project.parent, ignore_errors=True)
            make(project)
            (project.parent / "complete").touch()
    return project


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the project to build and break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once from the shipped source: (project dir, site dir). Tests only read it."""

    def make(project):
        copy_project(project)
        build_site(project)

    project = built_once(tmp_path_factory, "built", make)
    return project, project / "site"


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    """The shipped project with the search corpus's nineteen articles (English, Russian, Kazakh) and
    registry entries added, built once: its site dir. Tests only read it."""

    def make(project):
        copy_project(project)
        for article in (SEARCH_CORPUS / "articles").glob("*.yaml"):
            shutil.copy(article, project / "source" / "articles" / article.name)
        for registry in ("people", "organizations", "places", "themes", "publications"):
            with open(project / "source" / f"{registry}.yaml", "a", encoding="utf-8") as shipped:
                shipped.write((SEARCH_CORPUS / f"{registry}.yaml").read_text(encoding="utf-8"))
        build_site(project)

    return built_once(tmp_path_factory, "corpus", make) / "site"


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


@pytest.fixture(scope="session")
def languages_site(tmp_path_factory):
    """The shipped site with tests/fixtures/languages/ (one story in English, Russian and Kazakh, and a
    Russian and a Kazakh article of their own), built once: the standard site of that kind. Its site dir."""
    make = functools.partial(make_standard_site, "shipped-with-languages")
    return built_once(tmp_path_factory, "shipped-with-languages", make) / "site"


@pytest.fixture(
    scope="session",
    params=["shipped", "shipped-with-photo", "shipped-with-languages", "synthetic-50"],
)
def standard_site(request, tmp_path_factory):
    """The sites the standards checks (test_standards.py, test_axe.py) run on: built from the shipped
    source, the same with a photo, the same with one story in Kazakh, Russian and English
    (tests/fixtures/languages/), and a synthetic archive of 50 articles with small listing pages
    (every listing split by year and month). Tests only read them."""

    make = functools.partial(make_standard_site, request.param)
    return request.param, built_once(tmp_path_factory, request.param, make) / "site"
