"""The build as a whole: source/ → validated corpus → pages → docs/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Corpus, load_corpus
from .pages import site_pages
from .render import Renderer
from .write import WriteReport, write_pages


@dataclass(frozen=True)
class SiteSettings:
    """What the pages need to know from mkdocs.yml."""

    site_name: str
    site_url: str | None = None

    @property
    def slug(self) -> str:
        """The site name for file names: 'Kazakhstan–U.S. Relations' → 'kazakhstan-u-s-relations'."""
        return re.sub(r"[^a-z0-9]+", "-", self.site_name.lower()).strip("-") or "site"

    @property
    def offline_zip(self) -> str:
        """Where `make offline` puts the zip inside docs/, so MkDocs publishes it."""
        return f"downloads/{self.slug}-offline.zip"


class _IgnoreTagsLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags for Markdown extensions: read past them."""


_IgnoreTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(mkdocs_yml: Path) -> SiteSettings:
    config = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader) or {}
    return SiteSettings(site_name=config.get("site_name", "News archive"), site_url=config.get("site_url"))


def render_pages(corpus: Corpus, settings: SiteSettings, offline_zip: str | None = None) -> dict[str, str]:
    renderer = Renderer()
    shared = {"site_name": settings.site_name, "site_url": settings.site_url, "offline_zip": offline_zip}
    return {page.path: renderer.render(page.template, page.path, {**shared, **page.context})
            for page in site_pages(corpus)}


def build(source: Path, docs: Path, settings: SiteSettings) -> tuple[Corpus, WriteReport]:
    """Validate everything first; only a valid source reaches docs/."""
    corpus = load_corpus(source)
    offline_zip = settings.offline_zip if (Path(docs) / settings.offline_zip).is_file() else None
    rendered = render_pages(corpus, settings, offline_zip)
    return corpus, write_pages(docs, rendered)
