"""The interface in the site's language (theme.language: en, ru or kk): the project's own strings from its
gettext catalog (newsbuild/locale/), Material's from its language partial (kk's in overrides/), <html lang>,
the search box. The shipped site is built in each language, with the story in three versions
(tests/fixtures/languages/), and Chromium reads what a reader sees: on the ru and kk builds, no English
string of either catalog is left outside an article's own text. Also: both catalogs complete, and every
key of Material's English partial in the Kazakh one. Screenshots: screenshots/interface-*.png."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from browser import reader_tab, wait_for_text
from helpers import ROOT, build_site, copy_project, visibly_changed

from newsbuild.i18n import LOCALE_DIR, translate

LANGUAGES = ("en", "ru", "kk")
STORY = "visa-centre"  # tests/fixtures/languages/: one story in en, ru and kk
SHIPPED = "articles/rosenblum-kazakh-american-relations.html"
MATERIAL = Path(__import__("material").__file__).parent / "templates/partials/languages"
OTHER_PAGES = (
    SHIPPED,  # an English article on any site: its labels in English, marked as such
    f"articles/{STORY}-en.html",
    "archive.html",
    "themes/index.html",
    "themes/visas-travel.html",
    "people/daniel-rosenblum.html",
    "offline.html",
    "404.html",
)
BOX = "input[data-md-component=search-query]"
META = ".md-search-result__meta"
# Material's keys that are settings, not words
MATERIAL_SETTINGS = {"language", "direction"} | {
    f"search.config.{k}" for k in ("lang", "pipeline", "separator")
}


def material_strings(language: str) -> dict[str, str]:
    """A Material language partial's key → text (overrides/ first, as the theme finds it)."""
    partial = ROOT / "overrides/partials/languages" / f"{language}.html"
    if not partial.exists():
        partial = MATERIAL / f"{language}.html"
    text = partial.read_text(encoding="utf-8")
    return {
        key: value.encode("latin-1", "backslashreplace").decode("unicode-escape")
        for key, value in re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)",?$', text, re.M)
    }


def english_strings() -> list[str]:
    """Every English interface string: the catalog's msgids and Material's English texts."""
    with (LOCALE_DIR / "messages.pot").open("rb") as pot:
        catalog = read_po(pot)
    strings = []
    for message in catalog:
        if message.id:
            strings += list(message.id) if isinstance(message.id, tuple) else [message.id]
    material = material_strings("en")
    return strings + [v for k, v in material.items() if k not in MATERIAL_SETTINGS]


# words a piece of a string can be alone that say nothing by themselves ("from %(num)d article")
FUNCTION_WORDS = {"from", "with", "into", "this", "that", "also", "their", "them", "since", "until"}


def english_words(strings: list[str]) -> set[str]:
    """The literal pieces of each string (placeholders left out) that say something in English: a run
    of two or more words, or one word of four letters or more ("Themes", "Photo")."""
    pieces = set()
    for text in strings:
        for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|#", text):
            piece = piece.strip(" .,:;()←→…·–—'")
            if re.search(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}", piece) or (
                re.search(r"[A-Za-z]{4,}", piece) and piece.lower() not in FUNCTION_WORDS
            ):
                pieces.add(piece)
    return pieces


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The shipped site and the story's three versions, built with each interface language (at once:
    each build is mostly one process)."""

    def build(language: str, folder: Path) -> Path:
        project = copy_project(folder / "project")
        for version in ("en", "ru", "kk"):
            name = f"{STORY}-{version}.yaml"
            shutil.copy(
                ROOT / "tests/fixtures/languages" / name, project / "source/articles" / name
            )
        # The shipped article says no language, so takes the site's: it is in English.
        shipped = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
        text = shipped.read_text(encoding="utf-8")
        shipped.write_text(text.replace("\npublished:", "\nlanguage: en\npublished:", 1), "utf-8")
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^  language: en$", f"  language: {language}", text), "utf-8")
        return build_site(project)

    folders = {language: tmp_path_factory.mktemp(f"interface-{language}") for language in LANGUAGES}
    return {language: build(language, folder) for language, folder in folders.items()}


# The text a reader meets in the page's own language: visible text nodes and the attributes read out or
# shown (labels, titles, placeholders), leaving out any element in another language (an article's own
# text and labels, marked with its lang).
PAGE_TEXT = """() => {
  const root = document.documentElement;
  const own = (element) => element.closest("[lang]") === root;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent.trim();
    if (text && element && own(element) && element.checkVisibility({visibilityProperty: true})
        && !element.closest("script, style, code, pre")) texts.push(text);
  }
  for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (!own(element)) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const value = element.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}"""


def registry_texts() -> list[str]:
    """What editors wrote in the registries and a page shows as it is (a publication's attribution):
    content, in English on the shipped site whatever the interface's language."""
    publications = yaml.safe_load((ROOT / "source/publications.yaml").read_text(encoding="utf-8"))
    entries = publications.values() if isinstance(publications, dict) else publications
    return [e["attribution"] for e in entries if isinstance(e, dict) and e.get("attribution")]


def english_left(texts: list[str], words: set[str]) -> set[str]:
    joined = "\n".join(texts)
    for content in registry_texts():
        joined = joined.replace(content, "")
    return {w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", joined)}


def wait_for_meta(page, not_text: str, seconds: float = 20) -> str:
    """The search result count's text once it is no longer not_text."""
    assert wait_for_text(page, META, not_text, False, seconds), "search did not answer"
    return page.text_content(META)


def test_the_interface_is_in_the_sites_language_with_no_english_left(sites, tmp_path):
    words = english_words(english_strings())
    assert {
        "Themes",
        "Latest articles",
        "Key facts",
        "Skip to content",
        "Switch to dark mode",
    } <= words
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    problems = []  # every page's, then one failure that lists them
    with reader_tab(1280, 900) as page:
        for language, site in sites.items():
            material = material_strings(language)
            # the pages screenshot, then others with words of their own
            for name, path in (
                ("home", "index.html"),
                ("article", f"articles/{STORY}-{language}.html"),
                *((None, other) for other in OTHER_PAGES),
            ):
                page.goto((site / path).as_uri())
                assert page.evaluate("document.documentElement.lang") == language, (language, path)
                box = page.locator(BOX)
                assert box.get_attribute("placeholder") == material["search.placeholder"]
                assert box.get_attribute("aria-label") == material["search"]
                if language != "en":
                    left = english_left(page.evaluate(PAGE_TEXT), words)
                    problems += [f"{language} {path}: {word!r}" for word in sorted(left)]
                if name:  # kept in screenshots/ when it looks different (not by anti-aliasing)
                    page.evaluate("document.fonts.ready.then(() => true)")
                    fresh = tmp_path / f"interface-{language}-{name}.png"
                    page.screenshot(path=str(fresh), full_page=True, animations="disabled")
                    kept = shots / fresh.name
                    if not kept.is_file() or visibly_changed(fresh, kept) > 0.01:
                        shutil.copy(fresh, kept)
            # the search box and its results: Material's words and the labels of the site's results
            page.goto((site / "index.html").as_uri())
            if page.is_visible("label.md-header__button[for=__search]"):
                page.click("label.md-header__button[for=__search]")
            box = page.locator(BOX)
            box.focus()
            box.fill("Rosenblum")
            box.press("End")  # Material searches on keyup
            count = wait_for_meta(page, material["search.result.placeholder"])
            assert (
                re.fullmatch(material["search.result.other"].replace("#", r"\d+"), count)
                or count == material["search.result.one"]
            ), (language, count)
            results = page.evaluate(PAGE_TEXT)
            # a result's kind ("Person"), from the search document pages.py made in the site's language
            assert translate(language, "Person") in results, (language, results)
            if language != "en":
                left = english_left(results, words)
                problems += [f"{language} search results: {word!r}" for word in sorted(left)]
    assert not problems, "English left in the interface:\n" + "\n".join(problems)


def test_an_articles_labels_are_in_its_language_on_a_site_in_another(sites):
    """On the Kazakh site the English article's labels are English, marked so; the Kazakh version's
    are Kazakh, unmarked (the page's language)."""
    shipped = (sites["kk"] / SHIPPED).read_text(encoding="utf-8")
    assert re.search(r'<p class="source-footer" lang="en">Source: ', shipped)
    kazakh = (sites["kk"] / f"articles/{STORY}-kk.html").read_text(encoding="utf-8")
    assert '<p class="source-footer">Дереккөз: ' in kazakh
    russian = (sites["kk"] / f"articles/{STORY}-ru.html").read_text(encoding="utf-8")
    assert '<p class="source-footer" lang="ru">Источник: ' in russian


def test_both_catalogs_are_complete_and_kazakh_has_every_material_key():
    """Lists what a translator still has to do: msgids without a translation or marked fuzzy in each
    .po, msgids of messages.pot a .po lacks (make messages merges them), Material's keys kk.html lacks."""
    with (LOCALE_DIR / "messages.pot").open("rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    todo = []
    for language in ("kk", "ru"):
        with (LOCALE_DIR / language / "LC_MESSAGES/messages.po").open("rb") as po:
            catalog = read_po(po, locale=language)
        present = {m.id for m in catalog if m.id}
        todo += [f"{language}: not in the .po: {m!r}" for m in sorted(template - present, key=str)]
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                todo.append(
                    f"{language}: {'fuzzy' if message.fuzzy else 'untranslated'}: {message.id!r}"
                )
            elif len(strings) != catalog.num_plurals and isinstance(message.id, tuple):
                todo.append(
                    f"{language}: {len(strings)} plural forms, not {catalog.num_plurals}: {message.id!r}"
                )
    kazakh = material_strings("kk")
    todo += [f"kk.html: no {key!r}" for key in material_strings("en") if key not in kazakh]
    assert not todo, "\n".join(todo)
