"""Details a reader trips over, checked in Chromium on the real built site."""

import pytest
from browser import Recorder, chromium
from servers import nginx

pytestmark = pytest.mark.browser

ARTICLE = "articles/rosenblum-kazakh-american-relations.html"
EMBED = "embed/rosenblum-kazakh-american-relations.html"


def test_the_embed_snippet_says_plainly_when_the_site_address_is_unknown(built_site, tmp_path):
    _, site = built_site
    with chromium() as browser:
        page = browser.new_page()
        seen = Recorder().attach(page)
        page.goto((site / ARTICLE).as_uri())
        snippet = page.inner_text(".embed-snippet code")
        assert (
            'src="https://SITE-ADDRESS/embed/rosenblum-kazakh-american-relations.html"' in snippet
        )
        assert 'src="https://SITE-ADDRESS/assets/embed.js"' in snippet
        assert "cannot know the site's web address" in page.inner_text(".embed-snippet-note")
        assert seen.page_errors == []
        with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _):
            page.goto(base + ARTICLE)
            snippet = page.inner_text(".embed-snippet code")
            assert f'src="{base}embed/rosenblum-kazakh-american-relations.html"' in snippet
            assert page.query_selector(".embed-snippet-note") is None


def test_the_snippet_is_not_under_the_copy_button(built_site):
    _, site = built_site
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((site / ARTICLE).as_uri())
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
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / EMBED).as_uri())
        assert "Originally published by The Astana Times on August\u00a02023." in page.inner_text(
            ".source-footer"
        )
        permalinks = page.query_selector_all(".headerlink")
        assert permalinks and not any(link.is_visible() for link in permalinks)


def test_the_about_page_speaks_to_readers(built_site):
    _, site = built_site
    with chromium() as browser:
        page = browser.new_page()
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
    with chromium() as browser:
        desktop = browser.new_page(viewport={"width": 1280, "height": 900})
        for path, tab in TAB_OF_PAGE.items():
            desktop.goto((site / path).as_uri())
            assert desktop.inner_text(".md-tabs__item--active").strip() == tab, path
            # no lone label in the left column
            assert not desktop.is_visible(".md-sidebar--primary"), path
        desktop.goto((site / ARTICLE).as_uri())
        # Dates never break across lines; the caption without a picture is no grey box.
        for element in desktop.query_selector_all(".article-meta"):
            assert "August\u00a02023" in element.inner_text()
        figure = desktop.query_selector(".article-figure")
        assert figure.evaluate("e => getComputedStyle(e).backgroundColor") in (
            "rgba(0, 0, 0, 0)",
            "transparent",
        )
        paragraph = desktop.query_selector(".article-paragraph").bounding_box()
        # in the text column, not shrunk and centred
        assert abs(figure.bounding_box()["x"] - paragraph["x"]) < 2
        # The dateline is set off from the first words in the text itself (search snippets read it too).
        assert desktop.inner_text(".article-paragraph").startswith("ASTANA – Last year")

        phone = browser.new_page(viewport={"width": 375, "height": 812})
        phone.goto((site / "index.html").as_uri())
        title = phone.query_selector(".md-header__topic .md-ellipsis")
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), (
            "the site name is cut off on a phone"
        )


def test_the_download_button_and_its_explanation_sit_side_by_side(project):
    from helpers import run_builder, run_mkdocs

    from newsbuild.build import stamp_offline_zip
    from newsbuild.settings import read_settings

    (project / "docs/downloads").mkdir()
    (project / "docs/downloads/kazakhstan-u-s-relations-offline.zip").write_bytes(b"PK")
    stamp_offline_zip(project / "source", project / "docs", read_settings(project / "mkdocs.yml"))
    assert run_builder(project).returncode == 0
    assert run_mkdocs(project).returncode == 0
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
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
