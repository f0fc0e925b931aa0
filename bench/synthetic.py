"""Deterministic synthetic archives in the real source schema, for benchmarks and tests.

python bench/synthetic.py N OUT_DIR   writes OUT_DIR/source with N articles.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

WORDS = (
    "trade investment energy dialogue region partnership sanctions visas travel security reform economy "
    "cooperation agreement delegation minister embassy business mission companies growth transit corridor "
    "infrastructure education culture exchange students science climate water agriculture logistics"
).split()
# The words of articles in Russian and Kazakh (write_archive(..., languages=True)).
WORDS_IN = {
    "en": WORDS,
    "ru": (
        "торговля инвестиции энергетика диалог регион партнёрство санкции визы поездки безопасность "
        "реформа экономика сотрудничество соглашение делегация министр посольство бизнес миссия компании "
        "рост транзит коридор инфраструктура образование культура обмен студенты наука климат вода "
        "сельхоз логистика"
    ).split(),
    "kk": (
        "сауда инвестиция энергетика диалог өңір әріптестік санкциялар визалар сапар қауіпсіздік "
        "реформа экономика ынтымақтастық келісім делегация министр елшілік бизнес миссия компаниялар "
        "өсім транзит дәліз инфрақұрылым білім мәдениет алмасу студенттер ғылым климат су "
        "ауылшаруашылығы логистика"
    ).split(),
}
STORY_LANGUAGES = ("en", "ru", "kk")  # articles 3k, 3k + 1, 3k + 2: one story in three languages
PEOPLE, ORGANIZATIONS, PLACES, THEMES = 200, 40, 30, 30


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML scalars


def _sentence(rng: random.Random, words: int, vocabulary=WORDS) -> str:
    chosen = [rng.choice(vocabulary) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 3, vocabulary=WORDS) -> str:
    return " ".join(_sentence(rng, rng.randint(12, 22), vocabulary) for _ in range(sentences))


def write_registries(source: Path, keep=None) -> None:
    """Every entry of the pools; with keep, only the ids keep(id) is true of."""
    source.mkdir(parents=True, exist_ok=True)
    registries = {
        "people": [
            f"person-{i:03d}:\n  name: {_q(f'Person {i:03d}')}\n  role: {_q(f'Official number {i}')}\n"
            for i in range(PEOPLE)
        ],
        "organizations": [
            f"org-{i:02d}:\n  name: {_q(f'Organization {i:02d}')}\n  description: An organization.\n"
            for i in range(ORGANIZATIONS)
        ],
        "places": [
            f"place-{i:02d}:\n  name: {_q(f'Place {i:02d}')}\n  description: A place.\n"
            for i in range(PLACES)
        ],
        "themes": [
            f"theme-{i:02d}:\n  name: {_q(f'Theme {i:02d}')}\n  description: {_q(f'Everything about theme {i}.')}\n"
            for i in range(THEMES)
        ],
        "publications": ["daily-news:\n  name: The Daily News\n  url: https://news.example/\n"],
    }
    for kind, entries in registries.items():
        kept = [
            e for e in entries if keep is None or kind == "publications" or keep(e.split(":", 1)[0])
        ]
        (source / f"{kind}.yaml").write_text("".join(kept), encoding="utf-8")


def article_yaml(index: int, edit: int = 0, languages: bool = False) -> str:
    """Article number index; edit > 0 gives a changed first paragraph. With languages, a third of the
    articles are in each of English, Russian and Kazakh, each three one story: the Russian and Kazakh
    versions name the English one in `translations`."""
    language = STORY_LANGUAGES[index % 3] if languages else "en"
    vocabulary = WORDS_IN[language]
    rng = random.Random(index)
    year = 2015 + index % 10
    month = 1 + (index // 10) % 12
    day = 1 + (index // 120) % 28
    themes = rng.sample(range(THEMES), 3)
    people = rng.sample(range(PEOPLE), 4)
    lines = [
        f"title: {_q(f'Article {index}: ' + _sentence(rng, 8, vocabulary))}",
        "publication: daily-news",
        f'published: "{year}-{month:02d}-{day:02d}"',
        "dateline: ASTANA",
        *(
            [f"language: {language}", f"translations: [article-{index - index % 3:05d}]"]
            if language != "en"
            else []
        ),
        f"source_url: https://news.example/{index}",
        f"summary: {_q(_paragraph(rng, 2, vocabulary))}",
        f"people: [{', '.join(f'person-{p:03d}' for p in people)}]",
        f"organizations: [org-{rng.randrange(ORGANIZATIONS):02d}]",
        f"places: [place-{rng.randrange(PLACES):02d}]",
        f"themes: [{', '.join(f'theme-{t:02d}' for t in themes)}]",
        "media:",
        f"  - caption: {_q(_sentence(rng, 12, vocabulary))}",
        "    credit: Staff photographer",
        "facts:",
    ]
    for f in range(3):
        lines += [
            f"  - label: {_q(_sentence(rng, 6, vocabulary))}",
            f"    value: {_q(f'{rng.randint(2, 900)} million')}",
            f"    number: {rng.randint(2, 900)}",
            f"    themes: [theme-{themes[f]:02d}]",
        ]
    lines.append("body:")
    for b in range(12):
        theme = f"theme-{rng.choice(themes):02d}"
        text = _paragraph(rng, 3, vocabulary) + (f" Edited {edit}." if edit and b == 0 else "")
        if b in (3, 8):
            lines += [
                f"  - quote: {_q(text)}",
                f"    speaker: person-{people[b % 2]:03d}",
                "    attribution: he said.",
                f"    themes: [{theme}]",
            ]
        else:
            lines += [f"  - paragraph: {_q(text)}", f"    themes: [{theme}]"]
    if index == 0:
        lines.append('  - paragraph: "The rare word zyzzogeton appears in this article only."')
    return "\n".join(lines) + "\n"


def write_archive(root: Path, count: int, languages: bool = False, keep=None) -> Path:
    """root/source with count articles (with languages: in English, Russian and Kazakh, article_yaml);
    returns the source folder. keep: as write_registries'."""
    source = root / "source"
    write_registries(source, keep)
    articles = source / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (articles / f"article-{index:05d}.yaml").write_text(
            article_yaml(index, languages=languages), encoding="utf-8"
        )
    return source


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(write_archive(Path(sys.argv[2]), int(sys.argv[1])))
