"""The renderer is replaceable: ProperDocs (the maintained MkDocs 1.x fork) builds the same site, and
`newsbuild finish` completes a site rendered without the newsbuild plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import copy_project, run_builder_here, run_mkdocs, search_worker
from standard_sites import SEED, SITE_URL

from bench.run import baseline_config
from newsbuild.cli import main
from newsbuild.csp import inline_script_hashes

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# The service worker's build id is a digest of the site's files, generator meta included.
WORKER_BUILD = re.compile(rb'const BUILD = "[0-9a-f]{16}"')
# A reading set's size counts its pages' bytes, generator meta included.
SET_SIZE = re.compile(rb'"bytes": \d+')
EPOCH = {"SOURCE_DATE_EPOCH": "1764633600"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH}


def render(project: Path, renderer: str, site: Path) -> None:
    result = run_mkdocs(project, "-d", str(site), env_extra=EPOCH, renderer=renderer)
    assert result.returncode == 0, result.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): SET_SIZE.sub(
            b"", WORKER_BUILD.sub(b"", GENERATOR.sub(b"", path.read_bytes()))
        )
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_site_mkdocs_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run_builder_here(project).returncode == 0
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


def test_finish_adds_what_a_site_rendered_without_the_plugin_lacks(tmp_path, capsys, monkeypatch):
    """Rendered by plain MkDocs + Material (no newsbuild plugin, as another renderer would), the site has
    no search index, npm assets, CSP hashes or relative 404 links; `newsbuild finish` adds them."""
    project = copy_project(tmp_path / "project")
    assert run_builder_here(project, env_extra={"SITE_URL": SITE_URL}).returncode == 0
    config = baseline_config(project)
    assert "- newsbuild" not in config.read_text(encoding="utf-8")
    site = tmp_path / "plain"
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--no-strict",
            "-q",
            "-f",
            str(config),
        ]
        + ["-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**ENV, "SITE_URL": SITE_URL},
    )
    assert result.returncode == 0, result.stderr
    (site / "sitemap.xml").unlink()  # as a renderer that writes none
    assert not (site / "search/parts").exists() and not (site / "csp-script-hashes.txt").exists()
    assert 'href="/' in (site / "404.html").read_text(encoding="utf-8")

    monkeypatch.setenv("SITE_URL", SITE_URL)  # mkdocs.yml reads it, as for the renderer
    assert main(["finish", str(site)], root=project, prog="newsbuild") == 0
    assert "search/parts/" in capsys.readouterr().out

    assert search_worker(site, "Rosenblum visas")[0] == f"articles/{SEED}.html"
    assert search_worker(site, "Tokayev")  # a person, by name
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}articles/{SEED}.html</loc>" in sitemap
    assert "<lastmod>2023-08</lastmod>" in sitemap
    assert (site / "assets/fonts/source-serif-4.css").is_file()
    assert (site / "assets/javascripts/iframe-worker-shim.js").is_file()
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/' not in not_found and 'src="/' not in not_found
    hashes = set((site / "csp-script-hashes.txt").read_text(encoding="ascii").split())
    every_page = set().union(
        *(inline_script_hashes(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    )
    assert hashes == every_page and len(hashes) >= 3


def test_finish_names_a_missing_site_folder(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert main(["finish", str(tmp_path / "nowhere")], root=project, prog="newsbuild") == 2
    assert "nowhere: no such folder" in capsys.readouterr().err
