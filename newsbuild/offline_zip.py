"""Pack a built site into a zip for offline reading, byte-identical for the same site.

Usage: python tools/offline_zip.py SITE_DIR ZIP_PATH

Entries are sorted, dated 1980-01-01 (the zip epoch) and stored with fixed
permissions under one top folder, so the same site always gives the same bytes.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def is_precompressed_copy(path: Path) -> bool:
    """A .gz or .br copy for a web server (tools/precompress.py): a browser reading files has no use for it."""
    return path.suffix in (".gz", ".br") and path.with_suffix("").is_file()


def pack(site: Path, archive: Path) -> int:
    site, archive = Path(site), Path(archive)
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html not found: build the site first (make site)")
    top = archive.name.removesuffix(".zip")
    files = sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and p.suffix != ".zip" and not is_precompressed_copy(p)
    )
    archive.parent.mkdir(parents=True, exist_ok=True)
    temporary = archive.with_name(f".{archive.name}.tmp")
    with zipfile.ZipFile(
        temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
    ) as bundle:
        for path in files:
            info = zipfile.ZipInfo(
                f"{top}/{path.relative_to(site).as_posix()}", date_time=FIXED_DATE
            )
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system packs it
            bundle.writestr(info, path.read_bytes())
    temporary.replace(archive)
    return len(files)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    count = pack(Path(argv[0]), Path(argv[1]))
    print(f"{argv[1]}: {count} files")
    return 0
