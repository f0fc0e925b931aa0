"""The writer: unchanged files are left alone, hand-written files survive, stale pages go."""

import pytest

from newsbuild.state import MANIFEST, store
from newsbuild.write import ConflictError, write_pages


def test_unchanged_pages_are_not_rewritten(tmp_path):
    first = write_pages(tmp_path, {"a.md": "A\n", "sub/b.md": "B\n"})
    assert sorted(first.written) == ["a.md", "sub/b.md"]
    stamp = (tmp_path / "a.md").stat().st_mtime_ns, (tmp_path / "a.md").stat().st_ino
    second = write_pages(tmp_path, {"a.md": "A\n", "sub/b.md": "B2\n"})
    assert second.written == ["sub/b.md"] and second.unchanged == 1
    assert ((tmp_path / "a.md").stat().st_mtime_ns, (tmp_path / "a.md").stat().st_ino) == stamp


def test_hand_written_files_survive_and_block_conflicting_pages(tmp_path):
    (tmp_path / "about.md").write_text("mine")
    write_pages(tmp_path, {"a.md": "A"})
    write_pages(tmp_path, {})
    assert (tmp_path / "about.md").read_text() == "mine"
    with pytest.raises(ConflictError) as caught:
        write_pages(tmp_path, {"about.md": "generated", "b.md": "B"})
    assert caught.value.paths == ["about.md"]
    assert (tmp_path / "about.md").read_text() == "mine" and not (tmp_path / "b.md").exists()


def test_stale_generated_pages_are_removed_with_empty_folders(tmp_path):
    write_pages(tmp_path, {"people/x.md": "X", "a.md": "A"})
    report = write_pages(tmp_path, {"a.md": "A"})
    assert report.removed == ["people/x.md"]
    assert not (tmp_path / "people").exists()
    assert (
        "people/x.md" not in store(tmp_path, MANIFEST).read_text()
        and "a.md" in store(tmp_path, MANIFEST).read_text()
    )


def test_no_temporary_files_are_left_behind(tmp_path):
    write_pages(tmp_path, {"a.md": "A", "b/c.md": "C"})
    assert sorted(p.name for p in tmp_path.rglob(".tmp-*")) == []
