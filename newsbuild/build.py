"""The build as a whole: source/ → validated corpus → pages → docs/."""

from __future__ import annotations

import sys
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


class _IgnoreTagsLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags for Markdown extensions: read past them."""


_IgnoreTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(mkdocs_yml: Path) -> SiteSettings:
    config = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader) or {}
    return SiteSettings(site_name=config.get("site_name", "News archive"), site_url=config.get("site_url"))


def render_pages(corpus: Corpus, settings: SiteSettings) -> dict[str, str]:
    renderer = Renderer()
    shared = {"site_name": settings.site_name}
    return {page.path: renderer.render(page.template, page.path, {**shared, **page.context})
            for page in site_pages(corpus)}


def build(source: Path, docs: Path, settings: SiteSettings) -> tuple[Corpus, WriteReport]:
    """Validate everything first; only a valid source reaches docs/."""
    corpus = load_corpus(source)
    rendered = render_pages(corpus, settings)
    return corpus, write_pages(docs, rendered)
