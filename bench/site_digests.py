"""A built site byte for byte, as a SHA-256 of every file, against the digests recorded in
tests/fixtures/site-digests/: tests/test_site_digests.py checks the standard sites with them, and
`make bench` the site of its 1,000-article archive. A change meant to change the site records new ones
(the test's docstring and bench/run.py --record-digests say how)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

RECORDED = Path(__file__).resolve().parent.parent / "tests/fixtures/site-digests"


def digests(site: Path) -> dict[str, str]:
    """Every file's SHA-256 (its first 64 bits: enough to tell a change, half the size of the record); a
    .gz file's of what it holds (MkDocs' sitemap.xml.gz carries the build time in its header)."""
    found = {}
    for file in sorted(site.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            if file.suffix == ".gz":
                data = gzip.decompress(data)
            found[file.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()[:16]
    return found


def record(name: str, site: Path) -> None:
    RECORDED.mkdir(parents=True, exist_ok=True)
    text = json.dumps(digests(site), indent=0, sort_keys=True) + "\n"
    (RECORDED / f"{name}.json").write_text(text, encoding="utf-8")


def differences(name: str, site: Path) -> dict[str, list[str]] | None:
    """The files new, gone and changed since the site was recorded as name; None if it never was."""
    path = RECORDED / f"{name}.json"
    if not path.exists():
        return None
    recorded, found = json.loads(path.read_text(encoding="utf-8")), digests(site)
    return {
        "new": sorted(found.keys() - recorded.keys()),
        "gone": sorted(recorded.keys() - found.keys()),
        "changed": sorted(p for p in found.keys() & recorded.keys() if found[p] != recorded[p]),
    }
