import pytest

from helpers import copy_project, run_builder, run_mkdocs


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
