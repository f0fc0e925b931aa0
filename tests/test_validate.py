"""`build_pages.py check` and `build`: every problem located, nothing written on invalid content."""

from pathlib import Path

from helpers import run_builder_here

ARTICLE = "source/articles/rosenblum-kazakh-american-relations.yaml"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_source_is_valid(project):
    result = run_builder_here(project, "check")
    assert result.returncode == 0, result.stderr
    assert "1 article(s) valid" in result.stdout


def test_broken_file_is_named_with_line_and_column(project):
    edit(project, ARTICLE, "dateline: ASTANA", "dateline: [ASTANA")
    result = run_builder_here(project, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{ARTICLE}:")
    line = result.stderr.splitlines()[0].split(":")[1]
    assert line.isdigit()


def test_all_problems_are_reported_together_with_suggestions(project):
    edit(project, ARTICLE, "publication: astana-times", "publication: astana-time")
    edit(project, ARTICLE, 'published: "2023-08"', 'published: "2023-02-30"')
    edit(
        project,
        ARTICLE,
        "speaker: daniel-rosenblum\n    attribution: he said.",
        "speaker: daniel-rosenblun\n    attribution: he said.",
    )
    edit(project, ARTICLE, "dateline: ASTANA", "datline: ASTANA")
    result = run_builder_here(project, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        f"{ARTICLE}:3:14: publication: unknown publication 'astana-time' (did you mean 'astana-times'?): add it to source/publications.yaml or fix the id"
        in lines
    )
    assert (
        f"{ARTICLE}:4:12: published: '2023-02-30' is not a real date: February 2023 has no day 30"
        in lines
    )
    assert any(
        "speaker: unknown person 'daniel-rosenblun' (did you mean 'daniel-rosenblum'?)" in line
        for line in lines
    )
    assert any(
        "datline: unknown key 'datline' (did you mean 'dateline'?)" in line for line in lines
    )
    assert any(": dateline: is required but missing" in line for line in lines)


def test_invalid_content_writes_nothing(project):
    assert run_builder_here(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    edit(project, ARTICLE, "title:", "headline:")
    edit(
        project, "source/people.yaml", "name: Antony Blinken", "name: Antony Blinken\n  role: twice"
    )
    result = run_builder_here(project)
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    after = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert after == before


def test_usage_errors_exit_2(project):
    assert run_builder_here(project, "publish").returncode == 2
    help_text = run_builder_here(project, "--help")
    assert help_text.returncode == 0 and "check" in help_text.stdout


def test_the_handbooks_minimal_article_is_valid_as_written(tmp_path, capsys):
    """handbook/writing.md's minimal article, copied into a project as an editor would: it checks."""
    import re
    import shutil

    from helpers import ROOT

    from newsbuild.cli import main

    handbook = (ROOT / "handbook/writing.md").read_text(encoding="utf-8")
    section = handbook.split("### A minimal article", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    shutil.copytree(ROOT / "source", tmp_path / "source")
    (tmp_path / "source/articles/minimal.yaml").write_text(example, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert main(["check"], root=tmp_path, prog="build_pages.py") == 0, capsys.readouterr().err
    assert "ok: 2 article(s) valid" in capsys.readouterr().out
