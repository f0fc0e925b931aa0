"""One story in several languages: the articles joined by `translations:` are its versions.

Naming a version on one side is enough: the versions of a story are every article reachable through
`translations` lists, either way, so each version links every other one and an editor adding a
Kazakh version names the English one once. A story has one version per language.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from .languages import language_name
from .load import load
from .problems import Problem, SourceError

if TYPE_CHECKING:
    from .model import Article


def join_stories(articles: list[Article], site_language: str, folder: Path) -> list[Problem]:
    """Sets each article's `story` (the ids of all its versions, itself too, sorted); the problems of
    stories with two versions in one language, located in the file that joins them."""
    by_id = {article.id: article for article in articles}
    neighbours: dict[str, set[str]] = {article.id: set() for article in articles}
    for article in articles:
        for other in article.translations:
            if other in by_id:
                neighbours[article.id].add(other)
                neighbours[other].add(article.id)
    problems = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            continue
        story = sorted(_reachable(article.id, neighbours))
        seen.update(story)
        for member in story:
            by_id[member].story = tuple(story) if len(story) > 1 else ()
        problems += _one_per_language([by_id[i] for i in story], neighbours, site_language, folder)
    return problems


def _reachable(start: str, neighbours: dict[str, set[str]]) -> set[str]:
    found, queue = {start}, deque([start])
    while queue:
        for other in neighbours[queue.popleft()] - found:
            found.add(other)
            queue.append(other)
    return found


def _path(start: str, end: str, neighbours: dict[str, set[str]]) -> list[str]:
    """The shortest chain of translations from one version to another (breadth first)."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for other in sorted(neighbours[here]):
            if other not in previous:
                previous[other] = here
                queue.append(other)
    chain = [end]
    while previous[chain[-1]] is not None:
        chain.append(previous[chain[-1]])
    return chain[::-1]


def _one_per_language(
    story: list[Article], neighbours: dict[str, set[str]], site_language: str, folder: Path
) -> list[Problem]:
    by_id = {article.id: article for article in story}
    first_in: dict[str, str] = {}
    problems = []
    for article in story:
        language = article.language or site_language
        if language not in first_in:
            first_in[language] = article.id
            continue
        chain = _path(first_in[language], article.id, neighbours)
        joiner, index = _first_link(chain, by_id)
        problems.append(
            _located(
                folder,
                joiner,
                index,
                f"'{chain[0]}' and '{chain[-1]}' are both in {language_name(language, 'en')} "
                f"({language}), and translations join them as versions of one story "
                f"({' ↔ '.join(chain)}): a story has one version per language: remove the wrong "
                "id from translations, or set each article's language:",
            )
        )
    return problems


def _first_link(chain: list[str], by_id: dict[str, Article]) -> tuple[Article, int]:
    """Where the chain's first step is written: the article whose translations name the other, and
    the entry's index."""
    here, there = by_id[chain[0]], by_id[chain[1]]
    if there.id in here.translations:
        return here, here.translations.index(there.id)
    return there, there.translations.index(here.id)


def _located(folder: Path, article: Article, index: int, message: str) -> Problem:
    """A problem at an article's translations entry, positions read again from its file (an article
    read from the source cache has none)."""
    field = ("translations", index)
    try:
        document = load(folder / f"{article.id}.yaml", article.source_path)
    except (OSError, SourceError):
        return Problem(article.source_path, 1, 1, f"translations.{index}", message)
    return document.problem(field, message)


class Stories:
    """The stories of the articles a build shows: each article's other versions, and listings that
    show a story once."""

    def __init__(self, articles: list[Article], site_language: str):
        self.site_language = site_language
        self.by_id = {article.id: article for article in articles}

    def language(self, article: Article) -> str:
        return article.language or self.site_language

    def versions(self, article: Article) -> list[Article]:
        """Its other versions the build shows, by language tag (a draft or withdrawn one is left out)."""
        found = [self.by_id[i] for i in article.story if i != article.id and i in self.by_id]
        return sorted(found, key=self.language)

    def with_versions(self, articles) -> tuple[Article, ...]:
        """The articles and their versions: what a page naming each article's versions depends on."""
        return tuple(dict.fromkeys(v for a in articles for v in (a, *self.versions(a))))

    def listed(self, articles: list[Article]) -> list[Article]:
        """One article per story, in the listing's order: the version in the site's language where the
        listing has it, else the first of the listing's versions."""
        chosen: dict[tuple, Article] = {}
        for article in articles:
            if not article.story:
                continue
            kept = chosen.get(article.story)
            if kept is None or (
                self.language(article) == self.site_language
                and self.language(kept) != self.site_language
            ):
                chosen[article.story] = article
        return [a for a in articles if not a.story or chosen[a.story] is a]
