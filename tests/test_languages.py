"""Articles in Kazakh, Russian and English: every text of an article is marked with its language
wherever it appears, as Chromium computes it (:lang()), dates are written as CLDR writes them in that
language, and feeds and metadata say the language. The site is English, with one story in three
versions (tests/fixtures/languages/: each with a quote and places and people in its own script)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
from browser import reader_tab
from helpers import run_builder_here

RU = "articles/visa-centre-ru.html"
KK = "articles/visa-centre-kk.html"
EN = "articles/visa-centre-en.html"
# Articles with no other version: listings show the story above once, in English (test_translations.py)
RU_ONLY = "articles/c5-trade-ru.html"
KK_ONLY = "articles/grain-exports-kk.html"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def corpus_site(languages_site):
    """The shipped site with the three versions of the story (conftest.py): its site dir."""
    return languages_site


def languages(page, selector: str) -> list[str]:
    """The language Chromium computes for each element selected: the one of en, ru, kk it matches."""
    return page.eval_on_selector_all(
        selector,
        """elements => elements.map(e =>
            ['en', 'ru', 'kk'].find(language => e.matches(`:lang(${language})`)) || '?')""",
    )


def test_an_articles_own_text_is_in_its_language_and_the_interface_in_the_sites(corpus_site):
    with reader_tab() as page:
        for path, language in ((RU, "ru"), (KK, "kk"), (EN, "en")):
            page.goto((corpus_site / path).as_uri())
            for selector in ("h1", ".article-lead", ".article-paragraph", ".dateline"):
                found = languages(page, f"article {selector}")
                assert found and set(found) == {language}, (path, selector, found)
            # the page around it: headings of the site's interface
            assert set(languages(page, "article h2:not(.corrections h2)")) == {"en"}
            # the labels inside the article's text (meta line, source line): its language's catalog
            assert set(languages(page, ".article-meta, .source-footer")) == {language}


def test_excerpts_quotes_and_links_keep_their_articles_language_on_every_page(corpus_site):
    with reader_tab() as page:
        excerpts = []
        for theme in (
            "visas-travel",
            "trade-investment",
        ):  # the story once, and articles of their own
            page.goto((corpus_site / f"themes/{theme}.html").as_uri())
            excerpts += page.eval_on_selector_all(
                ".excerpt",
                "elements => elements.map(e => [e.querySelector('.excerpt-source a').getAttribute("
                "'href'), ['en', 'ru', 'kk'].find(l => e.matches(`:lang(${l})`))])",
            )
        assert {href.split("#")[0] for href, _ in excerpts} >= {
            "../" + p for p in (RU_ONLY, KK_ONLY, EN)
        }
        for href, language in excerpts:
            expected = "ru" if "-ru.html" in href else "kk" if "-kk.html" in href else "en"
            assert language == expected, (href, language)
        page.goto((corpus_site / "people/daniel-rosenblum.html").as_uri())
        assert set(languages(page, "blockquote.pull-quote")) == {"en", "ru", "kk"}
        for listing in ("index.html", "archive.html", "places/astana.html", EN):
            page.goto((corpus_site / listing).as_uri())
            for target, language in ((RU, "ru"), (KK, "kk")):
                name = target.rsplit("/", 1)[-1]
                links = languages(page, f'article a[href$="{name}"]:not(.headerlink)')
                assert links and set(links) == {language}, (listing, target, links)


def test_dates_are_written_as_cldr_writes_them_in_the_articles_language(corpus_site):
    """On the theme and person pages, each excerpt and quote is dated in its own language; on the
    article pages, the article's own date."""
    expected = {
        "themes/trade-investment.html": ("20 февраля 2024 г.", "2024 ж. 15 қаңтар"),
        "people/daniel-rosenblum.html": (
            "12 March 2024",
            "20 февраля 2024 г.",
            "2024 ж. 15 қаңтар",
        ),
        RU: ("12 марта 2024 г.",),
        KK: ("2024 ж. 12 наурыз",),
    }
    for page, dates in expected.items():
        # CLDR sets no-break spaces, narrow before "г."
        text = re.sub("[\u00a0\u202f]", " ", (corpus_site / page).read_text(encoding="utf-8"))
        for date in dates:
            assert date in text, (page, date)


def test_feeds_and_metadata_say_each_articles_language(corpus_site):
    atom = ElementTree.parse(corpus_site / "feeds/site.xml").getroot()
    assert atom.get(XML_LANG) == "en"
    entries = {
        entry.find("{http://www.w3.org/2005/Atom}link").get("href").rsplit("/", 1)[-1]: entry
        for entry in atom.findall("{http://www.w3.org/2005/Atom}entry")
    }
    assert entries["visa-centre-ru.html"].get(XML_LANG) == "ru"
    assert entries["visa-centre-kk.html"].get(XML_LANG) == "kk"
    assert entries["visa-centre-en.html"].get(XML_LANG) == "en"
    feed = json.loads((corpus_site / "feeds/site.json").read_text(encoding="utf-8"))
    by_url = {item["url"].rsplit("/", 1)[-1]: item for item in feed["items"]}
    assert feed["language"] == "en" and by_url["visa-centre-ru.html"]["language"] == "ru"
    assert "12 марта 2024\u202fг." in by_url["visa-centre-ru.html"]["content_html"]
    for path, language in ((RU, "ru"), (KK, "kk"), (EN, "en")):
        html = (corpus_site / path).read_text(encoding="utf-8")
        jsonld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert jsonld["inLanguage"] == language
        assert f'<meta property="og:locale" content="{language}">' in html


def test_a_language_no_date_can_be_written_in_is_a_located_error(project):
    seed = next((project / "source/articles").glob("*.yaml"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("\npublished:", "\nlanguage: xx\npublished:", 1), encoding="utf-8")
    result = run_builder_here(project)
    assert result.returncode == 1
    assert re.search(rf"{seed.name}:\d+:\d+: language: 'xx' is not a language", result.stderr), (
        result.stderr
    )


def test_quotes_are_set_in_the_quotation_marks_of_their_language(corpus_site):
    """CLDR's marks: “…” in English with the comma inside; «…» in Russian and Kazakh, the comma that
    leads into the attribution after them. Out of the article (a person's page), the same marks."""
    from helpers import article_text

    def quote_on(path: str) -> str:
        page = (corpus_site / path).read_text(encoding="utf-8")
        fragment = re.search(r'<p class="article-quote".*?</p>', page, re.S).group()
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())

    assert quote_on(EN).startswith("“This will halve the wait for an interview,” the Ambassador")
    assert quote_on(RU).startswith("«Это вдвое сократит ожидание собеседования», сказал посол")
    assert quote_on(KK).startswith("«Бұл сұхбат күту уақытын екі есе қысқартады», деді елші")
    person = article_text((corpus_site / "people/daniel-rosenblum.html").read_text("utf-8"))
    assert "«Мы видим интерес, которого не было десять лет назад»" in person
    assert "“This will halve the wait for an interview.”" in person
    # and in the feeds' full text (the Atom entry's content, escaped once more inside XML)
    feed = ElementTree.parse(corpus_site / "feeds/site.xml").getroot()
    contents = " ".join(e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}content"))
    assert "«Это вдвое сократит ожидание собеседования»," in contents
    assert "“This will halve the wait for an interview,”" in contents


KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def test_kazakh_and_russian_text_is_set_in_the_sites_font_with_no_fallback(corpus_site):
    """Every glyph of the articles' headline, paragraphs and quote, and every letter of the Kazakh
    alphabet beyond Russian's, comes from Source Serif 4 (the site's own font), as Chromium reports
    the fonts it drew a node's text with: no letter falls back to a system font mid-word."""
    with reader_tab() as page:
        for path in (KK, RU):
            page.goto((corpus_site / path).as_uri())
            page.evaluate(
                "letters => { document.querySelector('article .article-paragraph')"
                ".lastChild.textContent += ' ' + letters; }",
                KAZAKH_LETTERS,
            )
            page.evaluate("document.fonts.ready.then(() => true)")
            cdp = page.context.new_cdp_session(page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
            for selector in ("article h1", "article .article-paragraph", "article .article-quote"):
                node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})
                fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
                assert fonts and {f["familyName"] for f in fonts} == {"Source Serif 4"}, (
                    path,
                    selector,
                    fonts,
                )
