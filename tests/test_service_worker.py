"""Reading offline after a visit: the service worker behind the shipped nginx config, in Chromium. Pages
read and a search made with the network keep working without it; a page never read shows the offline
page; a redeploy replaces what is saved, never mixing a new page with an old stylesheet."""

from __future__ import annotations

import json
import re
import time

import pytest
from browser import Recorder, chromium
from helpers import SEED_ARTICLE, add_photo_to_seed, build_site, copy_project
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


def size_text(size: int) -> str:
    """A size as the page writes it for an English reader (Intl.NumberFormat, kB under 0.1 MB)."""
    return f"{round(size / 1e6, 1):g} MB" if size >= 1e5 else f"{max(1, round(size / 1e3))} kB"


def test_a_theme_saved_with_its_button_opens_offline_with_its_photo(tmp_path):
    """One click saves a theme's pages and photos, its size shown first; offline, an article of the theme
    never opened shows with its photo, in the variant the reader's screen asks for."""
    project = copy_project(tmp_path / "project")
    add_photo_to_seed(project)
    site = build_site(project)
    saved_set = json.loads((site / "offline/themes/sanctions.json").read_text(encoding="utf-8"))
    saved_set = saved_set["sanctions"]
    article = f"articles/{ARTICLE_ID}.html"
    assert saved_set["pages"] == ["themes/sanctions.html", article]
    # the photo as the theme page's card shows it and as the article shows it
    assert len({photo.split("/")[1] for photo in saved_set["photos"]}) == 1
    files = saved_set["pages"] + saved_set["photos"]
    assert saved_set["bytes"] == sum((site / file).stat().st_size for file in files)

    with nginx(tmp_path / "nginx", site, "/news/") as (base, _), chromium() as browser:
        # From disk (the offline zip), no button: there is no worker to save with
        page = browser.new_page()
        page.goto((site / "themes/sanctions.html").as_uri())
        page.wait_for_selector("article h1")
        assert not page.is_visible(".reading-set")

        # A wide screen, whose article photo is another variant than the one the set saves
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        seen = Recorder().attach(page)
        page.goto(base + "themes/sanctions.html")
        wait_for_cache(page, f"newsbuild-{build_id(site)}")
        button = page.locator(".reading-set button")
        button.wait_for(state="visible")
        assert button.inner_text() == (
            f"Save the articles on Sanctions for reading offline ({size_text(saved_set['bytes'])})"
        )
        assert page.inner_text(".reading-set-status") == ""
        button.click()
        status = page.locator(".reading-set-status")
        for _ in range(60):
            if status.inner_text().startswith("Saved"):
                break
            time.sleep(0.5)
        assert (
            status.inner_text() == f"Saved for reading offline ({size_text(saved_set['bytes'])})."
        )
        assert all(base + file in caches(page)[f"newsbuild-{build_id(site)}"] for file in files)

        context.set_offline(True)
        page.goto(base + article)
        assert page.url == base + article and styled(page)
        photo = page.locator("article figure img").first
        photo.scroll_into_view_if_needed()
        for _ in range(20):
            if page.evaluate("img => img.complete && img.naturalWidth > 0", photo.element_handle()):
                break
            time.sleep(0.5)
        shown = page.evaluate("img => [img.currentSrc, img.naturalWidth]", photo.element_handle())
        assert shown[1] > 0 and shown[0] not in [base + p for p in saved_set["photos"]], shown
        # the button knows the set is saved, offline too
        page.goto(base + "themes/sanctions.html")
        page.wait_for_selector(".reading-set-status:text('Saved')")
        assert seen.page_errors == []
