"""Every fingerprint of the build state, each computed from the inputs of state.INPUTS it names.

Two kinds of per-file signature: a content digest (the file is read: source files, code, templates),
and a stat signature (size, times and inode; not read: photos, megabytes each).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import stat
from pathlib import Path

from . import inputs

CHECKOUT = Path(__file__).resolve().parents[2]  # newsbuild/, templates/ and schema/ are in it


def content_digest(path: Path) -> str | None:
    """The digest of a file's content, or None if it cannot be read (or is not a regular file: a FIFO
    would wait for ever). Taken before the file is parsed: an edit after that makes what was parsed
    stale, never wrong."""
    try:
        if stat_signature(path) is None:
            return None
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def content_digests(folder: Path, pattern: str) -> dict[str, str]:
    """content_digest of each file in folder matching pattern, by its path relative to folder, in
    path order."""
    # Path's own order, without its slow <
    paths = sorted(Path(folder).glob(pattern), key=lambda path: path.parts)
    return {
        path.relative_to(folder).as_posix(): digest
        for path in paths
        if "__pycache__" not in path.parts and path.is_file() and (digest := content_digest(path))
    }


def stat_signature(path: Path) -> str | None:
    """Size, modification and change times and inode of a regular file (None for anything else): for
    files that an up-to-date check must not read. Writing a file sets its change time (ctime) to now,
    and no tool can set it back (rsync -a, cp -p and tar x restore the modification time only), so a
    replaced file is seen even with its old size and time; the build then decides by content."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}"


def stat_signatures(folder: Path, pattern: str) -> dict[str, str]:
    """stat_signature of each regular file in folder matching pattern, by relative path."""
    signatures = {}
    for path in sorted(Path(folder).glob(pattern)):
        signature = stat_signature(path)
        if signature:
            signatures[path.relative_to(folder).as_posix()] = signature
    return signatures


def installed_versions(stage: str = "build") -> dict[str, str]:
    """{package: its installed version} of the packages that shape a stage's output."""
    return {
        name: importlib.metadata.version(name)
        for entry in inputs(stage, "installed")
        for name in entry.where
    }


def _digest(base: str, signatures: dict[str, str]) -> str:
    digest = hashlib.sha256(base.encode())
    for name, signature in signatures.items():
        digest.update(f"{name}\0{signature}\n".encode())
    return digest.hexdigest()


def _signatures(root: Path, entries) -> dict[str, str]:
    """The files of these inputs under root, by path: each one's content digest, or its stat signature
    for an input seen by stat."""
    found: dict[str, str] = {}
    for entry in entries:
        sign = stat_signatures if entry.signature == "stat" else content_digests
        for pattern in entry.where:
            found.update(sign(root, pattern))
    return found


def setup_fingerprint(settings) -> str:
    """The build's inputs but source/: the settings, the builder's code, templates and schemas, and the
    versions of the packages that shape the output."""
    files = _signatures(CHECKOUT, inputs("build", "package"))
    versions = {f"package:{name}": version for name, version in installed_versions().items()}
    return _digest(repr(settings), {**files, **versions})


def source_signatures(source: Path) -> dict[str, str]:
    """The content digests of source/'s article files and registries (each read once per build)."""
    return _signatures(
        source, [entry for entry in inputs("build", "source") if entry.signature == "content"]
    )


def source_fingerprint(source: Path, setup: str, sources: dict[str, str]) -> str:
    """All the pages are made from: the setup, the source files (source_signatures) and the photos,
    whose stat signatures are taken (a replaced photo is a change too)."""
    photos = _signatures(
        source, [entry for entry in inputs("build", "source") if entry.signature == "stat"]
    )
    return _digest(setup, dict(sorted({**sources, **photos}.items())))


def site_fingerprint(setup: str, sources: dict[str, str], offered: bool) -> str:
    """What every page depends on: the setup, the registries (source files outside articles/), and
    whether an offline zip is offered."""
    return _digest(
        f"{setup}\0{offered}", {name: digest for name, digest in sources.items() if "/" not in name}
    )


def build_inputs(content: str, offered: bool, preview: bool) -> str:
    """The whole build's fingerprint (the manifest's inputs): a build with the same is skipped."""
    return hashlib.sha256(f"{content}\0{offered}\0{preview}".encode()).hexdigest()


def page_key(page, site: str, source_part) -> str:
    """Fingerprint of all a page is made from: the site's fingerprint and, for each article it shows,
    its source_part (see source_parts)."""
    digest = hashlib.sha1(f"{site}\0{page.path}\0{page.template}\0{page.shape}\n".encode())
    for article in page.sources:
        digest.update(source_part(article))
    return digest.hexdigest()


def source_parts(banners: dict[str, str], photos: dict | None = None):
    """What a page's fingerprint takes of an article: its file's digest, its banner (of a draft or a
    scheduled article in a preview) and its processed photos. Made once per article: a theme page
    shows thousands. A withdrawn article's photos are not prepared (its notice shows none), so
    they are not part of it: whatever is wrong with them, the withdrawal is published."""
    parts: dict[str, bytes] = {}
    photos = photos or {}

    def source_part(article) -> bytes:
        part = parts.get(article.id)
        if part is None:
            text = f"{article.id}\0{article.digest}\0{banners.get(article.id, '')}\n"
            for media in article.media:
                if media.image in photos:
                    text += f"{media.image}\0{photos[media.image].digest}\n"
            part = parts[article.id] = text.encode()
        return part

    return source_part


def render_fingerprint(config_file: Path, site_url: str | None) -> str:
    """What every rendered page's HTML depends on besides its own docs/ file: the render stage's
    inputs (the configuration, overrides, this package's code, the search analysis, the renderer's
    packages)."""
    project = Path(config_file).resolve().parent
    files = {
        **_signatures(CHECKOUT, inputs("render", "package")),
        **_signatures(project, inputs("render", "project")),
    }
    versions = {
        f"package:{name}": version for name, version in installed_versions("render").items()
    }
    return _digest(f"{content_digest(Path(config_file))}\0{site_url or ''}", {**files, **versions})
