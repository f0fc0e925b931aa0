"""Holding pages compressed (the plugin's hold_pages_compressed) only saves memory: the site built
without it is the same, byte for byte."""

import filecmp
import re

from helpers import run_mkdocs


def files_of(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_the_site_is_the_same_without_holding_pages_compressed(corpus_site, tmp_path):
    project = corpus_site.parent
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    without, count = re.subn(
        r"\n      listing_items: \d+\n", "\\g<0>      hold_pages_compressed: false\n", config
    )
    assert count == 1
    (project / "mkdocs-without-memory-hook.yml").write_text(without, encoding="utf-8")
    try:
        result = run_mkdocs(
            project, "-f", "mkdocs-without-memory-hook.yml", "-d", str(tmp_path / "site")
        )
    finally:
        (project / "mkdocs-without-memory-hook.yml").unlink()
    assert result.returncode == 0, result.stderr
    files = files_of(corpus_site)
    assert len(files) > 100
    assert files_of(tmp_path / "site") == files
    _, mismatch, errors = filecmp.cmpfiles(corpus_site, tmp_path / "site", files, shallow=False)
    assert not mismatch and not errors, (mismatch, errors)
