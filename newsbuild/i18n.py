"""The interface's words in the site's language: one gettext catalog per language (newsbuild/locale/),
the .po files translators edit, compiled in memory when a build first needs them (no .mo is kept).

English is the source language: its words are the msgids in the templates and code, so an English
site, and any language without a catalog, shows them as written. `make messages` extracts the msgids
into messages.pot and merges them into each .po (babel.cfg says where they are).
"""

from __future__ import annotations

import gettext
import io
import re
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message


def _primary(language: str) -> str:
    return (language or SOURCE_LANGUAGE).replace("_", "-").split("-")[0].lower()


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / _primary(language) / "LC_MESSAGES" / "messages.po"


def has_catalog(language: str) -> bool:
    """Whether the interface can be shown in this language (English always can)."""
    return _primary(language) == SOURCE_LANGUAGE or catalog_path(language).is_file()


@lru_cache(maxsize=None)
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of a language (its primary subtag: kk-Cyrl as kk), compiled from its .po file;
    the msgids themselves for English or a language without one. Fuzzy entries are left out: a
    translator has not confirmed them."""
    path = catalog_path(language)
    if _primary(language) == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=_primary(language))
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def interface_language(language: str | None, fallback: str) -> str:
    """The language labels are shown in for text in `language`: its own if it has a catalog, else
    fallback (the site's)."""
    return language if language and has_catalog(language) else fallback


def translate(language: str, message: str) -> str:
    return translations(language).gettext(message)


def translate_plural(language: str, singular: str, plural: str, number: int) -> str:
    return translations(language).ngettext(singular, plural, number)


# mkdocs.yml's words a reader sees: the nav's titles and the palette toggle's names.
def mkdocs_yml_messages(config: dict) -> list[str]:
    messages = []
    entries = list(config.get("nav") or [])
    while entries:
        entry = entries.pop(0)
        if isinstance(entry, dict):
            for title, value in entry.items():
                messages.append(title)
                if isinstance(value, list):
                    entries[:0] = value
    for option in (config.get("theme") or {}).get("palette") or []:
        name = (option.get("toggle") or {}).get("name")
        if name:
            messages.append(name)
    return messages


def extract_mkdocs_yml(fileobj, keywords, comment_tags, options):
    """Babel extraction method for mkdocs.yml (babel.cfg): its nav titles and palette names."""
    import yaml

    from .settings import _Loader

    text = fileobj.read().decode("utf-8")
    for message in mkdocs_yml_messages(yaml.load(text, Loader=_Loader) or {}):
        found = re.search(rf"^\s*(- )?(name: )?{re.escape(message)}\b", text, re.M)
        yield (text.count("\n", 0, found.start()) + 1 if found else 1), "_", message, []
