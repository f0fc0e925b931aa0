"""The build state: everything one build keeps for the next, in one folder, and every fingerprint.

All of it lives in docs/.newsbuild/ (MkDocs, ProperDocs and `newsbuild finish` leave dot folders out
of the site, and `mkdocs serve` does not watch them). Deleting the folder loses nothing but time: the
next build renders everything again, and takes back the generated pages that hold what it would write.

STORES lists what the folder holds and which module reads and writes it; INPUTS lists what a build
reads besides its own state and what a change of each invalidates. The fingerprints in
fingerprints.py are computed from INPUTS, so a new input is added there and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = ".newsbuild"  # in docs/

# The stores: file name in the folder → what it holds (and the module that owns its format).
MANIFEST = "manifest.json"
SOURCE_CACHE = "source-cache"
PHOTOS_IN_USE = "photos-in-use"
PHOTOS_COMPLETE = "photos-complete"
OFFLINE_ZIP_SOURCE = "offline-zip.source"
BUILD_LOCK = "build.lock"
SITE_LOCK = "site.lock"
SITE_RECORDS = "site"
SEARCH_CACHE = "search"

STORES = {
    MANIFEST: "the generated files of docs/, what each page was made from, the build's inputs and "
    "until when it is valid (state/manifest.py)",
    SOURCE_CACHE: "each source file as last parsed, by its content digest (state/source_cache.py)",
    PHOTOS_IN_USE: "the digests of the photos the last build showed (photos.py)",
    PHOTOS_COMPLETE: "one empty file per photo whose variants in docs/media/ are complete (photos.py)",
    OFFLINE_ZIP_SOURCE: "the source fingerprint the offline zip in docs/ was made from (build.py)",
    BUILD_LOCK: "held while a build writes docs/ (write.py)",
    SITE_LOCK: "held across `build_pages.py site`'s two steps and a preview's regeneration (write.py)",
    SITE_RECORDS: "per site directory: what each rendered page gave the search index, the CSP hashes "
    "and the file list, for the next dirty build (state/site_records.py)",
    SEARCH_CACHE: "each search document's analysed terms, by a digest of its text "
    "(search_index.py, search_index.js)",
}


def store(docs: Path, name: str) -> Path:
    """Where a store of STORES lives for this docs/ folder."""
    return Path(docs) / FOLDER / name


@dataclass(frozen=True)
class Input:
    """Something a build reads. where: files (glob patterns) under a root, a key of the settings, or
    the names of installed packages. invalidates: what must be made again when it changes."""

    name: str
    # "source", "package" (this checkout), "project" (beside mkdocs.yml), "settings", "installed",
    # "build" (decided by the build itself), "config" (the renderer's configuration)
    root: str
    where: tuple[str, ...]
    stage: str  # "build" (docs/ from source/) or "render" (site/ from docs/)
    invalidates: str
    # how a file is seen to change: "content" (its digest) or "stat" (size, times, inode: not read)
    signature: str = "content"


INPUTS = (
    Input(
        "article files",
        "source",
        ("articles/**/*.yaml",),
        "build",
        "the pages that show the article (its page, embed, excerpts on theme, entity, archive and "
        "home pages, feeds); by content digest, so a copy that keeps the time still counts",
    ),
    Input(
        "registries",
        "source",
        ("*.yaml",),
        "build",
        "every page (people, organizations, places, themes and publications appear everywhere)",
    ),
    Input(
        "photos",
        "source",
        ("media/**/*",),
        "build",
        "the photo's variants and the pages that show it (stat'ed, then digested only if changed)",
        signature="stat",
    ),
    Input(
        "settings",
        "settings",
        ("site_name", "site_url", "listing_items", "theme.language"),
        "build",
        "every page",
    ),
    Input(
        "builder code, templates and schemas",
        "package",
        ("newsbuild/**/*", "templates/**/*", "schema/**/*.json"),
        "build",
        "every page and the source cache",
    ),
    Input(
        "Python packages that shape pages",
        "installed",
        (
            "Markdown",
            "Jinja2",
            "MarkupSafe",
            "PyYAML",
            "fastjsonschema",
            "jsonschema",
            "pyuca",
            "Pillow",
        ),
        "build",
        "every page (Markdown's slugify makes heading ids, Jinja2 and MarkupSafe the markup, PyYAML "
        "and the validators what a file means, pyuca the order of names, Pillow the photo variants)",
    ),
    Input(
        "offline zip offered, preview",
        "build",
        ("a current zip in docs/", "--drafts"),
        "build",
        "every page (the download link; drafts with their banners); a zip made from other content "
        "is taken out of docs/",
    ),
    Input(
        "time",
        "build",
        ("the first scheduled article's time",),
        "build",
        "every page, once that article is due (the manifest's valid_until)",
    ),
    Input(
        "renderer configuration",
        "config",
        ("mkdocs.yml, or the file given with -f", "site_url"),
        "render",
        "every rendered page (a dirty build starts from an empty site directory)",
    ),
    Input(
        "theme overrides",
        "project",
        ("overrides/**/*",),
        "render",
        "every rendered page",
    ),
    Input(
        "plugin code",
        "package",
        ("newsbuild/**/*",),
        "render",
        "every rendered page and the search index",
    ),
    Input(
        "search analysis and npm packages",
        "project",
        (
            "docs/assets/javascripts/workers/search-text.js",
            "node_modules/minisearch/package.json",
            "package-lock.json",
        ),
        "render",
        "every rendered page and the search index (the browser runs the same analysis)",
    ),
    Input(
        "renderer packages",
        "installed",
        ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "MarkupSafe"),
        "render",
        "every rendered page",
    ),
)


def inputs(stage: str, root: str) -> list[Input]:
    return [entry for entry in INPUTS if entry.stage == stage and entry.root == root]


# Where the stores were before they moved into FOLDER: a build takes the manifest over (or every
# generated page would look hand-written) and deletes the rest, which are rebuilt as needed.
LEGACY_STORES = {
    ".generated.json": MANIFEST,
    ".source-cache": None,
    ".photos-in-use": None,
    ".build.lock": None,
}


def adopt_legacy_stores(docs: Path) -> None:
    for old, new in LEGACY_STORES.items():
        path = Path(docs) / old
        if not path.is_file():
            continue
        if new and not store(docs, new).exists():
            store(docs, new).parent.mkdir(parents=True, exist_ok=True)
            path.replace(store(docs, new))
        else:
            path.unlink()
