"""Details a reader trips over, checked in Chromium on the real built site."""

from pathlib import Path

import pytest
from browser import Recorder, chromium, reader_tab
from servers import nginx

pytestmark = pytest.mark.browser

ARTICLE = "articles/rosenblum-kazakh-american-relations.html"
EMBED = "embed/rosenblum-kazakh-american-relations.html"


def test_the_embed_control_is_offered_closed_and_only_where_its_address_is_known(
    built_site, tmp_path
):
    """For portal editors, not readers: one closed control; from disk (a site built without SITE_URL)
    no control at all, rather than a snippet with a placeholder address."""
    _, site = built_site
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        seen = Recorder().attach(page)
        page.goto((site / ARTICLE).as_uri())
        assert page.query_selector(".embed-section") is None
        assert "SITE-ADDRESS" not in page.content() and "Embed" not in page.inner_text("article")
        assert seen.page_errors == []
        with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _):
            page.goto(base + ARTICLE)
            control = page.locator("details.embed-section")
            assert control.get_attribute("open") is None
            assert not page.is_visible(".embed-snippet")
            assert control.bounding_box()["height"] < 40  # one line
            page.click("details.embed-section > summary")
            snippet = page.inner_text(".embed-snippet code")
            assert f'src="{base}embed/rosenblum-kazakh-american-relations.html"' in snippet
            assert f'src="{base}assets/embed.js"' in snippet
            # wrapped, not scrolling sideways
            assert page.evaluate(
                "() => { const c = document.querySelector('.embed-snippet pre > code');"
                " return c.scrollWidth <= c.clientWidth; }"
            )
            # under the copy button, not covered by it
            page.hover(".embed-snippet pre")
            button = page.wait_for_selector(".embed-snippet .md-code__button").bounding_box()
            first_line = page.evaluate("""() => {
                const range = document.createRange();
                const code = document.querySelector('.embed-snippet code');
                range.setStart(code.firstChild, 0); range.setEnd(code.firstChild, 1);
                const box = range.getBoundingClientRect(); return {y: box.y, height: box.height};
            }""")
            assert first_line["y"] >= button["y"] + button["height"] - 1


def test_an_embed_credits_the_publisher_and_has_no_permalink_to_click(built_site):
    _, site = built_site
    with reader_tab() as page:
        page.goto((site / EMBED).as_uri())
        assert "Originally published by The Astana Times on August\u00a02023." in page.inner_text(
            ".source-footer"
        )
        permalinks = page.query_selector_all(".headerlink")
        assert permalinks and not any(link.is_visible() for link in permalinks)


def test_the_about_page_speaks_to_readers(built_site):
    _, site = built_site
    with reader_tab() as page:
        page.goto((site / "about.html").as_uri())
        assert "written by hand" not in page.inner_text("article")


def header_is_styled(page) -> bool:
    return page.evaluate(
        "getComputedStyle(document.querySelector('.md-header')).position === 'sticky'"
    )


def test_the_404_page_is_styled_from_disk_and_for_any_missing_address_behind_nginx(
    built_site, tmp_path
):
    _, site = built_site
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "404.html").as_uri())
        assert header_is_styled(page)
        with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _):
            for missing in ("missing.html", "articles/missing.html", "a/b/c/missing"):
                page = browser.new_page()
                seen = Recorder().attach(page)
                response = page.goto(base + missing)
                assert response.status == 404, missing
                assert "404" in page.inner_text("article") and header_is_styled(page), missing
                page.click("a.md-header__button.md-logo")
                assert page.url == base + "index.html", missing
                assert [
                    e for e in seen.console_errors if "404" not in e
                ] == [] and seen.page_errors == [], missing


TAB_OF_PAGE = {
    ARTICLE: "Archive",
    "themes/sanctions.html": "Themes",
    "people/daniel-rosenblum.html": "People",
    "organizations/silk-way-tv.html": "Organizations",
    "places/astana.html": "Places",
}


def test_layout_on_desktop_and_phone(built_site):
    _, site = built_site
    with reader_tab(1280, 900) as desktop:
        for path, tab in TAB_OF_PAGE.items():
            desktop.goto((site / path).as_uri())
            assert desktop.inner_text(".md-tabs__item--active").strip() == tab, path
            # no lone label in the left column
            assert not desktop.is_visible(".md-sidebar--primary"), path
        desktop.goto((site / ARTICLE).as_uri())
        # Dates never break across lines; the caption of a photo not reproduced is a line of text in
        # the text column, no figure with nothing in it.
        for element in desktop.query_selector_all(".article-meta"):
            assert "August\u00a02023" in element.inner_text()
        assert desktop.query_selector("figure") is None
        note = desktop.query_selector(".media-note")
        assert note.inner_text().startswith("In the original, a photo: Ambassador Daniel Rosenblum")
        assert note.evaluate("e => getComputedStyle(e).backgroundColor") in (
            "rgba(0, 0, 0, 0)",
            "transparent",
        )
        paragraph = desktop.query_selector(".article-paragraph").bounding_box()
        assert abs(note.bounding_box()["x"] - paragraph["x"]) < 2
        # The dateline is set off from the first words in the text itself (search snippets read it too).
        assert desktop.inner_text(".article-paragraph").startswith("ASTANA – Last year")

        phone = desktop
        phone.set_viewport_size({"width": 375, "height": 812})
        phone.goto((site / "index.html").as_uri())
        title = phone.query_selector(".md-header__topic .md-ellipsis")
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), (
            "the site name is cut off on a phone"
        )


def test_the_download_button_and_its_explanation_sit_side_by_side(project):
    from helpers import run_builder_here, run_mkdocs_here

    from newsbuild.build import stamp_offline_zip
    from newsbuild.settings import read_settings

    (project / "docs/downloads").mkdir()
    (project / "docs/downloads/kazakhstan-u-s-relations-offline.zip").write_bytes(b"PK")
    stamp_offline_zip(project / "source", project / "docs", read_settings(project / "mkdocs.yml"))
    assert run_builder_here(project).returncode == 0
    assert run_mkdocs_here(project).returncode == 0
    with reader_tab(1280, 900) as page:
        page.goto((project / "site/index.html").as_uri())
        button = page.query_selector(".offline-download .md-button").bounding_box()
        text = page.evaluate("""() => {
            const range = document.createRange(); const text = document.querySelector('.offline-download__text');
            range.setStart(text.firstChild, 0); range.setEnd(text.firstChild, 1); const box = range.getBoundingClientRect();
            return {x: box.x, y: box.y}; }""")
        assert (
            text["x"] > button["x"] + button["width"]
            and button["y"] <= text["y"] <= button["y"] + button["height"]
        )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_footer_says_where_to_read_on_and_whose_texts_these_are(built_site, width, scheme):
    _, site = built_site
    with reader_tab(width, 800, scheme) as page:
        for path in ("index.html", ARTICLE, "people/daniel-rosenblum.html"):
            page.goto((site / path).as_uri())
            footer = page.locator("footer.site-footer")
            footer.scroll_into_view_if_needed()
            assert footer.is_visible(), path
            text = footer.inner_text()
            assert "Made with" not in text
            assert "text belongs to its publisher" in text and "the editors'" in text
            links = {
                a.inner_text(): a.evaluate("a => a.href")
                for a in footer.locator("a").element_handles()
            }
            assert list(links) == ["About this site", "All articles", "Atom feed", "JSON feed"]
            for name, href in links.items():
                assert href.startswith("file://") and Path(href[7:]).is_file(), (path, name, href)
            # nothing sticks out sideways on a phone
            assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_front_page_uses_the_width_and_shows_each_headline_once(built_site):
    _, site = built_site
    title = "Ambassador Rosenblum on Kazakh-American Relations"
    with reader_tab() as page:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto((site / "index.html").as_uri())
            lead = page.locator(".front-lead").bounding_box()
            side = page.locator(".front-side").bounding_box()
            if width == 1280:  # a side column beside the lead, above the fold
                assert side["x"] >= lead["x"] + lead["width"] and side["y"] < 900
                assert side["width"] > 250
            else:  # one after the other
                assert side["y"] >= lead["y"] + lead["height"] - 1
            # with one article, the themes list its count, not its headline five times over
            assert page.inner_text("article").count(title) == 1, width
