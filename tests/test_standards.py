"""Feeds, page metadata, sitemap, internal links, accessibility (axe-core) and valid HTML (Nu Html Checker),
on the site built from the shipped source and from a synthetic archive of 50 articles."""

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from browser import chromium
from helpers import ROOT, add_photo_to_seed, copy_project, page_links, run_builder, run_mkdocs

from bench.synthetic import write_archive

SITE_URL = "https://kz-us.example.org/news/"
ATOM = "{http://www.w3.org/2005/Atom}"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
SEED = "rosenblum-kazakh-american-relations"
# Errors the Nu Html Checker reports in Material for MkDocs' own markup (listed in handbook/publishing.md).
MATERIAL_ERRORS = [
    "Attribute “autocomplete” is only allowed when the input type is",  # its checkbox toggles carry autocomplete="off"
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",  # "__toc" label on pages without a table of contents
]


@pytest.fixture(scope="session", params=["shipped", "shipped-with-photo", "synthetic-50"])
def standard_site(request, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp(request.param) / "project")
    if (
        request.param == "shipped-with-photo"
    ):  # the seed with a (generated) photo: picture markup, cards, og:image
        add_photo_to_seed(project)
    if request.param == "synthetic-50":
        shutil.rmtree(project / "source")
        write_archive(project, 50)
        # Small listing pages, so that every listing is split by year and month and every index by letter.
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("listing_items: 40", "listing_items: 4"),
            encoding="utf-8",
        )
    env = {"SITE_URL": SITE_URL}
    assert run_builder(project, env_extra=env).returncode == 0
    result = run_mkdocs(project, env_extra=env)
    assert result.returncode == 0, result.stderr
    return request.param, project / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def sample_pages(kind: str, site: Path) -> list[str]:
    """One page of every type."""
    article = SEED if kind.startswith("shipped") else "article-00000"

    def first(folder):
        return sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")[0]

    pages = [
        "index.html",
        f"articles/{article}.html",
        "themes/index.html",
        f"themes/{first('themes')}",
        f"people/{first('people')}",
        f"organizations/{first('organizations')}",
        f"places/{first('places')}",
        "archive.html",
        f"embed/{article}.html",
        "about.html",
    ]
    if kind == "synthetic-50":  # the pages of split listings and indexes
        theme = first("themes").removesuffix(".html")
        year = sorted((site / "themes" / theme).glob("*.html"))
        months = [p for p in year if "-" in p.stem]
        pages += [
            f"themes/{theme}/{year[0].name}",
            f"themes/{theme}/{months[0].name}",
            "people/index/p.html",
            sorted(p.relative_to(site).as_posix() for p in (site / "archive").glob("*.html"))[0],
        ]
    return pages


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
    expected = {SITE_URL + p.relative_to(site).as_posix() for p in html_pages(site)}
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


@pytest.mark.browser
def test_axe_finds_no_violations_in_light_and_dark(standard_site):
    kind, site = standard_site
    if not AXE.exists():
        pytest.fail(
            "axe-core is missing: run 'make test', which installs the test packages with npm ci"
        )
    script = AXE.read_text(encoding="utf-8")
    violations = []
    with chromium() as browser:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            for path in sample_pages(kind, site):
                page = context.new_page()
                page.goto((site / path).as_uri())
                page.wait_for_load_state("load")
                page.add_script_tag(content=script)
                found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                    .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
                violations += [f"{scheme} {path} {v}" for v in found]
                page.close()
            context.close()
    assert violations == []


def test_nu_html_checker_finds_no_errors_of_ours(standard_site):
    kind, site = standard_site
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail(
            "Java or vnu-jar is missing: install a JRE (apt-get install default-jre-headless, as .ci/run does) "
            "and run 'make test', which installs vnu-jar with npm ci"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
        and not any(m["message"].startswith(known) for known in MATERIAL_ERRORS)
    ]
    assert ours == []
