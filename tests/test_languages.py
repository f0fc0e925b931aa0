"""Articles in Kazakh, Russian and English: every text of an article is marked with its language
wherever it appears, as Chromium computes it (:lang()), dates are written as CLDR writes them in that
language, and feeds and metadata say the language. The corpus site (conftest.py) is English with one
Russian and one Kazakh article (tests/fixtures/search_corpus/)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

from browser import chromium
from helpers import run_builder

RU = "articles/investment-talks-ru.html"
KK = "articles/education-kk.html"
EN = "articles/critical-minerals.html"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def languages(page, selector: str) -> list[str]:
    """The language Chromium computes for each element selected: the one of en, ru, kk it matches."""
    return page.eval_on_selector_all(
        selector,
        """elements => elements.map(e =>
            ['en', 'ru', 'kk'].find(language => e.matches(`:lang(${language})`)) || '?')""",
    )


def test_an_articles_own_text_is_in_its_language_and_the_interface_in_the_sites(corpus_site):
    with chromium() as browser:
        page = browser.new_page()
        for path, language in ((RU, "ru"), (KK, "kk"), (EN, "en")):
            page.goto((corpus_site / path).as_uri())
            for selector in ("h1", ".article-lead", ".article-paragraph", ".dateline"):
                found = languages(page, f"article {selector}")
                assert found and set(found) == {language}, (path, selector, found)
            # the page around it: headings and labels of the site's interface
            assert set(languages(page, "article h2, .article-meta, .source-footer")) == {"en"}


def test_excerpts_quotes_and_links_keep_their_articles_language_on_every_page(corpus_site):
    with chromium() as browser:
        page = browser.new_page()
        page.goto((corpus_site / "themes/trade-investment.html").as_uri())
        excerpts = page.eval_on_selector_all(
            ".excerpt",
            "elements => elements.map(e => [e.querySelector('a[href]').getAttribute('href'),"
            " ['en', 'ru', 'kk'].find(l => e.matches(`:lang(${l})`))])",
        )
        assert {href.split("#")[0] for href, _ in excerpts} >= {"../" + RU, "../" + EN}
        for href, language in excerpts:
            assert language == ("ru" if RU in href else "en"), (href, language)
        # a Russian excerpt is dated in Russian, an English one in English
        text = page.inner_text("article")
        assert "20 февраля 2024 г." in text and "20 February 2024" not in text
        page.goto((corpus_site / "people/kassym-jomart-tokayev.html").as_uri())
        assert "ru" in languages(page, "blockquote.pull-quote")
        for listing in ("index.html", "archive.html", "themes/education.html"):
            page.goto((corpus_site / listing).as_uri())
            for target, language in ((RU, "ru"), (KK, "kk")):
                links = languages(page, f'article a[href$="{target}"]')
                assert links and set(links) == {language}, (listing, target, links)


def test_dates_are_written_as_cldr_writes_them_in_the_articles_language(corpus_site):
    kk_theme = (corpus_site / "themes/education.html").read_text(encoding="utf-8")
    assert "2024\u00a0ж.\u00a015\u00a0мамыр" in kk_theme
    ru_theme = (corpus_site / "themes/trade-investment.html").read_text(encoding="utf-8")
    assert "20\u00a0февраля\u00a02024\u00a0г." in ru_theme


def test_feeds_and_metadata_say_each_articles_language(corpus_site):
    atom = ElementTree.parse(corpus_site / "feeds/site.xml").getroot()
    assert atom.get(XML_LANG) == "en"
    entries = {
        entry.find("{http://www.w3.org/2005/Atom}link").get("href").rsplit("/", 1)[-1]: entry
        for entry in atom.findall("{http://www.w3.org/2005/Atom}entry")
    }
    assert entries["investment-talks-ru.html"].get(XML_LANG) == "ru"
    assert entries["education-kk.html"].get(XML_LANG) == "kk"
    assert entries["critical-minerals.html"].get(XML_LANG) == "en"
    feed = json.loads((corpus_site / "feeds/site.json").read_text(encoding="utf-8"))
    by_url = {item["url"].rsplit("/", 1)[-1]: item for item in feed["items"]}
    assert feed["language"] == "en" and by_url["investment-talks-ru.html"]["language"] == "ru"
    assert "20 февраля 2024 г." in by_url["investment-talks-ru.html"]["content_html"]
    for path, language in ((RU, "ru"), (KK, "kk"), (EN, "en")):
        html = (corpus_site / path).read_text(encoding="utf-8")
        jsonld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert jsonld["inLanguage"] == language
        assert f'<meta property="og:locale" content="{language}">' in html


def test_a_language_no_date_can_be_written_in_is_a_located_error(project):
    seed = next((project / "source/articles").glob("*.yaml"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("\npublished:", "\nlanguage: xx\npublished:", 1), encoding="utf-8")
    result = run_builder(project)
    assert result.returncode == 1
    assert re.search(rf"{seed.name}:\d+:\d+: language: 'xx' is not a language", result.stderr), (
        result.stderr
    )
