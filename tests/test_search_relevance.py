"""Search as readers use it: news articles in several languages and the queries readers type, through
Material's search box in Chromium, from nginx and from file://; and the one text analysis both the
index builder (Node) and the browser run, given the same inputs."""

from __future__ import annotations

import json
import re
import subprocess

import yaml
from browser import chromium, reader_tab, wait_for_text
from helpers import ROOT, SEARCH_CORPUS, search_results
from servers import nginx

QUERIES = yaml.safe_load((SEARCH_CORPUS / "queries.yaml").read_text(encoding="utf-8"))
PLACEHOLDER = "Type to start searching"
BOX = "input[data-md-component=search-query]"
META = ".md-search-result__meta"


def wait_for_meta(page, placeholder: bool, seconds: float = 20):
    """Until the result count shows (or stops showing) the placeholder."""
    assert wait_for_text(page, META, PLACEHOLDER, placeholder, seconds), "search did not answer"


def search(page, query: str) -> list[str]:
    """Type a query as a reader would, wait for its answer; the result pages, best first."""
    box = page.locator(BOX)
    box.fill("")
    box.press("End")
    wait_for_meta(page, placeholder=True)
    box.fill(query)
    box.press("End")  # Material searches on keyup
    wait_for_meta(page, placeholder=False)
    links = page.eval_on_selector_all(
        ".md-search-result__link", "links => links.map(a => a.getAttribute('href'))"
    )
    return [re.sub(r"^.*?/site/|^https?://[^/]+/[^/]*/|\?.*$", "", href) for href in links]


def check_queries(page) -> list[str]:
    failures = []
    for case in QUERIES:
        found = search(page, case["query"])
        above = case.get("above", [])  # [a, b]: a is found, and ranks above b if b is found too
        wrong = (
            (case.get("none") and found)
            or any(p not in found[:3] for p in case.get("top3", []))
            or any(p not in found for p in case.get("found", []))
            or any(p in found for p in case.get("absent", []))
            or (above and (above[0] not in found or found.index(above[0]) > found.index(above[1])))
        )
        if wrong:
            failures.append(f"{case['query']!r}: got {found[:6]}, want {case}")
    return failures


def open_search(page):
    if page.is_visible("label.md-header__button[for=__search]"):
        page.click("label.md-header__button[for=__search]")
    page.locator(BOX).focus()


def test_every_query_finds_what_readers_expect_from_disk(corpus_site):
    assert len(QUERIES) >= 40
    with chromium() as browser:
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page = context.new_page()
        page.goto((corpus_site / "about.html").as_uri())
        open_search(page)
        assert check_queries(page) == []


def test_every_query_finds_what_readers_expect_from_nginx(corpus_site, tmp_path):
    with nginx(tmp_path / "nginx", corpus_site, "/kz-us/") as (base, _), chromium() as browser:
        page = browser.new_page()
        page.goto(base + "about.html")
        open_search(page)
        assert check_queries(page) == []


def test_an_article_result_shows_its_date_and_publication_and_marks_the_words(corpus_site):
    with reader_tab() as page:
        page.goto((corpus_site / "index.html").as_uri())
        open_search(page)
        assert search(page, "record trade")[0] == "articles/trade-record.html"
        first = page.locator(".md-search-result__item").first
        assert (
            first.locator(".search-result-meta").inner_text()
            == "Article · 12 March 2024 · The Astana Times · English"
        )
        assert "Trade" in first.locator("h1 mark").all_inner_texts()
        # a person: found by name, shown as such, below the article that matches as well
        assert search(page, "Seitkali")[:2] == [
            "articles/fulbright-scholars.html",
            "people/aigerim-seitkali.html",
        ]
        assert (
            page.locator(".md-search-result__item")
            .nth(1)
            .locator(".search-result-meta")
            .inner_text()
            == "Person"
        )


LANGUAGES_OF_TEXTS = """item => {
  const lang = e => ["en", "ru", "kk"].find(l => e.matches(`:lang(${l})`)) || "?";
  const meta = item.querySelector(".search-result-meta");
  return {
    label: lang(meta),
    marked: [...item.querySelectorAll("h1 mark, p:not(.search-result-meta) mark")].map(lang),
    spans: [...meta.querySelectorAll("span")].map(e => [e.textContent, lang(e)]),
  };
}"""


def test_a_result_says_its_articles_language_and_its_texts_are_in_it(corpus_site):
    """In an archive of several languages, an article's result names its language, in that language;
    its title, date and summary are marked as that language where it is not the page's."""
    with reader_tab() as page:
        page.goto((corpus_site / "index.html").as_uri())
        open_search(page)
        for query, first, name, language in [
            ("ауыл", "articles/rural-roads-kk.html", "Қазақ тілі", "kk"),
            ("зерно", "articles/grain-exports-ru.html", "Русский", "ru"),
            ("record trade", "articles/trade-record.html", "English", "en"),
        ]:
            assert search(page, query)[0] == first
            item = page.locator(".md-search-result__item").first
            assert item.locator(".search-result-meta").inner_text().endswith(f" · {name}")
            texts = item.evaluate(LANGUAGES_OF_TEXTS)
            # the label ("Article") is in the page's language; the date, the language's name and
            # the words marked in the title and summary in the article's
            assert texts["label"] == "en"
            assert texts["marked"] and set(texts["marked"]) == {language}, texts
            if language != "en":
                assert [lang for _, lang in texts["spans"]] == [language, language], texts
                assert texts["spans"][-1][0] == name


def test_a_persons_result_reads_role_and_description_as_two_statements(corpus_site):
    person = next(
        r
        for r in search_results(corpus_site, "Rosenblum")
        if r["location"] == "people/daniel-rosenblum.html"
    )
    assert "U.S. Ambassador to Kazakhstan. American diplomat;" in person["text"]


def test_markup_typed_into_the_box_or_stored_in_an_article_stays_text(corpus_site):
    with chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((corpus_site / "index.html").as_uri())
        open_search(page)
        search(page, '<img src=x onerror=alert(1)> "<b>trade</b>" -<i>')
        assert page.locator(".md-search-result__list img, .md-search-result__list b").count() == 0
        assert dialogs == []


def test_nothing_of_the_index_loads_until_a_reader_types(corpus_site, tmp_path):
    with nginx(tmp_path / "nginx", corpus_site, "/kz-us/") as (base, _), chromium() as browser:
        log = tmp_path / "nginx" / "access.log"
        page = browser.new_page()
        page.goto(base + "articles/trade-record.html")
        page.wait_for_load_state("networkidle")
        page.locator(BOX).focus()
        page.wait_for_timeout(300)
        before = log.read_text()
        assert "/search/parts/" not in before and "/vendor/" not in before
        assert search(page, "uranium")[0] == "articles/nuclear-security.html"
        after = log.read_text()[len(before) :]
        assert (
            re.search(r"/search/parts/[0-9a-f]{12}/meta\.js", after)
            and "/workers/vendor/minisearch.js" in after
        )
        loaded = re.findall(r"/search/parts/[0-9a-f]{12}/([\w-]+)\.js", after)
        assert (
            "tur" in loaded
            and "tzebra" not in loaded
            and len([p for p in loaded if p[0] == "t"]) == 1
        )


FOLDING = {  # text → its words as both sides fold them
    "Straße STRASSE": ["strasse", "strasse"],
    "İstanbul ISTANBUL ıstanbul": ["istanbul", "istanbul", "istanbul"],
    "ﬁnance": ["finance"],
    "José Jose\u0301 JOSÉ": ["jose", "jose", "jose"],
    "U.S. Tokayev’s Tokayev's": ["us", "tokayev", "tokayev"],
    "Қазақстан ҚАЗАҚСТАН": ["қазақстан", "қазақстан"],
    "ЁЛКА ёлка новый": ["елка", "елка", "новый"],
    "ΣΊΣΥΦΟΣ σίσυφος": ["σίσυφοσ", "σίσυφοσ"],
    "Kassym-Jomart, 10-year": ["kassym", "jomart", "10", "year"],
    "ＦＵＬＬＷＩＤＴＨ ①": ["fullwidth", "1"],
}
TERMS = {  # a document's language → its folded words → their index terms
    "en": {
        "investments": ["investments", "invest"],
        "investment": ["investment", "invest"],
        "reformed": ["reformed", "reform"],
        "the": [],
        "us": ["us"],
        "may": ["may"],
        "инвестиции": ["инвестиции"],  # a Russian word in an English text: as it is
    },
    "ru": {
        "инвестиции": ["инвестиции", "инвестиц"],
        "инвестиций": ["инвестиций", "инвестиц"],
        "и": [],
        "the": ["the"],
    },
    # Kazakh: folded, not stemmed (as Russian, ауыл and ауа would both be "ау", ата and аты "ат")
    "kk": {
        "қазақстан": ["қазақстан"],
        "ауыл": ["ауыл"],
        "ауа": ["ауа"],
        "ата": ["ата"],
        "и": ["и"],
    },
    "kk-Cyrl-KZ": {"ауылдар": ["ауылдар"]},
    "de": {"strasse": ["strasse"]},
}
QUERY_TERMS = {  # a query's folded word → what it looks up in an index of English, Russian and Kazakh
    "investments": ["investments", "invest"],
    "инвестиции": ["инвестиции", "инвестиц"],
    "ауыл": ["ауыл", "ау"],
    "the": [],  # a stop word in one of the languages is no search word
    "и": [],
}
ANALYSE = """(T, folding, terms, queryTerms) => ({
  words: Object.fromEntries(Object.keys(folding).map(text => [text, T.words(text).map(w => w.folded)])),
  terms: Object.fromEntries(Object.keys(terms).map(language =>
    [language, Object.fromEntries(Object.keys(terms[language]).map(word => [word, T.terms(word, language)]))])),
  queryTerms: Object.fromEntries(Object.keys(queryTerms).map(word => [word, T.queryTerms(word, ["en", "ru", "kk"])])),
  pairs: T.pairs("Ministry of Foreign Affairs", "en")
})"""
EXPECTED = {
    "words": FOLDING,
    "terms": TERMS,
    "queryTerms": QUERY_TERMS,
    "pairs": ["ministri foreign", "foreign affair"],
}
ARGUMENTS = ", ".join(json.dumps(value) for value in (FOLDING, TERMS, QUERY_TERMS))
TEXT_MODULE = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-text.js"


def test_the_index_builder_folds_and_splits_words_as_expected():
    script = (
        f"const T = require({json.dumps(str(TEXT_MODULE))}); "
        f"console.log(JSON.stringify(({ANALYSE})(T, {ARGUMENTS})))"
    )
    node = subprocess.run(
        ["node", "-e", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert json.loads(node.stdout) == EXPECTED


def test_the_browser_folds_and_splits_words_as_the_index_builder_does(corpus_site):
    vendor = corpus_site / "assets" / "javascripts" / "workers" / "vendor"
    with reader_tab() as page:
        page.goto((corpus_site / "about.html").as_uri())
        for script in ("lunr.min.js", "lunr.stemmer.support.min.js", "lunr.ru.min.js"):
            page.add_script_tag(path=str(vendor / script))
        page.add_script_tag(
            path=str(corpus_site / "assets" / "javascripts" / "workers" / "search-text.js")
        )
        assert page.evaluate(f"({ANALYSE})(window.SearchText, {ARGUMENTS})") == EXPECTED
