"""A corpus of bad inputs (tests/bad_inputs/), each with the exact messages it must produce.

A file named article--<case>.yaml is added as source/articles/<case>.yaml; people--<case>.yaml
replaces source/people.yaml. expected.txt lists, under "== <file>", the lines build_pages.py must print.
"""

import shutil
from pathlib import Path

import pytest
from helpers import run_builder

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


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_reported_and_nothing_is_written(project, name):
    assert run_builder(project).returncode == 0
    before = {
        p: p.read_bytes()
        for p in (project / "docs").rglob("*")
        if p.is_file() and p.name != ".build.lock"
    }
    kind, _, case = name.removesuffix(".yaml").partition("--")
    target = (
        project
        / "source"
        / ("articles" if kind == "article" else "")
        / (f"{case}.yaml" if kind == "article" else f"{kind}.yaml")
    )
    shutil.copyfile(CORPUS / name, target)

    result = run_builder(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == EXPECTED[name]
    assert lines[-1].endswith("nothing was written.")
    after = {
        p: p.read_bytes()
        for p in (project / "docs").rglob("*")
        if p.is_file() and p.name != ".build.lock"
    }
    assert after == before


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
    assert run_builder(project, "check").returncode == 0


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
    result = run_builder(project)
    assert result.returncode == 0, result.stderr
