"""Write .gz and .br copies of a built site's text files, for a server to send as they are.

Usage: python tools/precompress.py [SITE_DIR]   (default: site)

nginx's gzip_static and brotli_static (deploy/nginx-site.conf) send page.html.gz or page.html.br
in place of page.html to a browser that accepts them, so the server compresses nothing per request
and the files get the strongest settings. Only text files worth it are compressed (1 KB or more,
and at least 10 % smaller); copies left from files that are gone or changed kind are removed. The
output is the same bytes for the same site: gzip without a name or time, Brotli at fixed settings.
Run it after every `mkdocs build` of a deployed site (`make dist` does): a server sends a .gz as it
is, even when the file beside it has changed since.

Brotli's best setting is slow, and `make site` removes the copies, so each `make dist`
would compress the whole site again for the few files an edit changed. The copies are kept by content
in a per-user temporary folder instead: a file whose bytes were compressed before takes its copies from
there, each checked to decompress to the file before it is used; unused entries are removed
(newsbuild/user_cache.py).
`--no-cache` compresses every file again.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import os
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

from . import user_cache

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest", ".map"}
MIN_SIZE = 1024  # below this, headers outweigh what compression saves
MAX_RATIO = 0.9  # a copy is kept only if it is at least 10 % smaller
ENCODINGS = (".gz", ".br")


CODECS = {
    ".gz": (lambda data: gzip.compress(data, compresslevel=9, mtime=0), gzip.decompress),
    ".br": (lambda data: brotli.compress(data, quality=11), brotli.decompress),
}
# What the copies' bytes depend on besides the file's: a kept copy is used only by the same settings.
CACHE_SETTINGS = f"gzip 9 zlib {zlib.ZLIB_RUNTIME_VERSION}; brotli 11 {brotli.__version__}".encode()


def cache_folder() -> Path | None:
    """The per-user folder of kept copies, or None where there is no safe one: then every file is
    compressed."""
    return user_cache.folder("compressed")


def cache_entry(cache: Path, data: bytes, suffix: str) -> Path:
    """Where the cache folder keeps data's copy of this kind."""
    return cache / (cache_key(data) + suffix)


def cache_key(data: bytes) -> str:
    return hashlib.sha256(CACHE_SETTINGS + b"\0" + data).hexdigest()


def compressed(data: bytes, cache: Path | None = None) -> dict[str, bytes]:
    """data's .gz and .br copies, each taken from the cache folder where it holds one that decompresses
    to data (a damaged or foreign entry does not)."""
    key = cache_key(data) if cache else ""
    copies = {}
    for suffix, (compress, decompress) in CODECS.items():
        entry = cache / (key + suffix) if cache else None
        copy = None
        if entry:
            copy = user_cache.take(entry, lambda kept: kept if decompress(kept) == data else None)
        if copy is None:
            copy = compress(data)
            if entry:
                user_cache.keep(entry, copy)
        copies[suffix] = copy
    return copies


def precompress_file(path: Path, cache: Path | None = None) -> int:
    """Write path's copies that are worth it, remove the others; the number of bytes written."""
    data = path.read_bytes()
    copies = compressed(data, cache) if len(data) >= MIN_SIZE else {}
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


def precompress(
    site: Path, workers: int | None = None, use_cache: bool = True
) -> tuple[int, int, int]:
    """(files compressed, their bytes, the bytes of their copies written) for a whole site; use_cache:
    copies kept from earlier runs are used (see the module's docstring)."""
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
    cache = cache_folder() if use_cache else None
    with ProcessPoolExecutor(workers) as pool:
        sizes = list(
            pool.map(functools.partial(precompress_file, cache=cache), files, chunksize=64)
        )
    if cache:
        user_cache.remove_unused(cache)
    kept = [(path, size) for path, size in zip(files, sizes) if size]
    return len(kept), sum(path.stat().st_size for path, _ in kept), sum(size for _, size in kept)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "site", nargs="?", default="site", type=Path, help="the built site folder (default: site)"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="compress every file again, not taking copies kept from earlier runs",
    )
    args = parser.parse_args(argv)
    count, original, copies = precompress(args.site, use_cache=not args.no_cache)
    print(
        f"{args.site}: {count} files precompressed ({original / 1e6:.1f} MB; .gz and .br copies {copies / 1e6:.1f} MB)"
    )
    return 0
