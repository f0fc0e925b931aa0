"""The build as a whole: source/ → validated corpus → pages → docs/."""

from __future__ import annotations

import datetime
import gc
from contextlib import contextmanager
from pathlib import Path

from .parallel import fork_map
from .settings import SiteSettings
from .state import OFFLINE_ZIP_SOURCE, SOURCE_CACHE, adopt_legacy_stores, store
from .state.fingerprints import (
    build_inputs,
    page_key,
    setup_fingerprint,
    site_fingerprint,
    source_fingerprint,
    source_parts,
    source_signatures,
)
from .state.manifest import is_up_to_date, read_manifest, record_of
from .write import WriteReport, build_lock, replacing_pages, write_page


def _page_renderer(settings: SiteSettings, offline_zip: str | None, photos: dict | None = None):
    """page → its text; made before worker processes fork, so that they share it."""
    from .render import Renderer

    renderer = Renderer()
    shared = {
        "site_name": settings.site_name,
        "site_url": settings.site_url,
        "site_language": settings.language,
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


def offline_zip_status(docs: Path, settings: SiteSettings, content: str) -> str:
    """'current' if docs/ holds an offline zip made from this content, 'stale' if from other content, else 'absent'."""
    if not (Path(docs) / settings.offline_zip).is_file():
        return "absent"
    try:
        return (
            "current"
            if store(docs, OFFLINE_ZIP_SOURCE).read_text(encoding="ascii").split()
            == [settings.offline_zip, content]
            else "stale"
        )
    except OSError:
        return "stale"


def withdraw_stale_offline_zip(docs: Path, settings: SiteSettings) -> None:
    """Take a zip made from an older source out of docs/, so MkDocs does not publish it: it may hold
    articles since withdrawn or drafted. `make offline` keeps its own copy in dist/ and makes a new one."""
    (Path(docs) / settings.offline_zip).unlink(missing_ok=True)
    store(docs, OFFLINE_ZIP_SOURCE).unlink(missing_ok=True)


def stamp_offline_zip(source: Path, docs: Path, settings: SiteSettings) -> None:
    """Record that the offline zip in docs/ was made from source/ as it is now (make offline)."""
    content = source_fingerprint(source, setup_fingerprint(settings), source_signatures(source))
    path = store(docs, OFFLINE_ZIP_SOURCE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{settings.offline_zip}\n{content}\n", encoding="ascii")


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
    adopt_legacy_stores(docs)
    setup = setup_fingerprint(settings)
    sources = source_signatures(source)  # each source file read once per build
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
    inputs = build_inputs(content, offered, preview)
    if is_up_to_date(docs, inputs, now) and photos_present(docs):
        if zip_status == "stale":
            with build_lock(docs):
                withdraw_stale_offline_zip(docs, settings)
        return None, WriteReport(unchanged=len(read_manifest(docs)), notices=notices)
    from .model import load_corpus  # imported here so that an up-to-date check stays fast
    from .pages import site_pages
    from .photos import prepare as prepare_photos
    from .state.source_cache import SourceCache

    with collector_paused():
        cache = SourceCache(store(docs, SOURCE_CACHE), setup)
        stamps = {Path(source) / name: stamp for name, stamp in sources.items()}
        corpus = load_corpus(source, progress, parallel, cache, stamps, settings.language)
        shown = edition(corpus, now, preview)
        with build_lock(docs):
            if zip_status == "stale":  # the source is valid: the build goes on, and the zip out
                withdraw_stale_offline_zip(docs, settings)
            photos = prepare_photos(source, docs, shown.corpus.articles, parallel)
        pages = site_pages(shown.corpus, settings, shown, photos)
        # What every page depends on: all but the articles.
        site = site_fingerprint(setup, sources, offered)
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
    if not settings.site_url:
        from .oembed import NOTICE as no_oembed

        notices.append(no_oembed)
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
