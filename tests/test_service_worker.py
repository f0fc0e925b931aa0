"""Reading offline after a visit: the service worker behind the shipped nginx config, in Chromium. Pages
read and a search made with the network keep working without it; a page never read shows the offline
page; a redeploy replaces what is saved, never mixing a new page with an old stylesheet."""

from __future__ import annotations

import re
import time

import pytest
from browser import Recorder, chromium
from helpers import SEED_ARTICLE, build_site, copy_project
from servers import nginx
from test_offline_intranet import ARTICLE_ID, search, styled

pytestmark = pytest.mark.browser

READ = [f"articles/{ARTICLE_ID}.html", "themes/sanctions.html", "people/daniel-rosenblum.html"]
NEVER_READ = "places/astana.html"
NEW_TITLE = "Ambassador Rosenblum Looks Back on Kazakh-American Relations"
NEW_RULE = "\n.md-typeset h1 { text-decoration: underline; }\n"
WITHDRAWAL = 'status: withdrawn\nwithdrawn_note: "Withdrawn while the interview is checked."\n'


def build_id(site) -> str:
    return re.search(r'const BUILD = "([0-9a-f]{16})"', (site / "sw.js").read_text()).group(1)


def caches(page) -> dict[str, list[str]]:
    return page.evaluate("""async () => {
        const found = {};
        for (const name of await caches.keys()) {
            found[name] = (await (await caches.open(name)).keys()).map(r => r.url);
        }
        return found;
    }""")


def wait_for_cache(page, name: str) -> None:
    """Until the worker of that build is active, controls the page and its cache is the only one."""
    deadline = time.monotonic() + 30
    while True:
        state = page.evaluate(
            "async () => [navigator.serviceWorker.controller !== null, await caches.keys()]"
        )
        if state == [True, [name]]:
            return
        workers = page.evaluate(
            "navigator.serviceWorker.getRegistration().then(r => r && [r.installing, r.waiting, r.active].map(w => w && w.state))"
        )
        assert time.monotonic() < deadline, (name, state, workers)
        time.sleep(0.5)


def underlined(page) -> bool:
    """The rule the redeploy adds to the site's stylesheet applies."""
    return page.evaluate(
        "getComputedStyle(document.querySelector('article h1')).textDecorationLine === 'underline'"
    )


def h1(page) -> str:
    return page.inner_text("article h1")


def test_pages_read_and_searches_made_stay_readable_offline_until_a_redeploy_replaces_them(
    tmp_path,
):
    project = copy_project(tmp_path / "project")
    site = build_site(project)
    with nginx(tmp_path / "nginx", site, "/news/") as (base, _), chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        seen = Recorder().attach(page)
        page.goto(base + READ[0])
        first_build = f"newsbuild-{build_id(site)}"
        wait_for_cache(page, first_build)
        for path in READ[1:]:
            page.goto(base + path)
        assert any(ARTICLE_ID in href for href in search(page, "sanctions"))
        titles = {}
        for path in READ:
            page.goto(base + path)
            titles[path] = h1(page)
        page.goto(base + READ[0])
        article_text = page.inner_text("p.article-paragraph")
        saved = caches(page)[first_build]
        assert all(base + path in saved for path in READ)

        context.set_offline(True)
        for path in READ:
            page.goto(base + path)
            assert h1(page) == titles[path] and styled(page), path
        assert any(ARTICLE_ID in href for href in search(page, "sanctions"))

        page.goto(base + NEVER_READ)
        assert page.url.startswith(base + "offline.html?from=")
        assert h1(page).startswith("You are offline") and styled(page)
        assert page.inner_text("#offline-asked") == NEVER_READ
        page.wait_for_selector("#offline-saved-pages li:nth-child(3) a")
        listed = page.eval_on_selector_all(
            "#offline-saved-pages a", "links => links.map(a => a.href)"
        )
        assert all(base + path in listed for path in READ)
        assert seen.page_errors == []

        context.set_offline(False)
        # A deploy that changes a page and the site's stylesheet: the article is retitled and withdrawn
        article = project / SEED_ARTICLE
        text = article.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^title: .*$", f"title: {NEW_TITLE}", text, count=1)
        article.write_text(text + WITHDRAWAL, encoding="utf-8")
        stylesheet = project / "docs/assets/stylesheets/site.css"
        stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + NEW_RULE)
        build_site(project)
        second_build = f"newsbuild-{build_id(site)}"
        assert second_build != first_build

        # Back online, the reader opens the site again: the new page with the new stylesheet...
        page.goto(base + READ[0])
        assert h1(page).startswith(NEW_TITLE) and underlined(page)
        # ...and the new build's worker replaces the old one and its cache
        wait_for_cache(page, second_build)
        # the pages saved before are saved again as they are now: those gone with the withdrawal (its
        # person is no longer on the site) are not kept
        saved = caches(page)[second_build]
        assert [path for path in READ if base + path in saved] == [
            path for path in READ if (site / path).exists()
        ]
        assert not (site / READ[2]).exists() and (site / READ[0]).exists()
        context.set_offline(True)
        page.goto(base + READ[0])
        # the new stylesheet, not the one saved with the old build, and the notice, not the article
        assert h1(page).startswith(NEW_TITLE) and underlined(page)
        assert "This article has been withdrawn." in page.inner_text("article")
        assert article_text not in page.inner_text("article")


def worker_requests(nginx_dir) -> int:
    return (nginx_dir / "access.log").read_text(encoding="utf-8").count("GET /news/sw.js ")


def test_no_worker_inside_an_iframe(built_site, tmp_path):
    """A page of the site in a portal's iframe (as embeds are) does not even ask for the worker."""
    _, site = built_site
    portal = tmp_path / "portal"
    with (
        nginx(tmp_path / "nginx", site, "/news/", host_page_root=portal) as (base, host),
        chromium() as browser,
    ):
        (portal / "host.html").write_text(
            f'<!doctype html><title>portal</title><iframe src="{base}{READ[0]}"></iframe>'
            f'<iframe src="{base}embed/{ARTICLE_ID}.html"></iframe>',
            encoding="utf-8",
        )
        page = browser.new_page()
        page.goto(host + "/host.html")
        for frame in page.query_selector_all("iframe"):
            frame.content_frame().wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert worker_requests(tmp_path / "nginx") == 0
        page.goto(base + READ[0])  # the same page, as the top page, registers it
        page.wait_for_selector("body")
        for _ in range(
            100
        ):  # until the worker controls the page (a predicate string is eval, which the CSP forbids)
            if page.evaluate("navigator.serviceWorker.controller !== null"):
                break
            time.sleep(0.5)
        assert worker_requests(tmp_path / "nginx") >= 1
