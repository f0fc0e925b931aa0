"""Languages: which the build knows, and dates as CLDR writes them in each (Babel).

An article's language is a BCP 47 tag (kk, ru, en, de-CH …); the site's is theme.language in mkdocs.yml.
English dates keep the site's form, "12 March 2024": CLDR's international English (en-001), not its
American default ("March 12, 2024").
"""

from __future__ import annotations

import datetime
from functools import lru_cache

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
