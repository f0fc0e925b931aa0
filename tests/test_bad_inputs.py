"""A corpus of bad inputs (tests/bad_inputs/), each with the exact messages it must produce.

A file named article--<case>.yaml is added as source/articles/<case>.yaml; people--<case>.yaml
replaces source/people.yaml. expected.txt lists, under "== <file>", the lines build_pages.py must print.
"""

import re
import shutil
from pathlib import Path

import pytest
from helpers import copy_project, run_builder, run_builder_here

from newsbuild.cli import main

CORPUS = Path(__file__).parent / "bad_inputs"


def expectations() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    for line in (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            current = cases.setdefault(line[3:], [])
        elif line:
            current.append(line)
    return cases


EXPECTED = expectations()


def test_every_bad_input_has_expectations():
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped source with its pages generated once: each case starts from a copy of it."""
    project = copy_project(tmp_path_factory.mktemp("bad-inputs") / "project")
    assert run_builder_here(project).returncode == 0
    return project


def files_of(docs: Path) -> dict:
    return {p: p.read_bytes() for p in docs.rglob("*") if p.is_file() and p.name != "build.lock"}


def with_bad_input(built: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the built project's source/, docs/ and mkdocs.yml with the bad file in place."""
    case = tmp_path / "case"
    for part in ("source", "docs"):
        shutil.copytree(built / part, case / part)
    shutil.copy(built / "mkdocs.yml", case / "mkdocs.yml")
    kind, _, stem = name.removesuffix(".yaml").partition("--")
    folder = case / "source" / ("articles" if kind == "article" else "")
    shutil.copyfile(
        CORPUS / name, folder / (f"{stem}.yaml" if kind == "article" else f"{kind}.yaml")
    )
    return case


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_reported_and_nothing_is_written(built, tmp_path, capsys, name):
    """In this process, through the command line's own entry point (no builder process per case)."""
    case = with_bad_input(built, tmp_path, name)
    before = files_of(case / "docs")
    assert main(["build"], root=case, prog="build_pages.py") == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[:-1] == EXPECTED[name]
    assert lines[-1].endswith("nothing was written.")
    assert files_of(case / "docs") == before


def test_a_bad_input_stops_the_real_command_with_nothing_written(project):
    """The same through build_pages.py in its own process: its exit code and its output."""
    assert run_builder(project).returncode == 0
    before = files_of(project / "docs")
    name = "article--unknown-ref.yaml"
    shutil.copyfile(CORPUS / name, project / "source/articles/unknown-ref.yaml")
    result = run_builder(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == EXPECTED[name]
    assert files_of(project / "docs") == before


def test_yaml_1_1_words_are_published_as_written(project):
    article = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("dateline: ASTANA", "dateline: no"),
        encoding="utf-8",
    )
    assert run_builder(project).returncode == 0
    page = (project / "docs/articles/rosenblum-kazakh-american-relations.md").read_text(
        encoding="utf-8"
    )
    assert "· no" in page and "False" not in page


def test_bom_and_crlf_are_accepted(project):
    article = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes().replace(b"\n", b"\r\n"))
    assert run_builder_here(project, "check").returncode == 0


def test_a_5_mb_article_is_accepted(project):
    article = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
    paragraph = (
        "  - paragraph: "
        + "Trade between Kazakhstan and the United States grew again. " * 20
        + "\n"
    )
    repeats = 5 * 1024 * 1024 // len(paragraph)
    article.write_text(article.read_text(encoding="utf-8") + paragraph * repeats, encoding="utf-8")
    assert article.stat().st_size > 5_000_000
    result = run_builder(project)  # within its time limit
    assert result.returncode == 0, result.stderr


def test_a_source_folder_that_does_not_exist_is_one_line_and_a_usage_error(project, tmp_path):
    result = run_builder_here(project, "--source", str(tmp_path / "nowhere"), "check")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"build_pages.py: {tmp_path / 'nowhere'}: no such folder: give --source the folder that holds "
        "articles/ and the registries (default: source/ beside mkdocs.yml)"
    ]


@pytest.mark.parametrize(
    "options, expected",
    [
        (
            "  - newsbuild:\n      listing_items: 0\n",
            "plugins.newsbuild.listing_items: 0 is not a number of items: write a whole number "
            "of 1 or more, e.g. 40",
        ),
        (
            "  - newsbuild:\n      listing_items: forty\n",
            "plugins.newsbuild.listing_items: 'forty' is not a number of items: write a whole "
            "number of 1 or more, e.g. 40",
        ),
        (
            "  - newsbuild\n",
            "extra.listing_items: is now an option of the newsbuild plugin: move it under "
            "`plugins: - newsbuild: {listing_items: …}`",
        ),
    ],
)
def test_a_bad_plugin_option_is_reported_where_it_is(built, tmp_path, capsys, options, expected):
    case = with_bad_input(built, tmp_path, "article--unknown-ref.yaml")
    (case / "source/articles/unknown-ref.yaml").unlink()
    config = case / "mkdocs.yml"
    text = re.sub(
        r"  - newsbuild:\n(      .*\n)+", lambda m: options, config.read_text(encoding="utf-8")
    )
    if "extra." in expected:  # where sites set it before the plugin had options
        text = text.replace("\nextra:\n", "\nextra:\n  listing_items: 40\n")
    config.write_text(text, encoding="utf-8")
    line = text[: text.index("listing_items")].count("\n") + 1
    before = files_of(case / "docs")
    assert main(["build"], root=case, prog="build_pages.py") == 1
    assert capsys.readouterr().err.splitlines()[0] == f"{config}:{line}:1: {expected}"
    assert files_of(case / "docs") == before
