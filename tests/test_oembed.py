"""oEmbed: a maintained consumer (@extractus/oembed-extractor, as portals run such libraries) finds an
article's embed from the article's address alone, and a portal on another origin shows it, against the
site served by the shipped nginx config."""

from __future__ import annotations

import json
import subprocess
import urllib.request

from browser import Recorder, chromium
from helpers import ROOT, add_photo_to_seed, build_site, copy_project
from servers import nginx
from standard_sites import SEED

from bench.local_server import free_port

PORTAL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet portal</title><link rel="icon" href="data:,"></head>
<body><h1>Intranet portal</h1><div id="embed"></div>
<script>
// What an oEmbed-speaking portal does with a link an editor pasted: fetch the answer, show its html.
fetch("{answer}").then(r => r.json()).then(data => {{
  document.getElementById("embed").innerHTML = data.html;
  document.title = "embedded: " + data.title;
}});
</script></body></html>
"""


def consume(url: str) -> dict:
    done = subprocess.run(
        ["node", str(ROOT / "tests/oembed_consumer.mjs"), url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def cors_origin(url: str, origin: str) -> str | None:
    request = urllib.request.Request(url, headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        return response.headers["Access-Control-Allow-Origin"]


def test_a_portal_embeds_an_article_from_its_address_alone(tmp_path):
    project = copy_project(tmp_path / "project")
    add_photo_to_seed(project)
    port = free_port("127.0.0.1")
    site = build_site(project, env_extra={"SITE_URL": f"http://127.0.0.1:{port}/news/"})
    portal = tmp_path / "portal"
    with (
        nginx(tmp_path / "nginx", site, "/news/", host_page_root=portal, site_port=port) as (
            base,
            portal_origin,
        ),
        chromium() as browser,
    ):
        answer = consume(f"{base}articles/{SEED}.html")
        assert answer["method"] == "auto-discovery"  # found through the page's link, not a registry
        assert answer["type"] == "rich" and answer["version"] == "1.0"
        assert answer["title"].startswith("Ambassador Rosenblum on Kazakh-American Relations")
        assert answer["provider_url"] == base and answer["author_name"] == "The Astana Times"
        assert f'src="{base}embed/{SEED}.html"' in answer["html"]
        assert answer["thumbnail_url"].startswith(f"{base}media/")
        with urllib.request.urlopen(answer["thumbnail_url"], timeout=10) as thumbnail:
            assert thumbnail.headers["Content-Type"] == "image/jpeg"

        # CORS: the portal listed in the config may read the answer from its scripts, no other site
        answer_url = f"{base}oembed/{SEED}.json"
        assert cors_origin(answer_url, portal_origin) == portal_origin
        assert cors_origin(answer_url, "http://elsewhere.example") is None

        (portal / "portal.html").write_text(PORTAL_PAGE.format(answer=answer_url), encoding="utf-8")
        page = browser.new_page(viewport={"width": 900, "height": 800})
        seen = Recorder().attach(page)
        page.goto(f"{portal_origin}/portal.html")
        frame = page.wait_for_selector("#embed iframe").content_frame()
        frame.wait_for_selector("h1")
        assert frame.inner_text("h1").startswith("Ambassador Rosenblum")
        assert page.title().startswith("embedded: Ambassador Rosenblum")
        assert seen.console_errors == [] and seen.page_errors == []

        # Material fetches a sitemap beside every link whose rel is exactly "alternate": the discovery
        # link is not one, so the article page asks for nothing of oembed/ and nothing missing.
        article = browser.new_page()
        seen = Recorder().attach(article)
        missing = []
        article.on("response", lambda r: r.status >= 400 and missing.append(r.url))
        article.goto(f"{base}articles/{SEED}.html")
        article.wait_for_load_state("networkidle")
        assert missing == [] and seen.console_errors == []
        assert not [url for url in seen.requests if "/oembed/" in url]
