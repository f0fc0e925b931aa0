"""The site's settings the builder needs: site_name and site_url from mkdocs.yml, and the options of the
newsbuild plugin's block (`plugins: - newsbuild: {listing_items: 40}`).

The MkDocs plugin validates the same block with its typed config (newsbuild/mkdocs/plugin.py), by the
same rules (check_listing_items). build_pages.py reads the file here without MkDocs' config machinery,
which would cost a no-op build most of its time; !ENV is resolved by the library MkDocs uses for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
import yaml_env_tag

from .problems import Problem, SourceError

PLUGIN = "newsbuild"
LISTING_ITEMS = 40


@dataclass(frozen=True)
class SiteSettings:
    """What the pages need to know from mkdocs.yml."""

    site_name: str
    site_url: str | None = None
    # Excerpts (or quotes and articles) on one page of a long listing; the archive lists twice as many
    # articles, the indexes four times as many names.
    listing_items: int = LISTING_ITEMS
    language: str = "en"  # theme.language: the interface's, and every article's unless it says

    @property
    def slug(self) -> str:
        """The site name for file names: 'Kazakhstan–U.S. Relations' → 'kazakhstan-u-s-relations'."""
        return re.sub(r"[^a-z0-9]+", "-", self.site_name.lower()).strip("-") or "site"

    @property
    def offline_zip(self) -> str:
        """Where `make offline` puts the zip inside docs/, so MkDocs publishes it."""
        return f"downloads/{self.slug}-offline.zip"


def check_listing_items(value) -> str | None:
    """What is wrong with a listing_items value, or None."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return f"{value!r} is not a number of items: write a whole number of 1 or more, e.g. 40"
    return None


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, for the keys used here: !ENV is resolved, other tags
    (!!python/name for Markdown extensions) are read past."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(config: dict) -> dict:
    """The options of the newsbuild entry of mkdocs.yml's plugins ({} when it lists none)."""
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else plugins
    for entry in entries:
        name, options = entry if isinstance(entry, tuple) else (entry, None)
        if isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return {}


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def read_settings(mkdocs_yml: Path) -> SiteSettings:
    text = Path(mkdocs_yml).read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_Loader) or {}
    extra = config.get("extra") or {}
    if "listing_items" in extra:
        raise SourceError(
            [
                Problem(
                    str(mkdocs_yml),
                    _line_of(text, "listing_items"),
                    1,
                    "extra.listing_items",
                    "is now an option of the newsbuild plugin: move it under "
                    "`plugins: - newsbuild: {listing_items: …}`",
                )
            ]
        )
    listing_items = plugin_options(config).get("listing_items", LISTING_ITEMS)
    wrong = check_listing_items(listing_items)
    if wrong:
        raise SourceError(
            [
                Problem(
                    str(mkdocs_yml),
                    _line_of(text, "listing_items"),
                    1,
                    f"plugins.{PLUGIN}.listing_items",
                    wrong,
                )
            ]
        )
    return SiteSettings(
        site_name=config.get("site_name", "News archive"),
        site_url=config.get("site_url") or None,
        listing_items=listing_items,
        language=(config.get("theme") or {}).get("language") or "en",
    )
