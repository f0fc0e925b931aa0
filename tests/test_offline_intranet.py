"""One build, three ways to read it: from disk with no network, behind nginx under a subpath,
and embedded in a portal on another origin. Headless Chromium, Debian's nginx."""

import urllib.request

import pytest
from browser import Recorder, chromium
from servers import nginx

pytestmark = pytest.mark.browser

ARTICLE_ID = "rosenblum-kazakh-american-relations"
PAGE_TYPES = [
    "index.html",
    f"articles/{ARTICLE_ID}.html",
    "themes/index.html",
    "themes/sanctions.html",
    "people/index.html",
    "people/daniel-rosenblum.html",
    "organizations/silk-way-tv.html",
    "places/astana.html",
    "archive.html",
    "about.html",
    f"embed/{ARTICLE_ID}.html",
]


def search(page, query: str) -> list[str]:
    """Type into Material's search box as a reader would; the result links."""
    # phone layout: open the search first
    if page.is_visible("label.md-header__button[for=__search]"):
        page.click("label.md-header__button[for=__search]")
    page.locator("input[data-md-component=search-query]").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__link")]


def styled(page) -> bool:
    """Material's stylesheet applied: the header is fixed-position and coloured."""
    return page.evaluate("""() => {
        const header = document.querySelector('.md-header');
        return !!header && getComputedStyle(header).position === 'sticky'
            && getComputedStyle(header).backgroundColor !== 'rgba(0, 0, 0, 0)';
    }""")


def test_from_disk_with_the_network_blocked(built_site):
    _, site = built_site
    with chromium() as browser:
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page = context.new_page()  # one tab from page to page
        seen = Recorder().attach(page)
        for path in PAGE_TYPES:
            seen.clear()
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert [u for u in seen.requests if not u.startswith("file:")] == [], path
            assert seen.console_errors == [] and seen.page_errors == [], path
            if not path.startswith("embed/"):
                assert styled(page), path

        seen.clear()
        page.goto((site / "people/daniel-rosenblum.html").as_uri())
        results = search(page, "sanctions")
        assert any(f"articles/{ARTICLE_ID}.html" in href for href in results)
        assert [u for u in seen.requests if not u.startswith("file:")] == []
        assert seen.console_errors == [] and seen.page_errors == []


def test_served_by_nginx_under_a_subpath(built_site, tmp_path):
    _, site = built_site
    with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _), chromium() as browser:
        page = browser.new_page()
        seen = Recorder().attach(page)
        for path in [
            "",
            f"articles/{ARTICLE_ID}.html",
            "themes/sanctions.html",
            "people/daniel-rosenblum.html",
        ]:
            response = page.goto(base + path)
            assert response.status == 200, path
            assert styled(page), path
        assert all(u.startswith(base) for u in seen.requests), [
            u for u in seen.requests if not u.startswith(base)
        ]
        assert not [u for u in seen.requests if "/kz-us/" not in u]
        results = search(page, "sanctions")
        assert any(f"articles/{ARTICLE_ID}.html" in href for href in results)
        assert seen.console_errors == [] and seen.page_errors == []


HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet portal</title><link rel="icon" href="data:,"></head>
<body>
<h1>Intranet portal</h1>
<iframe class="newsbuild-embed" src="{site}embed/{article}.html" title="Article"
        style="width: 100%; height: 600px; border: 0"></iframe>
<p id="after">After the embed.</p>
<script src="{site}assets/embed.js" async></script>
</body></html>
"""


def test_embedded_in_a_portal_on_another_origin(built_site, tmp_path):
    _, site = built_site
    portal = tmp_path / "portal"
    with (
        nginx(tmp_path / "nginx", site, "/kz-us/", host_page_root=portal) as (base, host),
        chromium() as browser,
    ):
        (portal / "host.html").write_text(
            HOST_PAGE.format(site=base, article=ARTICLE_ID), encoding="utf-8"
        )
        page = browser.new_page(viewport={"width": 900, "height": 700})
        seen = Recorder().attach(page)
        page.goto(host + "/host.html")
        frame_element = page.wait_for_selector("iframe.newsbuild-embed")
        page.wait_for_function(
            "document.querySelector('iframe.newsbuild-embed').style.height !== '600px'",
            timeout=15000,
        )
        frame = frame_element.content_frame()
        content_height = frame.evaluate("document.documentElement.getBoundingClientRect().height")
        frame_height = frame_element.evaluate("element => element.getBoundingClientRect().height")
        assert content_height > 1000
        assert abs(frame_height - content_height) <= 20

        # A message from the portal's own origin (not the site's) is ignored.
        page.evaluate("window.postMessage({type: 'newsbuild-embed:height', height: 150}, '*')")
        page.wait_for_timeout(300)
        assert (
            abs(
                frame_element.evaluate("element => element.getBoundingClientRect().height")
                - content_height
            )
            <= 20
        )

        with page.expect_navigation():
            frame.click("text=Read on")
        assert page.url == f"{base}articles/{ARTICLE_ID}.html"
        assert seen.console_errors == [] and seen.page_errors == []


def test_nginx_sends_the_security_and_caching_headers(built_site, tmp_path):
    _, site = built_site
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    with nginx(tmp_path / "nginx", site, "/kz-us/", embed_origins=["https://portal.example"]) as (
        base,
        _,
    ):
        for path in [
            "",
            f"articles/{ARTICLE_ID}.html",
            f"embed/{ARTICLE_ID}.html",
            f"assets/javascripts/{bundle}",
            "missing.html",
        ]:
            try:
                response = urllib.request.urlopen(base + path)
            except urllib.error.HTTPError as error:
                response = error
            headers = response.headers
            csp = headers["Content-Security-Policy"]
            assert (
                "default-src 'self'" in csp
                and "frame-ancestors 'self' https://portal.example" in csp
            ), path
            assert headers["X-Content-Type-Options"] == "nosniff", path
            assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
            expected_cache = (
                "public, max-age=31536000, immutable" if path.endswith(".min.js") else "no-cache"
            )
            assert headers["Cache-Control"] == expected_cache, path


def test_offline_zip_is_deterministic_and_searchable_unpacked(built_site, tmp_path):
    import zipfile

    from newsbuild.offline_zip import pack

    _, site = built_site
    first, second = tmp_path / "a" / "site-offline.zip", tmp_path / "b" / "site-offline.zip"
    pack(site, first)
    pack(site, second)
    assert first.read_bytes() == second.read_bytes()

    with zipfile.ZipFile(first) as bundle:
        bundle.extractall(tmp_path / "unpacked")
    index = tmp_path / "unpacked" / "site-offline" / "index.html"
    with chromium() as browser:
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page = context.new_page()
        seen = Recorder().attach(page)
        page.goto(index.as_uri())
        assert any(f"articles/{ARTICLE_ID}.html" in href for href in search(page, "visas"))
        assert [u for u in seen.requests if not u.startswith("file:")] == []


def test_home_page_offers_the_zip_only_when_it_exists_and_is_as_new_as_the_site(project):
    from helpers import run_builder_here

    from newsbuild.build import stamp_offline_zip
    from newsbuild.settings import read_settings

    assert run_builder_here(project).returncode == 0
    assert "Download for offline reading" not in (project / "docs/index.md").read_text(
        encoding="utf-8"
    )
    (project / "docs/downloads").mkdir()
    (project / "docs/downloads/kazakhstan-u-s-relations-offline.zip").write_bytes(b"PK")
    stamp_offline_zip(project / "source", project / "docs", read_settings(project / "mkdocs.yml"))
    assert run_builder_here(project).returncode == 0
    home = (project / "docs/index.md").read_text(encoding="utf-8")
    assert (
        '<a class="md-button" href="downloads/kazakhstan-u-s-relations-offline.zip">Download for offline reading</a>'
        in home
    )

    # An article added after the zip was made: the zip is older than the site, so it is not offered.
    article = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("dateline: ASTANA", "dateline: ALMATY"),
        encoding="utf-8",
    )
    result = run_builder_here(project)
    assert result.returncode == 0
    assert "Download for offline reading" not in (project / "docs/index.md").read_text(
        encoding="utf-8"
    )
    assert "made from an older source" in result.stderr and "make offline" in result.stderr
