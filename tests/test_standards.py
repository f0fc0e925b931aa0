"""Feeds, page metadata, sitemap, internal links and valid HTML (Nu Html Checker), on the sites of
tests/standard_sites.py (accessibility: tests/test_axe.py)."""

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers import ROOT, copy_project, page_links, run_builder
from standard_sites import SEED, SITE_URL, STANDARD_SITES, html_pages, standard_site_folder

ATOM = "{http://www.w3.org/2005/Atom}"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
# Errors the Nu Html Checker reports in Material for MkDocs' own markup (listed in handbook/publishing.md).
MATERIAL_ERRORS = [
    "Attribute “autocomplete” is only allowed when the input type is",  # its checkbox toggles carry autocomplete="off"
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",  # "__toc" label on pages without a table of contents
]


def test_feeds_are_valid_newest_first_with_stable_ids(standard_site):
    kind, site = standard_site
    feeds = sorted((site / "feeds").rglob("*.xml"))
    assert (site / "feeds/site.xml") in feeds and len(feeds) == 1 + len(
        list((site / "themes").glob("*.html"))
    ) - 1
    for atom in feeds:
        root = ET.parse(atom).getroot()
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, (atom, required)
        entries = root.findall(f"{ATOM}entry")
        assert entries, atom
        updated = [e.find(f"{ATOM}updated").text for e in entries]
        assert updated == sorted(updated, reverse=True)
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
        for entry in entries:
            for required in ("id", "title", "updated", "summary", "content"):
                assert entry.find(f"{ATOM}{required}") is not None, (atom, required)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.find(f"{ATOM}updated").text)
            link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert link.startswith(SITE_URL) and (site / link[len(SITE_URL) :]).is_file()

        json_feed = json.loads(atom.with_suffix(".json").read_text(encoding="utf-8"))
        assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
        assert json_feed["title"] and json_feed["feed_url"].startswith(SITE_URL)
        assert [item["id"] for item in json_feed["items"]] == ids
        for item in json_feed["items"]:
            assert (
                item["content_html"] and item["url"].startswith(SITE_URL) and item["date_published"]
            )


def test_feed_ids_do_not_change_between_builds(built_site, tmp_path):
    project = copy_project(tmp_path / "again")
    # a process of its own, as the build of built_site was another
    assert run_builder(project, env_extra={"SITE_URL": SITE_URL}).returncode == 0
    first = ET.parse(built_site[1] / "feeds/site.xml").getroot().find(f"{ATOM}entry/{ATOM}id").text
    again = ET.parse(project / "docs/feeds/site.xml").getroot().find(f"{ATOM}entry/{ATOM}id").text
    assert first == again


def test_pages_link_their_feeds_and_declare_their_language(standard_site):
    kind, site = standard_site
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="en"', html), page
        if "/embed/" in page.as_posix():
            continue
        feeds = re.findall(
            r'<link rel="alternate feed" type="application/(?:atom\+xml|feed\+json)"[^>]*href="([^"]+)"',
            html,
        )
        assert len(feeds) >= 2, page
        for href in feeds:
            assert (page.parent / href).resolve().is_file(), (page, href)
    theme = sorted(p for p in (site / "themes").glob("*.html") if p.name != "index.html")[0]
    assert f'href="../feeds/themes/{theme.stem}.xml"' in theme.read_text(encoding="utf-8")


def test_article_metadata(standard_site):
    kind, site = standard_site
    article = SEED if kind.startswith("shipped") else "article-00000"
    html = (site / f"articles/{article}.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]+ - Kazakhstan–U.S. Relations</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert f'<link rel="canonical" href="{SITE_URL}articles/{article}.html">' in html
    for prop in (
        "og:title",
        "og:description",
        "og:url",
        "article:published_time",
        "article:section",
        "article:tag",
    ):
        assert f'<meta property="{prop}"' in html, prop
    assert '<meta property="og:type" content="article">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert (
        data["@type"] == "NewsArticle"
        and data["headline"]
        and data["publisher"]["@type"] == "Organization"
    )
    assert data["isBasedOn"].startswith("https://")
    if kind.startswith("shipped"):
        assert data["datePublished"] == "2023-08"
        assert '<meta property="article:published_time" content="2023-08">' in html
        assert data["publisher"]["name"] == "The Astana Times"
        mentioned = {m["name"] for m in data["mentions"]}
        assert {"Daniel Rosenblum", "Antony Blinken", "C5+1", "Astana"} <= mentioned


def test_sitemap_lists_every_page_with_content_dates(standard_site):
    kind, site = standard_site
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    entries = {u.find(f"{ns}loc").text: u.find(f"{ns}lastmod") for u in root.findall(f"{ns}url")}
    expected = {
        SITE_URL + p.relative_to(site).as_posix()
        for p in html_pages(site)
        if '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8")
    }
    assert f"{SITE_URL}offline.html" not in expected  # the service worker's page is no content
    assert set(entries) == expected
    today = date.today().isoformat()
    assert all(lastmod is None or lastmod.text != today for lastmod in entries.values())
    if kind.startswith("shipped"):
        assert entries[f"{SITE_URL}articles/{SEED}.html"].text == "2023-08"
        assert entries[f"{SITE_URL}about.html"] is None  # a hand-written page has no content date


def test_every_internal_link_and_anchor_resolves(standard_site):
    kind, site = standard_site
    ids_cache = {}

    def ids(path: Path):
        if path not in ids_cache:
            ids_cache[path] = page_links(path.read_text(encoding="utf-8"))[0]
        return ids_cache[path]

    broken = []
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        refs = re.findall(
            r'<(?:a|link|script|img|iframe|source)\b[^>]*?\s(?:href|src)="([^"]*)"', html
        )
        for ref in refs:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", ref) or ref in ("", "#"):
                continue  # external, or the page itself
            path, _, fragment = ref.partition("#")
            target = (page.parent / path.split("?")[0]).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(site).as_posix(), ref))
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                broken.append((page.relative_to(site).as_posix(), ref))
    assert broken == []


@pytest.fixture(scope="module")
def nu_errors(tmp_path_factory):
    """The Nu Html Checker's errors of ours on each standard site, by kind: one run over the four sites,
    so the JVM and the checker's schemas load once."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail(
            "Java or vnu-jar is missing: install a JRE (apt-get install default-jre-headless, as .ci/run does) "
            "and run 'make test', which installs vnu-jar with npm ci"
        )
    sites = {kind: standard_site_folder(tmp_path_factory, kind) for kind in STANDARD_SITES}
    # The JIT's optimizing tier costs a run this short more CPU than it saves (C1 only then needs a
    # deeper stack than Java's default for the checker's schema).
    jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m"]
    result = subprocess.run(
        [java, *jvm, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html"]
        + [str(site) for site in sites.values()],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = {kind: [] for kind in sites}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        if message.get("type") != "error" or any(
            message["message"].startswith(known) for known in MATERIAL_ERRORS
        ):
            continue
        page = Path(unquote(urlsplit(message.get("url", "")).path))
        line = f"{message.get('lastLine')}: {message['message']}"
        kind = next((kind for kind, site in sites.items() if page.is_relative_to(site)), None)
        if kind:
            errors[kind].append(f"{page.relative_to(sites[kind]).as_posix()}:{line}")
        else:  # an error of no site's page (the checker's own) is every site's
            for found in errors.values():
                found.append(f"{page}:{line}")
    return errors


def test_nu_html_checker_finds_no_errors_of_ours(standard_site, nu_errors):
    kind, _ = standard_site
    assert nu_errors[kind] == []
