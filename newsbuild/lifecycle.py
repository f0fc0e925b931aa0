"""Which articles a build publishes: drafts, scheduled articles and withdrawals.

An article is published unless its `status` is draft or withdrawn, or its publication date is still
to come (scheduled: the first day its date covers is after the build date). A site build shows
published articles only, and a notice at the address of each withdrawn one; a preview
(`make serve`) also shows drafts and scheduled articles, each with a banner saying so. The build
date is today (UTC), or the day of SOURCE_DATE_EPOCH when that is set, so builds stay reproducible.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is imported only when a build loads the source: an up-to-date check stays fast
    from .model import Article, Corpus


def build_date(environ=os.environ) -> datetime.date:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch \
        else datetime.datetime.now(datetime.timezone.utc)
    return moment.date()


def state(article: Article, today: datetime.date) -> str:
    """'published', 'draft', 'scheduled' or 'withdrawn'."""
    if article.status != "published":
        return article.status
    return "scheduled" if article.published.earliest() > (today.year, today.month, today.day) else "published"


@dataclass
class Edition:
    """What one build shows."""

    corpus: Corpus  # the articles readers see, with the registries
    withdrawn: list[Article] = field(default_factory=list)
    banners: dict[str, str] = field(default_factory=dict)  # article id → banner, for drafts and scheduled ones


def edition(corpus: Corpus, today: datetime.date, preview: bool = False) -> Edition:
    from .model import Corpus, PartialDate

    shown, withdrawn, banners = [], [], {}
    for article in corpus.articles:
        current = state(article, today)
        if current == "withdrawn":
            withdrawn.append(article)
        elif current == "published" or preview:
            shown.append(article)
            if current == "draft":
                banners[article.id] = "Draft: not published. Set status: published (or remove status) to publish it."
            elif current == "scheduled":
                banners[article.id] = (f"Scheduled: published by the first build on or after "
                                       f"{PartialDate(*article.published.earliest()).display}.")
    return Edition(Corpus(shown, corpus.registries), withdrawn, banners)
