import shutil

import pytest
from helpers import SEARCH_CORPUS, copy_project, run_builder, run_mkdocs


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the project to build and break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once from the shipped source: (project dir, site dir)."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_builder(project)
    assert result.returncode == 0, result.stderr
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    """The shipped project with the search corpus's fourteen articles (English, Russian, Kazakh) and
    registry entries added, built once: its site dir. Tests only read it."""
    project = copy_project(tmp_path_factory.mktemp("corpus") / "project")
    for article in (SEARCH_CORPUS / "articles").glob("*.yaml"):
        shutil.copy(article, project / "source" / "articles" / article.name)
    for registry in ("people", "organizations", "places", "themes", "publications"):
        with open(project / "source" / f"{registry}.yaml", "a", encoding="utf-8") as shipped:
            shipped.write((SEARCH_CORPUS / f"{registry}.yaml").read_text(encoding="utf-8"))
    for step in (run_builder, run_mkdocs):
        result = step(project)
        assert result.returncode == 0, result.stderr
    return project / "site"
