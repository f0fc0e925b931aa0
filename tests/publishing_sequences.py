"""Sequences of an editor's steps (publish, edit, add a photo, draft, schedule, withdraw, delete, make
offline, make dist), each followed by `make site`, and what must hold after each (check_sequence): site/
is the site a clean build of the same source gives, and no byte of an unpublished article's text is
anywhere in it: not in a page, the search index, a feed, a download, nor a precompressed copy.
test_publishing_property.py runs random sequences, test_publishing_sequences.py the ones that once failed."""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import sys
import zipfile

import brotli
from helpers import ROOT, build_site, copy_project, make_photo, run_builder_here
from hypothesis import strategies as st

from newsbuild.build import stamp_offline_zip
from newsbuild.settings import read_settings
from newsbuild.state import OFFLINE_ZIP_SOURCE, store

EPOCH = "1735732800"  # 2025-01-01 12:00 UTC: what is scheduled stays scheduled
ARTICLES = ("alpha", "beta")
ZIP = "downloads/kazakhstan-u-s-relations-offline.zip"
ARTICLE = """\
title: "Story {name} on trade"
publication: astana-times
published: "{published}"
dateline: ASTANA
source_url: https://astanatimes.example/{name}
summary: A story on trade.
people: [daniel-rosenblum]
themes: [trade-investment]
{lifecycle}{media}body:
  - paragraph: "Trade grew, the story said: {canary}."
    themes: [trade-investment]
  - quote: "{canary} is what we said."
    speaker: daniel-rosenblum
    themes: [trade-investment]
"""
STEPS = ("publish", "edit", "photo", "draft", "schedule", "withdraw", "delete")


class Editor:
    """The source of two articles and what each has said: its state and every canary word it held."""

    def __init__(self, project):
        self.project = project
        self.state = {name: "deleted" for name in ARTICLES}
        self.canaries = {name: [] for name in ARTICLES}
        self.photo = dict.fromkeys(ARTICLES, False)

    def write(self, name):
        if self.state[name] == "deleted":
            (self.project / "source/articles" / f"story-{name}.yaml").unlink(missing_ok=True)
            return
        lifecycle = {
            "draft": "status: draft\n",
            "withdraw": 'status: withdrawn\nwithdrawn_note: "Withdrawn for a test."\n',
        }.get(self.state[name], "")
        media = ""
        if self.photo[name]:
            media = (
                f"media:\n  - kind: photo\n    caption: A photo of {name}.\n    credit: Test\n"
                f"    image: {name}.jpg\n    alt: A test picture.\n"
            )
        text = ARTICLE.format(
            name=name,
            published="2030-06-01" if self.state[name] == "schedule" else "2024-05-01",
            lifecycle=lifecycle,
            media=media,
            canary=self.canaries[name][-1],
        )
        (self.project / "source/articles" / f"story-{name}.yaml").write_text(text, encoding="utf-8")

    def step(self, action, name):
        if action in ("edit", "publish") or not self.canaries[name]:
            self.canaries[name].append(f"zqxcanary{name}{len(self.canaries[name])}q")
        if action == "photo":
            make_photo(self.project / "source/media" / f"{name}.jpg", size=(700, 500))
            self.photo[name] = True
        if action in ("publish", "edit", "photo"):
            if self.state[name] != "published" and action != "publish":
                return self.write(name)  # an edit of a draft stays a draft
            self.state[name] = "published"
        else:
            self.state[name] = "deleted" if action == "delete" else action
        self.write(name)

    def unpublished_words(self) -> list[str]:
        """Every canary of an article not published now, and the superseded ones of published articles."""
        words = []
        for name in ARTICLES:
            held = self.canaries[name]
            words += held if self.state[name] != "published" else held[:-1]
        return words


def make_site(project):
    """`build_pages.py site`, as make site runs it (its MkDocs step a process of its own)."""
    result = run_builder_here(project, "site", env_extra={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr


def offline(project):
    """What `make offline` leaves in docs/: a zip of the site as it is, and the note of the source it is from."""
    (project / "docs/downloads").mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(project / "docs" / ZIP, "w") as bundle:
        for file in sorted((project / "site").rglob("*")):
            if file.is_file() and not file.name.endswith(".zip"):
                bundle.write(file, f"site-offline/{file.relative_to(project / 'site')}")
    stamp_offline_zip(project / "source", project / "docs", read_settings(project / "mkdocs.yml"))


def every_byte(site):
    """Each file's content, lower-cased, with compressed copies and zip members unpacked."""
    for file in site.rglob("*"):
        if not file.is_file():
            continue
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        elif file.suffix == ".br":
            data = brotli.decompress(data)
        elif file.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as bundle:
                data = b"".join(bundle.read(member) for member in bundle.namelist())
        yield file, data.lower()


def site_files(site):
    return {
        p.relative_to(site).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in site.rglob("*")
    }


ACTIONS = st.one_of(
    st.tuples(st.sampled_from(STEPS), st.sampled_from(ARTICLES)),
    st.tuples(st.sampled_from(("offline", "dist")), st.none()),
)


# The sequences that once published withdrawn text or lost the offline zip.
KNOWN_SEQUENCES = [
    [("photo", "alpha"), ("withdraw", "alpha"), ("dist", None)],
    [("offline", None), ("draft", "alpha"), ("dist", None)],
    [("offline", None), ("dist", None), ("offline", None), ("edit", "beta")],
]


def check_sequence(tmp_path_factory, actions):
    project = copy_project(tmp_path_factory.mktemp("property") / "project")
    editor = Editor(project)
    editor.step("publish", "alpha")
    make_site(project)
    for action, name in actions:
        if action == "offline":
            offline(project)
        elif action != "dist":
            editor.step(action, name)
        make_site(project)
        # make dist: make site, then .gz and .br copies (the next make site removes them)
        if action == "dist":
            subprocess.run(
                [sys.executable, str(ROOT / "tools/precompress.py"), str(project / "site")],
                check=True,
                capture_output=True,
            )
        for file, data in every_byte(project / "site"):
            for word in editor.unpublished_words():
                assert word.encode() not in data, f"{word} ({editor.state}) in {file}"

    make_site(project)
    clean = copy_project(tmp_path_factory.mktemp("clean") / "project")
    shutil.rmtree(clean / "source")
    shutil.copytree(project / "source", clean / "source")
    if (
        project / "docs/downloads"
    ).is_dir():  # the offline zip is an input too, as make offline left it, with its source's stamp
        shutil.copytree(project / "docs/downloads", clean / "docs/downloads")
        if store(project / "docs", OFFLINE_ZIP_SOURCE).exists():
            # Stamped again, not copied: the stamp holds the source's fingerprint, whose photos are
            # taken by stat signature (inode, change time), which a copy of the same photo changes.
            stamp_offline_zip(clean / "source", clean / "docs", read_settings(clean / "mkdocs.yml"))
    build_site(clean, env_extra={"SOURCE_DATE_EPOCH": EPOCH})
    assert site_files(project / "site") == site_files(clean / "site"), actions
