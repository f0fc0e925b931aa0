"""The build as a whole: source/ → validated corpus → pages → docs/."""

from __future__ import annotations

import datetime
import gc
import hashlib
from contextlib import contextmanager
from pathlib import Path

from .cache import file_digests, file_states
from .parallel import fork_map
from .settings import SiteSettings
from .write import (
    WriteReport,
    build_lock,
    is_up_to_date,
    read_manifest,
    record_of,
    replacing_pages,
    write_page,
)


def _page_renderer(settings: SiteSettings, offline_zip: str | None, photos: dict | None = None):
    """page → its text; made before worker processes fork, so that they share it."""
    from .render import Renderer

    renderer = Renderer()
    shared = {
        "site_name": settings.site_name,
        "site_url": settings.site_url,
        "offline_zip": offline_zip,
        "photos": photos or {},
    }
    return lambda page: renderer.render(page.template, page.path, {**shared, **page.context})


def render_pages(
    corpus, settings: SiteSettings, offline_zip: str | None = None, photos: dict | None = None
) -> dict[str, str]:
    """Every page's text by path, in page order, without writing anything."""
    from .pages import site_pages

    pages = site_pages(corpus, settings, photos=photos)
    render = _page_renderer(settings, offline_zip, photos)
    return {page.path: text for page, text in zip(pages, fork_map(render, pages))}


PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "templates"
SCHEMAS = PACKAGE.parent / "schema"


SOURCE_CACHE = ".source-cache"  # in docs/, beside the manifest; MkDocs skips dotfiles
SOURCE_FILES = "**/*.yaml"  # in source/: what the pages are made from
PHOTO_FILES = "media/**/*"  # in source/: photos (newsbuild/photos.py)


def _digest(base: str, digests: dict[str, str]) -> str:
    """base extended with files' content digests (see cache.file_digests): an edit that keeps a
    file's size and modification time (a checkout, a copy tool) still counts."""
    digest = hashlib.sha256(base.encode())
    for name, stamp in digests.items():
        digest.update(f"{name}\0{stamp}\n".encode())
    return digest.hexdigest()


# The installed packages whose behaviour shapes the pages: Markdown makes the heading ids (slugify),
# Jinja2 and MarkupSafe the markup and its escaping, PyYAML and the schema validators what a source file
# means, pyuca the order of names, Pillow the photo variants. Upgrading one renders every page again.
OUTPUT_DEPENDENCIES = (
    "Markdown",
    "Jinja2",
    "MarkupSafe",
    "PyYAML",
    "fastjsonschema",
    "jsonschema",
    "pyuca",
    "Pillow",
)


def installed_versions(names=OUTPUT_DEPENDENCIES) -> dict[str, str]:
    """{package: its installed version}."""
    import importlib.metadata

    return {name: importlib.metadata.version(name) for name in names}


def setup_fingerprint(settings: SiteSettings) -> str:
    """Everything but source/: the settings, templates, schemas, code and the versions of the
    packages that shape the output."""
    return _digest(
        repr(settings),
        {
            **{
                f"{folder.name}/{name}": stamp
                for folder, pattern in (
                    (TEMPLATES, "**/*"),
                    (SCHEMAS, "**/*.json"),
                    (PACKAGE, "**/*.py"),
                )
                for name, stamp in file_digests(folder, pattern).items()
            },
            **{f"package:{name}": version for name, version in installed_versions().items()},
        },
    )


def content_fingerprint(setup: str, sources: dict[str, str]) -> str:
    """All the site's pages are made from: setup_fingerprint and every file of source/ (by
    file_digests(source, SOURCE_FILES))."""
    return _digest(setup, sources)


def _offline_stamp(docs: Path, settings: SiteSettings) -> Path:
    """Beside the zip, the content fingerprint it was made from (a dotfile: MkDocs does not publish it)."""
    zip_path = Path(docs) / settings.offline_zip
    return zip_path.with_name(f".{zip_path.name}.source")


def offline_zip_status(docs: Path, settings: SiteSettings, content: str) -> str:
    """'current' if docs/ holds an offline zip made from this content, 'stale' if from other content, else 'absent'."""
    if not (Path(docs) / settings.offline_zip).is_file():
        return "absent"
    try:
        return (
            "current"
            if _offline_stamp(docs, settings).read_text(encoding="ascii").strip() == content
            else "stale"
        )
    except OSError:
        return "stale"


def withdraw_stale_offline_zip(docs: Path, settings: SiteSettings) -> None:
    """Take a zip made from an older source out of docs/, so MkDocs does not publish it: it may hold
    articles since withdrawn or drafted. `make offline` keeps its own copy in dist/ and makes a new one."""
    (Path(docs) / settings.offline_zip).unlink(missing_ok=True)
    _offline_stamp(docs, settings).unlink(missing_ok=True)


def stamp_offline_zip(source: Path, docs: Path, settings: SiteSettings) -> None:
    """Record that the offline zip in docs/ was made from source/ as it is now (make offline)."""
    content = source_fingerprint(
        source, setup_fingerprint(settings), file_digests(source, SOURCE_FILES)
    )
    _offline_stamp(docs, settings).write_text(content + "\n", encoding="ascii")


def source_fingerprint(source: Path, setup: str, sources: dict[str, str]) -> str:
    """content_fingerprint of the setup, the source files' digests (file_digests(source, SOURCE_FILES)) and
    the photos: a replaced photo is a change too; photos are stat'ed, not read (see file_states)."""
    return content_fingerprint(setup, {**sources, **file_states(source, PHOTO_FILES)})


def page_key(page, site: str, source_part) -> str:
    """Fingerprint of all a page is made from: the site's inputs and, for each article it shows, its
    source_part (see source_parts)."""
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


def build(
    source: Path,
    docs: Path,
    settings: SiteSettings,
    progress=None,
    parallel: bool = True,
    preview: bool = False,
) -> tuple[int | None, WriteReport]:
    """Validate everything first; only a valid source reaches docs/.

    Returns the number of articles (None when nothing changed since the last
    build, which is then skipped) and what was written. progress(stage, done,
    total) is called as the build goes, for a progress display. Pages whose
    inputs are unchanged since the last build are not rendered again, and files
    unchanged since then are not parsed again.
    """
    setup = setup_fingerprint(settings)
    sources = file_digests(source, SOURCE_FILES)  # each source file read once per build
    content = source_fingerprint(source, setup, sources)
    # A zip made from other content is not offered: a published zip is never older than the site.
    zip_status = offline_zip_status(docs, settings, content)
    notices = (
        [
            f"{Path(docs) / settings.offline_zip}: made from an older source, so it is taken out of the "
            "site: run 'make offline' to make it again"
        ]
        if zip_status == "stale"
        else []
    )
    # a light module: the model is imported below, if needed
    from .lifecycle import (
        build_time,
        edition,
    )
    from .photos import all_present as photos_present

    # Everything the pages depend on, but the time: a build stays current until its first scheduled
    # article is due (the manifest's valid_until).
    now = build_time()
    # a stale zip is removed below, which leaves the pages as without one
    offered = zip_status == "current"
    inputs = hashlib.sha256(f"{content}\0{offered}\0{preview}".encode()).hexdigest()
    if is_up_to_date(docs, inputs, now) and photos_present(docs):
        if zip_status == "stale":
            with build_lock(docs):
                withdraw_stale_offline_zip(docs, settings)
        return None, WriteReport(unchanged=len(read_manifest(docs)), notices=notices)
    from .cache import SourceCache
    from .model import load_corpus  # imported here so that an up-to-date check stays fast
    from .pages import site_pages
    from .photos import prepare as prepare_photos

    with collector_paused():
        cache = SourceCache(Path(docs) / SOURCE_CACHE, setup)
        stamps = {Path(source) / name: stamp for name, stamp in sources.items()}
        shown = edition(load_corpus(source, progress, parallel, cache, stamps), now, preview)
        with build_lock(docs):
            if zip_status == "stale":  # the source is valid: the build goes on, and the zip out
                withdraw_stale_offline_zip(docs, settings)
            photos = prepare_photos(source, docs, shown.corpus.articles, parallel)
        pages = site_pages(shown.corpus, settings, shown, photos)
        # What every page depends on: all but the articles.
        site = _digest(
            f"{setup}\0{offered}",
            {name: stamp for name, stamp in sources.items() if "/" not in name},
        )
        source_part = source_parts(shown.banners, photos)
        keys = {page.path: page_key(page, site, source_part) for page in pages}
        offline_zip = settings.offline_zip if offered else None
        render = _page_renderer(settings, offline_zip, photos)

        def render_and_write(page) -> tuple[bool, list]:
            written = write_page(docs, page.path, render(page))
            return written, record_of(docs, page.path, keys[page.path])

        by_path = {page.path: page for page in pages}
        with replacing_pages(docs, keys, inputs, lambda path: render(by_path[path])) as report:
            if shown.next_change:
                report.valid_until = shown.next_change.astimezone(datetime.timezone.utc).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                )
            cache.save()  # under the lock, like every write into docs/: another build clears temporary files
            stale = [page for page in pages if page.path not in report.records]

            def report_progress(done: int) -> None:
                if progress:
                    progress("pages written", done, len(stale))

            # Each worker renders and writes its own pages: no page text travels between processes.
            results = fork_map(render_and_write, stale, parallel, on_chunk=report_progress)
            report.written = [page.path for page, (written, _) in zip(stale, results) if written]
            report.records.update((page.path, record) for page, (_, record) in zip(stale, results))
            report.unchanged = len(pages) - len(report.written)
            report.rendered = len(stale)
    report.notices = notices
    return len(shown.corpus.articles), report


@contextmanager
def collector_paused():
    """Python's cycle collector off while the corpus is built and rendered: the build makes
    millions of objects that all live to its end, which the collector would otherwise scan
    again and again (a quarter of the time). Forked workers inherit this too. Afterwards the
    objects made meanwhile are frozen (gc.freeze): the first collection would otherwise scan them
    all once more, half a second at 10,000 articles, though most are freed by reference counting.
    The next build gives them back to the collector (gc.unfreeze), so none is kept for good."""
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
