"""A generated page as the build plans it, before rendering; and an excerpt, as hub pages list them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Article


@dataclass
class Page:
    path: str  # under docs/
    template: str
    context: dict = field(default_factory=dict)
    # The articles whose content the page shows, in its order: with the registries, templates
    # and settings, all the page depends on (a rebuild skips pages whose sources are unchanged).
    sources: tuple[Article, ...] = ()
    shape: str = ""  # for a page of a long listing: its neighbours and years (see Listing.key)


@dataclass(frozen=True)
class Excerpt:
    """A paragraph, quote or fact of an article, as listed on a hub page."""

    article: Article
    item: object  # Block or Fact
    kind: str  # "paragraph", "quote" or "fact"
