import shutil
from collections import Counter

import pytest
from helpers import SEARCH_CORPUS, build_site, built_once, copy_project
from standard_sites import STANDARD_SITES, standard_site_folder

# `make test` runs files in parallel, each file's tests in one worker (--dist loadfile), in the order
# given here (--no-loadscope-reorder): first the files that take longest, longest first (their wall time
# in a suite run, handbook/performance/test-suite.md), so that none started late leaves one worker running
# alone at the end; then the others, those with the most tests first (as pytest-xdist orders them).
LONG_FILES = [
    "test_publishing_faults.py",
    "test_axe.py",
    "test_incremental.py",
    "test_incremental_site.py",
    "test_bench.py",
    "test_publishing_sequences.py",
    "test_crash_safety.py",
    "test_lighthouse.py",
    "test_incremental_site_lifecycle.py",
    "test_standards.py",
    "test_search_relevance.py",
    "test_interface_language.py",
    "test_service_worker.py",
    "test_publishing_property.py",
    "test_injection_browser.py",
    "test_offline_intranet.py",
    "test_search_index.py",
    "test_serve.py",
    "test_unicode_property.py",
]


def pytest_collection_modifyitems(items):
    per_file = Counter(item.path.name for item in items)
    first = {name: position for position, name in enumerate(LONG_FILES)}
    items.sort(key=lambda item: (first.get(item.path.name, len(first)), -per_file[item.path.name]))


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


@pytest.fixture(scope="session")
def languages_site(tmp_path_factory):
    """The shipped site with tests/fixtures/languages/ (one story in English, Russian and Kazakh, and a
    Russian and a Kazakh article of their own), built once: the standard site of that kind. Its site dir."""
    return standard_site_folder(tmp_path_factory, "shipped-with-languages")


@pytest.fixture(scope="session", params=STANDARD_SITES)
def standard_site(request, tmp_path_factory):
    """(kind, site dir) of each standard site (STANDARD_SITES)."""
    return request.param, standard_site_folder(tmp_path_factory, request.param)
