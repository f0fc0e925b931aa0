"""Write .gz and .br copies of a built site's text files, for a server to send as they are.

Usage: python tools/precompress.py [SITE_DIR]   (default: site)

nginx's gzip_static and brotli_static (deploy/nginx-site.conf) send page.html.gz or page.html.br
in place of page.html to a browser that accepts them, so the server compresses nothing per request
and the files get the strongest settings. Only text files worth it are compressed (1 KB or more,
and at least 10 % smaller); copies left from files that are gone or changed kind are removed. The
output is the same bytes for the same site: gzip without a name or time, Brotli at fixed settings.
Run it after every `mkdocs build` of a deployed site (`make dist` does): a server sends a .gz as it
is, even when the file beside it has changed since.
"""

from __future__ import annotations

import argparse
import gzip
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest", ".map"}
MIN_SIZE = 1024  # below this, headers outweigh what compression saves
MAX_RATIO = 0.9  # a copy is kept only if it is at least 10 % smaller
ENCODINGS = (".gz", ".br")


def compressed(data: bytes) -> dict[str, bytes]:
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=11),
    }


def precompress_file(path: Path) -> int:
    """Write path's copies that are worth it, remove the others; the number of bytes written."""
    data = path.read_bytes()
    copies = compressed(data) if len(data) >= MIN_SIZE else {}
    written = 0
    for suffix in ENCODINGS:
        target = path.with_name(path.name + suffix)
        copy = copies.get(suffix)
        if copy is not None and len(copy) <= MAX_RATIO * len(data):
            if not (target.is_file() and target.read_bytes() == copy):
                temporary = target.with_name(f".{target.name}.tmp")
                temporary.write_bytes(copy)
                os.replace(temporary, target)
            written += len(copy)
        else:
            target.unlink(missing_ok=True)
    return written


def precompress(site: Path, workers: int | None = None) -> tuple[int, int, int]:
    """(files compressed, their bytes, the bytes of their copies written) for a whole site."""
    site = Path(site)
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html not found: build the site first (make site)")
    files, orphans = [], []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix in ENCODINGS:
            original = path.with_suffix("")
            if original.suffix not in TEXT_SUFFIXES or not original.is_file():
                orphans.append(path)
        elif path.suffix in TEXT_SUFFIXES:
            files.append(path)
    for orphan in orphans:
        orphan.unlink()
    with ProcessPoolExecutor(workers) as pool:
        sizes = list(pool.map(precompress_file, files, chunksize=64))
    kept = [(path, size) for path, size in zip(files, sizes) if size]
    return len(kept), sum(path.stat().st_size for path, _ in kept), sum(size for _, size in kept)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "site", nargs="?", default="site", type=Path, help="the built site folder (default: site)"
    )
    args = parser.parse_args(argv)
    count, original, copies = precompress(args.site)
    print(
        f"{args.site}: {count} files precompressed ({original / 1e6:.1f} MB; .gz and .br copies {copies / 1e6:.1f} MB)"
    )
    return 0
