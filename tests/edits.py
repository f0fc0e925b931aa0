"""Edits an editor makes to a synthetic archive (bench/synthetic.py), in an order that the lifecycle
edits rely on: tests/test_incremental.py applies them all in turn; the site-level checks apply the
content edits (tests/test_incremental_site.py) and the lifecycle and language edits
(tests/test_incremental_site_lifecycle.py) each to their own archive, so the two run side by side."""

import re

from bench.synthetic import article_yaml

# The registry entries the edits name (a compact registry keeps them, tests/site_checks.py) and the
# articles they add.
PERSON_ADDED, THEME_ADDED, PERSON_RENAMED = "person-199", "theme-29", "person-001"
NEW_ARTICLES = (60, 61)


def named_entries(count: int) -> set[str]:
    """The registry entries that an archive of count articles, the articles the edits add and the edits
    name: the registry of an archive built many times, without a page for each entry nothing names."""
    texts = [article_yaml(i) for i in range(count)] + [
        article_yaml(i, languages=languages) for i in NEW_ARTICLES for languages in (False, True)
    ]
    named = {m for text in texts for m in re.findall(r"\b(?:person|org|place|theme)-\d+", text)}
    return named | {PERSON_ADDED, THEME_ADDED, PERSON_RENAMED}


def article(source, index):
    return source / "articles" / f"article-{index:05d}.yaml"


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "a paragraph": lambda s: article(s, 5).write_text(article_yaml(5, edit=1), encoding="utf-8"),
    "a title shown in other articles' related lists": lambda s: rewrite(
        article(s, 7), 'title: "Article 7:', 'title: "Renamed 7:'
    ),
    "the people of an article": lambda s: rewrite(
        article(s, 9), "people: [person-", f"people: [{PERSON_ADDED}, person-"
    ),
    "a date (the article moves in every list)": lambda s: rewrite(
        article(s, 11), 'published: "', 'published: "2030-01-01" #'
    ),
    "a block's theme": lambda s: rewrite(
        article(s, 1), "themes: [theme-", f"themes: [{THEME_ADDED}, theme-"
    ),
    "a new article": lambda s: article(s, 60).write_text(article_yaml(60), encoding="utf-8"),
    "a deleted article": lambda s: article(s, 3).unlink(),
    "a person's name in the registry": lambda s: rewrite(
        s / "people.yaml",
        f'{PERSON_RENAMED}:\n  name: "Person',
        f'{PERSON_RENAMED}:\n  name: "Persona',
    ),
    # The editorial lifecycle (newsbuild/lifecycle.py): these run in this order on the same archive.
    "an article made a draft": lambda s: rewrite(
        article(s, 4), "publication: daily-news", "status: draft\npublication: daily-news"
    ),
    "the draft published": lambda s: rewrite(article(s, 4), "status: draft\n", ""),
    "an article withdrawn": lambda s: rewrite(
        article(s, 6),
        "publication: daily-news",
        "status: withdrawn\nwithdrawn_note: Withdrawn for a test.\npublication: daily-news",
    ),
    "a correction added": lambda s: rewrite(
        article(s, 8),
        "publication: daily-news",
        'corrections:\n  - date: "2030-01-01"\n    text: A figure was wrong.\npublication: daily-news',
    ),
    # One story in two languages (newsbuild/stories.py): the versions link each other, listings show it once.
    "a version in another language": lambda s: article(s, 61).write_text(
        article_yaml(61, languages=True).replace("[article-00060]", "[article-00010]"),
        encoding="utf-8",
    ),
    "a version no longer named": lambda s: rewrite(
        article(s, 61), "translations: [article-00010]\n", ""
    ),
}

# The edits of the lifecycle and of stories in several languages: the others are independent of them.
LIFECYCLE_EDITS = [
    "an article made a draft",
    "the draft published",
    "an article withdrawn",
    "a correction added",
    "a version in another language",
    "a version no longer named",
]
CONTENT_EDITS = [edit for edit in EDITS if edit not in LIFECYCLE_EDITS]
