"""Which articles a build publishes: drafts, scheduled articles and withdrawals.

An article is published unless its `status` is draft or withdrawn, or its publication is still to
come (scheduled: the first moment its `published` date covers is after the build time; a date alone
begins at midnight UTC, a date-time at its own moment). A site build shows published articles only,
and a notice at the address of each withdrawn one; a preview (`make serve`) also shows drafts and
scheduled articles, each with a banner saying so. The build time is now, or SOURCE_DATE_EPOCH when
that is set, so builds stay reproducible.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# the model is imported only when a build loads the source: an up-to-date check stays fast
if TYPE_CHECKING:
    from .model import Article, Corpus, Entity


def build_time(environ=os.environ) -> datetime.datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    return (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        if epoch
        else datetime.datetime.now(datetime.timezone.utc)
    )


def state(article: Article, now: datetime.datetime) -> str:
    """'published', 'draft', 'scheduled' or 'withdrawn'."""
    if article.status != "published":
        return article.status
    return "scheduled" if article.published.earliest() > now else "published"


@dataclass
class Edition:
    """What one build shows."""

    corpus: Corpus  # the articles readers see, with the registries
    withdrawn: list[Article] = field(default_factory=list)
    # article id → banner, for drafts and scheduled ones
    banners: dict[str, str] = field(default_factory=dict)
    next_change: datetime.datetime | None = (
        None  # when the first scheduled article is due: the pages change then
    )
    # Registry entries only unpublished articles name (a person added for a draft): not on the site until
    # one of those articles is, or their names and roles would publish the story before it.
    withheld: list[Entity] = field(default_factory=list)


def edition(corpus: Corpus, now: datetime.datetime, preview: bool = False) -> Edition:
    from .model import Corpus

    shown, hidden, withdrawn, banners, due = [], [], [], {}, []
    for article in corpus.articles:
        current = state(article, now)
        if current == "scheduled":
            due.append(article.published.earliest())
        if current == "withdrawn":
            withdrawn.append(article)
            hidden.append(article)
        elif current != "published" and not preview:
            hidden.append(article)
        else:
            shown.append(article)
            if current == "draft":
                banners[article.id] = (
                    "Draft: not published. Set status: published (or remove status) to publish it."
                )
            elif current == "scheduled":
                banners[article.id] = (
                    f"Scheduled: published by the first build on or after {scheduled_for(article)}."
                )
    named_shown = {entity for article in shown for entity in named(article)}
    withheld = {entity for article in hidden for entity in named(article)} - named_shown
    registries = (
        {
            kind: {key: entity for key, entity in entries.items() if entity not in withheld}
            for kind, entries in corpus.registries.items()
        }
        if withheld
        else corpus.registries
    )
    return Edition(
        Corpus(shown, registries),
        withdrawn,
        banners,
        min(due, default=None),
        sorted(withheld, key=lambda entity: (entity.kind, entity.id)),
    )


def named(article: Article) -> tuple[Entity, ...]:
    """Every registry entry an article names: people, organizations, places, themes, its publication."""
    return (
        *article.all_people,
        *article.all_organizations,
        *article.places,
        *article.all_themes,
        article.publication,
    )


def scheduled_for(article: Article) -> str:
    """When a scheduled article appears, in words: '1 June 2025' or '1 June 2025, 09:30 UTC+06:00'."""
    from .model import PartialDate

    published = article.published
    if published.moment:
        return published.display_with_time
    first = published.earliest()
    return f"{PartialDate(first.year, first.month, first.day).display} (00:00 UTC)"
