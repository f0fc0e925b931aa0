"""The renderer is replaceable: ProperDocs (the maintained MkDocs 1.x fork) builds the same site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import copy_project, run_builder

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764633600"}


def render(project: Path, renderer: str, site: Path) -> None:
    command = [str(Path(sys.executable).parent / renderer), "build", "--strict", "-q"]
    result = subprocess.run(
        [*command, "-d", str(site)], cwd=project, capture_output=True, text=True, env=ENV
    )
    assert result.returncode == 0, result.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_site_mkdocs_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run_builder(project).returncode == 0
    render(project, "mkdocs", tmp_path / "by-mkdocs")
    render(project, "properdocs", tmp_path / "by-properdocs")
    by_mkdocs, by_properdocs = (
        files_of(tmp_path / "by-mkdocs"),
        files_of(tmp_path / "by-properdocs"),
    )
    assert len(by_mkdocs) > 50
    assert "search/search_index.json" in by_mkdocs and "csp-script-hashes.txt" in by_mkdocs
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    different = [path for path in by_mkdocs if by_mkdocs[path] != by_properdocs[path]]
    assert not different, different
    # the generator meta is the only difference, and it names each renderer
    page = (tmp_path / "by-properdocs" / "index.html").read_bytes()
    assert b"ProperDocs" in GENERATOR.search(page).group()
