"""`make site` after each edit of the editorial lifecycle (a draft, its publication, a withdrawal, a
correction) and of a story in two languages gives byte for byte the site a clean build gives: the
checks of tests/test_incremental_site.py on an archive of their own, so both files run side by side."""

import pytest
from edits import LIFECYCLE_EDITS
from site_checks import check_make_site_after, synthetic_site_project


@pytest.fixture(scope="module")
def site_project(tmp_path_factory):
    return synthetic_site_project(tmp_path_factory)


@pytest.mark.parametrize("edit", LIFECYCLE_EDITS)
def test_make_site_after_an_edit_gives_the_site_a_clean_build_gives(site_project, edit, tmp_path):
    check_make_site_after(site_project, edit, tmp_path)
