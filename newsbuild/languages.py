"""Languages: which the build knows, and dates as CLDR writes them in each (Babel).

An article's language is a BCP 47 tag (kk, ru, en, de-CH …); the site's is theme.language in mkdocs.yml.
English dates keep the site's form, "12 March 2024": CLDR's international English (en-001), not its
American default ("March 12, 2024").
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton

# CLDR's locale for a language tag where its default is not what a news archive in that language writes
CLDR_LOCALE = {"en": "en_001"}


@lru_cache(maxsize=None)
def _locale(language: str) -> Locale:
    return Locale.parse(CLDR_LOCALE.get(language, language), sep="-" if "-" in language else "_")


def known_language(language: str) -> bool:
    try:
        _locale(language)
    except (ValueError, UnknownLocaleError):
        return False
    return True


@lru_cache(maxsize=None)  # a build shows the same dates many times
def date_in(language: str, year: int, month: int | None, day: int | None) -> str:
    """A date at its precision (year; month and year; day, month and year) in a language."""
    if not month:
        return str(year)
    skeleton = "yMMMMd" if day else "yMMMM"
    return format_skeleton(skeleton, datetime.date(year, month, day or 1), locale=_locale(language))


@lru_cache(maxsize=None)
def language_name(language: str, in_language: str | None = None) -> str:
    """A language's name as CLDR writes it, in another language or (by default) in itself, capitalised
    as a label: 'Russian', 'Русский', 'Қазақ тілі'. An unnamed tag stays the tag."""

    def plain(tag):  # not CLDR_LOCALE's: en_001 is named "English (world)"
        return Locale.parse(tag, sep="-" if "-" in tag else "_")

    name = plain(language).get_display_name(plain(in_language or language)) or language
    return name[:1].upper() + name[1:]


QUOTATION_MARKS = Path(__file__).with_name("data") / "quotation_marks.txt"


@lru_cache(maxsize=None)
def _quotation_marks() -> dict[str, tuple[str, str, bool]]:
    marks = {}
    for line in QUOTATION_MARKS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, start, end, comma = line.split()
            marks[language] = (start, end, comma == "inside")
    return marks


def quotation_marks(language: str) -> tuple[str, str, bool]:
    """(opening mark, closing mark, whether a comma that goes on with the sentence stands inside them)
    for a language tag (its primary language: de-CH as de), English's for a language not listed."""
    marks = _quotation_marks()
    return marks.get(language.split("-")[0].lower(), marks["en"])
