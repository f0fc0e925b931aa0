"""The site reads like news: a front page, news typography, clean printing, and screenshots as a check."""

from __future__ import annotations

import io
import re
import statistics
import unicodedata

import pytest
from browser import chromium, reader_tab
from helpers import ROOT, visibly_changed
from pypdf import PdfReader

from tools import screenshots

pytestmark = pytest.mark.browser

ARTICLE = "articles/rosenblum-kazakh-american-relations.html"
FONT_BUDGET = 150 * 1024


def visible_text(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def test_the_front_page_leads_with_the_newest_story_then_the_latest_themes_and_figures(corpus_site):
    with reader_tab(1280, 900) as page:
        page.goto((corpus_site / "index.html").as_uri())
        assert visible_text(page, ".front-lead h2") == [
            "U.S. and Kazakhstan Sign Memorandum on Critical Minerals"
        ]
        assert (
            page.locator(".front-lead h2 a").first.get_attribute("href")
            == "articles/critical-minerals.html"
        )
        assert (
            visible_text(page, ".front-kicker")[0].upper()
            == "CENTRAL ASIA WIRE · 19 SEPTEMBER 2024 · NEW YORK"
        )
        assert page.locator(".front-lead .front-lead__summary").inner_text().strip()
        # The next six, newest first, each with its publication and date.
        latest = visible_text(page, ".front-latest li strong a")
        assert latest[:3] == [
            "German Logistics Group Opens Hub on the Middle Corridor",
            "Экспорт казахстанского зерна через порт Актау вырос на треть",
            "U.S. Embassy Expands Interview Waiver for Returning Visa Applicants",
        ]
        assert len(latest) == 6
        assert visible_text(page, ".front-latest__meta")[0].endswith("· 2 July 2024")
        # Themes with the most articles first, each with its count and newest headline, unless the
        # page shows that headline already (the lead, the latest).
        themes = visible_text(page, ".front-themes li")
        counts = [int(re.search(r"(\d+) articles?", t).group(1)) for t in themes]
        assert counts == sorted(counts, reverse=True) and counts[0] > 1
        shown = set(latest) | set(visible_text(page, ".front-lead h2"))
        newest = [t.split("Latest: ", 1)[1] for t in themes if "Latest: " in t]
        assert newest and not shown & set(newest)
        assert len(newest) < len(themes)  # some themes' newest is the lead or among the latest
        figures = dict(
            zip(visible_text(page, ".front-figures dt"), visible_text(page, ".front-figures dd"))
        )
        assert figures["Articles"] == "20" and figures["Years"] == "2021–2024"


def test_with_one_article_the_front_page_still_has_each_part(built_site):
    _, site = built_site
    with reader_tab(375, 812) as page:
        page.goto((site / "index.html").as_uri())
        assert visible_text(page, ".front-lead h2")[0].startswith(
            "Ambassador Rosenblum on Kazakh-American Relations"
        )
        assert page.locator(".front-latest").count() == 0  # no empty "Latest articles" heading
        assert all(t.count("1 article") == 1 for t in visible_text(page, ".front-themes li"))
        assert visible_text(page, ".front-figures dd")[0] == "1"
        # Nothing wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


def characters_per_line(page) -> tuple[float, str, str]:
    """The median characters a line of the article's body paragraphs (those of three lines or more;
    the last line of each counted as half), their font family and size."""
    rows, family, size = page.evaluate("""() => {
        const paragraphs = [...document.querySelectorAll('p[id^="p-"]')];
        const style = getComputedStyle(paragraphs[0]);
        return [paragraphs.map(p => {
            const range = document.createRange();
            range.selectNodeContents(p);
            return [p.textContent.length, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        }), style.fontFamily, style.fontSize];
    }""")
    measure = statistics.median(length / (lines - 0.5) for length, lines in rows if lines >= 3)
    return measure, family, size


@pytest.mark.parametrize("width, low, high", [(1280, 60, 75), (1600, 60, 75), (375, 30, 45)])
def test_body_text_is_set_at_a_reading_measure_in_the_text_face(built_site, width, low, high):
    _, site = built_site
    with reader_tab(width, 900) as page:
        page.goto((site / ARTICLE).as_uri())
        assert page.evaluate(
            "document.fonts.ready.then(() => document.fonts.check('700 20px \"Source Serif 4\"'))"
        )
        measure, family, size = characters_per_line(page)
        assert low <= measure <= high, f"{measure:.0f} characters a line at {width} px"
        assert family.startswith('"Source Serif 4"')
        assert float(size.removesuffix("px")) >= 16


def test_fonts_are_self_hosted_latin_and_cyrillic_swap_and_small(corpus_site):
    fonts = corpus_site / "assets" / "fonts"
    css = (fonts / "source-serif-4.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    assert len(faces) == 8 and all("font-display: swap" in face for face in faces)
    assert sorted(re.findall(r"source-serif-4-([a-z-]+)-\d+-normal\.woff2", css)) == sorted(
        ["latin", "latin-ext", "cyrillic", "cyrillic-ext"] * 2
    )
    # Every file a page could ask for, together, is within the budget.
    assert sum(f.stat().st_size for f in fonts.glob("*.woff2")) <= FONT_BUDGET
    with chromium() as browser:
        for path, expected in [
            (ARTICLE, {"latin-400", "latin-700"}),
            ("articles/education-kk.html", {"cyrillic-400", "cyrillic-ext-400", "cyrillic-700"}),
        ]:
            page = browser.new_page()
            requested = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto((corpus_site / path).as_uri())
            page.evaluate("document.fonts.ready.then(() => true)")
            font_files = [url for url in requested if re.search(r"\.(woff2?|ttf|otf)$", url)]
            assert font_files and all(
                url.startswith((fonts.as_uri() + "/")) for url in font_files
            ), font_files
            loaded = {
                re.search(r"source-serif-4-([a-z-]+-\d+)-normal", url).group(1)
                for url in font_files
            }
            assert expected <= loaded, (path, loaded)
            assert (
                sum((fonts / url.rsplit("/", 1)[1]).stat().st_size for url in font_files)
                <= FONT_BUDGET
            )
            page.close()


LAID_OUT = [
    "h1",
    ".front-lead",
    ".front-latest",
    ".article-lead",
    "p[id^='p-']",
    ".pull-quote",
    ".md-content",
]


def layout(browser, url: str, block_fonts: bool) -> dict[str, list[float]]:
    """Where the main parts of a page sit and how tall they are, at a phone's width, with the text face
    loaded or (a slow network: it has not arrived yet) with the fallback."""
    page = browser.new_page(viewport={"width": 412, "height": 823})
    if block_fonts:
        page.route("**/*.woff2", lambda route: route.abort())
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    boxes = page.evaluate(
        """selectors => Object.fromEntries(selectors.map(s => [s,
        [...document.querySelectorAll(s)].flatMap(e => { const r = e.getBoundingClientRect(); return [r.top, r.height]; })]))""",
        LAID_OUT,
    )
    page.close()
    return boxes


@pytest.mark.parametrize("path", ["index.html", ARTICLE, "articles/education-kk.html"])
def test_nothing_moves_when_the_text_face_arrives(corpus_site, path):
    """Until Source Serif 4 arrives, text is set in a local serif scaled to its widths (site.css):
    swapping it in must not push the page around (the shift a reader sees, and Lighthouse counts)."""
    with chromium() as browser:
        fallback = layout(browser, (corpus_site / path).as_uri(), block_fonts=True)
        face = layout(browser, (corpus_site / path).as_uri(), block_fonts=False)
    assert fallback.keys() == face.keys() and any(face.values())
    # A headline may still break one line sooner or later: no part moves or grows by more than a line.
    # With Georgia's stack before, the front page's lead story grew by 106 px and its masthead by a line.
    for selector, values in face.items():
        assert len(fallback[selector]) == len(values), selector
        for before, after in zip(fallback[selector], values):
            assert abs(before - after) <= max(32, 0.02 * after), (
                selector,
                fallback[selector],
                values,
            )


def pdf_text(page) -> str:
    """The text of the page printed to PDF by Chromium, as a reader of the PDF would copy it."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(p.extract_text() for p in reader.pages)
    # "Kazakh-" at a line's end
    text = re.sub(r"(?<=\w-)\s+", "", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


CHROME = [
    "Embed this article",
    "Paste this into a portal",
    "Made with",
    "Table of contents",
    "Search",
    "Skip to content",
    "Switch to",
    "Organizations Places Archive",
    "iframe",
    "Copy to clipboard",
]


@pytest.mark.parametrize(
    "path, expected",
    [
        (
            ARTICLE,
            [
                "Ambassador Rosenblum on Kazakh-American Relations: U.S. to Remain Reliable Partner",
                "Last year, bilateral trade between Kazakhstan and the United States surpassed $3 billion",
                "said Rosenblum",
                "more than $3 billion Bilateral trade",
                "Source: The Astana Times (https://astanatimes.com/)",
            ],
        ),
        (
            "themes/sanctions.html",
            ["Sanctions", "Cooperation on observing and enforcing sanctions"],
        ),
        ("people/daniel-rosenblum.html", ["Daniel Rosenblum", "U.S. Ambassador to Kazakhstan"]),
    ],
)
def test_pages_print_as_text_alone_in_dark_ink_even_from_the_dark_palette(
    built_site, path, expected
):
    _, site = built_site
    with reader_tab(color_scheme="dark") as page:
        page.goto((site / path).as_uri())
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        text = pdf_text(page)
        for words in expected:
            assert words in text, (words, text[:400])
        for words in CHROME:
            assert words not in text, (words, text[:400])
        # the original's address written out (broken across lines where it must be)
        if path == ARTICLE:
            assert (
                "Read the original article (https://astanatimes.com/2023/08/ambassador-rosenblum-on-kazakh-american-"
                "relations-u-s-to-remain-reliable-partner/)"
            ).replace(" ", "") in text.replace(" ", "")
        page.emulate_media(media="print")
        ink = page.evaluate("""() => [document.body, document.querySelector('.md-content h1')].map(
            element => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor])""")
        assert ink[0] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"] and ink[1][0] == "rgb(0, 0, 0)"
        # Quotes, figures and facts are kept whole on a page.
        kept = page.evaluate("""() => [...document.querySelectorAll('blockquote, figure, .key-facts, .excerpt, .article-quote')]
            .map(element => getComputedStyle(element).breakInside)""")
        assert kept and set(kept) == {"avoid"}


# The font the interface's sans-serif renders in where the screenshots were made (Debian's
# fonts-dejavu-core, which .ci/run installs). Material's system font stack picks whatever the machine
# has: with fonts-liberation (which chromium recommends), Arial becomes Liberation Sans.
SCREENSHOT_SANS = "DejaVu Sans"


def interface_fonts(page) -> set[str]:
    """The fonts Chromium really drew the header's site name with (DevTools' platform fonts)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": ".md-header__topic"})[
        "nodeId"
    ]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_fresh_renders_match_the_readmes_screenshots(built_site, tmp_path):
    """A layout change shows up here: update the pictures with `make screenshots` when it is meant."""
    _, site = built_site
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "index.html").as_uri())
        fonts = interface_fonts(page)
        page.close()
        assert fonts == {SCREENSHOT_SANS}, (
            f"the interface's sans-serif renders in {', '.join(sorted(fonts))} on this machine, the "
            f"screenshots in {SCREENSHOT_SANS}: install fonts-dejavu-core and remove the package of "
            f"{', '.join(sorted(fonts - {SCREENSHOT_SANS}))} (.ci/run installs with --no-install-recommends); "
            "do not run make screenshots for this"
        )
        fresh = screenshots.capture(browser, site, screenshots.PAGES, tmp_path)
    assert len(fresh) == 16
    for picture in fresh:
        kept = ROOT / "screenshots" / picture.name
        assert kept.is_file(), f"screenshots/{picture.name} is missing: run make screenshots"
        share = visibly_changed(picture, kept)
        assert share <= 0.01, (
            f"{picture.name}: {share:.1%} of the pixels differ from screenshots/ (make screenshots)"
        )
