"""Every reliance on MkDocs or Material behaviour that no supported extension point offers.

Each function here changes or reads a MkDocs, Material or Jinja object in a way their documentation
does not promise to keep working; tests/test_mkdocs_compat.py checks each one against the installed
versions, so an upgrade that breaks one fails there, by name, rather than as a wrong site.
"""

from __future__ import annotations

import logging

DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


def answer_modified(file, modified: bool) -> None:
    """Decide whether a dirty build renders file's page again: MkDocs asks file.is_modified(), which
    compares modification times only (rsync -a, cp -p and tar x set them back)."""
    file.is_modified = lambda: modified


class _NoDirtyWarning(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith(DIRTY_BUILD_WARNING)


def silence_dirty_build_warning() -> None:
    """MkDocs warns that a dirty build may leave navigation stale, which under strict mode stops the
    build; the plugin keeps the nav in step (it renders every page when the nav's pages change)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _NoDirtyWarning) for f in logger.filters):
        logger.addFilter(_NoDirtyWarning())


def let_the_dirty_build_warning_through() -> None:
    """MkDocs' logger as it was before silence_dirty_build_warning: the logger outlives the build, and a
    process may build again (a tool, a test) with or without the plugin."""
    logger = logging.getLogger("mkdocs.commands.build")
    for installed in [f for f in logger.filters if isinstance(f, _NoDirtyWarning)]:
        logger.removeFilter(installed)


def search_enabled(config) -> bool:
    """Whether Material's search plugin is on: the site then has a search box, and an index to load."""
    search = config.plugins.get("material/search")
    return bool(search and search.config.enabled)


def leave_out_of_materials_index(page) -> None:
    """Mark a page as one Material's search plugin does not index (its `search.exclude` front matter):
    the plugin has made the page's search document already, and Material's own parse of the page would
    be done twice and hold every page's text until the build's end."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}


def set_active(item, active: bool) -> None:
    """Mark a nav item as the current section: Material highlights its header tab (MkDocs marks its
    parents too)."""
    item.active = active


def nav_title(item) -> str | None:
    """The title mkdocs.yml's nav gives an item, or None where it gives none (a page's title then comes
    from its heading): MkDocs keeps a given title in the item's own attributes."""
    return vars(item).get("title")


def set_nav_title(item, title: str) -> None:
    """Show the item under another title in the nav (a page keeps it as its title too)."""
    item.title = title


def keep_compiled_templates(env, cache) -> None:
    """Give the theme's Jinja environment a bytecode cache: MkDocs makes a new environment for every
    build (and every rebuild of `mkdocs serve`), which would compile Material's templates each time."""
    env.bytecode_cache = cache
