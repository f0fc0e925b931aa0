"""A build killed at any moment leaves every page old or new, never half-written."""

import shutil
import signal
import subprocess
import sys
import time

from helpers import run_builder

from bench.synthetic import article_yaml, write_archive

ARTICLES = 60


def snapshot(docs):
    """Pages MkDocs would publish (it skips dotfiles), by path."""
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in docs.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    }


def edit_every_article(source):
    for index in range(ARTICLES):
        (source / "articles" / f"article-{index:05d}.yaml").write_text(
            article_yaml(index, edit=1), encoding="utf-8"
        )


def synthetic_project(project):
    shutil.rmtree(project / "source")
    write_archive(project, ARTICLES)
    return project


def test_killed_builds_leave_each_page_old_or_new(project, tmp_path):
    synthetic_project(project)
    assert run_builder(project).returncode == 0
    old = snapshot(project / "docs")

    reference = shutil.copytree(project, tmp_path / "reference")
    edit_every_article(reference / "source")
    assert run_builder(reference).returncode == 0
    new = snapshot(reference / "docs")
    assert len(new) > ARTICLES and sum(old[p] != new[p] for p in new) >= ARTICLES

    edit_every_article(project / "source")
    articles = project / "docs" / "articles"
    mixed = False
    for step in range(12):
        build = subprocess.Popen(
            [sys.executable, str(project / "build_pages.py")],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Kill once the build has started replacing pages (the folder changes on each rename), a bit later each time.
        before = articles.stat().st_mtime_ns
        deadline = time.monotonic() + 60
        while (
            articles.stat().st_mtime_ns == before
            and build.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.0005)
        time.sleep(0.002 * step)
        build.send_signal(signal.SIGKILL)
        build.wait()
        now = snapshot(project / "docs")
        assert set(now) <= set(old) | set(new)
        torn = [path for path, data in now.items() if data not in (old.get(path), new.get(path))]
        assert torn == [], f"half-written pages after kill {step}: {torn[:3]}"
        changed = sum(new.get(p) != old.get(p) for p in new)
        mixed = mixed or 0 < sum(now[p] == new.get(p) != old.get(p) for p in now) < changed
        if now == new:
            break
    assert mixed, "no kill landed while pages were being written"

    assert run_builder(project).returncode == 0
    assert snapshot(project / "docs") == new
    assert not list((project / "docs").rglob(".tmp-*"))


def test_two_builds_at_once_do_not_corrupt_the_output(project, tmp_path):
    synthetic_project(project)
    reference = shutil.copytree(project, tmp_path / "reference")
    assert run_builder(reference).returncode == 0
    builds = [
        subprocess.Popen(
            [sys.executable, str(project / "build_pages.py")],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    assert [b.wait(timeout=300) for b in builds] == [0, 0]
    assert snapshot(project / "docs") == snapshot(reference / "docs")
