"""Serving fast and safely behind the shipped nginx config: precompressed copies (make dist), on-the-fly
compression for the rest, and cache headers that keep nothing stale after a deploy."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

import brotli
import pytest
from browser import chromium
from helpers import ROOT
from servers import nginx
from test_offline_intranet import ARTICLE_ID, search

from newsbuild.nginx_conf import brotli_installed
from newsbuild.offline_zip import pack
from newsbuild.precompress import cache_entry, cache_folder, precompress
from newsbuild.user_cache import UNUSED_DAYS, remove_unused

pytestmark = pytest.mark.browser
ARTICLE = f"articles/{ARTICLE_ID}.html"
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def dist_site(built_site, tmp_path_factory):
    """The real site as `make dist` leaves it: with .gz and .br copies."""
    site = tmp_path_factory.mktemp("dist") / "site"
    shutil.copytree(built_site[1], site)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "precompress.py"), str(site)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return site


def test_precompressed_copies_are_exact_deterministic_and_only_where_worth_it(
    dist_site, built_site, tmp_path
):
    copies = sorted(
        p.relative_to(dist_site).as_posix()
        for p in dist_site.rglob("*")
        if p.suffix in (".gz", ".br")
    )
    assert f"{ARTICLE}.gz" in copies and f"{ARTICLE}.br" in copies
    for name in copies:
        original = (dist_site / name).with_suffix("").read_bytes()
        data = (dist_site / name).read_bytes()
        assert (
            gzip.decompress(data) if name.endswith(".gz") else brotli.decompress(data)
        ) == original, name
        assert len(data) <= 0.9 * len(original) and len(original) >= 1024, name
        assert name.rsplit(".", 2)[-2] in {
            "html",
            "css",
            "js",
            "json",
            "xml",
            "svg",
            "txt",
            "map",
        }, name
    assert not any(name.startswith("assets/images/") and ".png" in name for name in copies)
    # The same files give the same bytes; copies of files that are gone go too. (A few of the site's
    # files: brotli's best compression of the whole site again would double the fixture's work.)
    again = tmp_path / "again"
    sample = [
        name for name in copies if name.startswith((ARTICLE, "index.html", "assets/stylesheets/"))
    ]
    for name in sample:
        original = Path(name).with_suffix("").as_posix()
        (again / original).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(built_site[1] / original, again / original)
    (again / "orphan.html.gz").write_bytes(b"stale")
    subprocess.run(  # every file compressed again, not taken from the copies kept by content
        [sys.executable, str(ROOT / "tools" / "precompress.py"), "--no-cache", str(again)],
        check=True,
        capture_output=True,
    )
    assert len(sample) >= 4
    for name in sample:
        assert (again / name).read_bytes() == (dist_site / name).read_bytes(), name
    assert not (again / "orphan.html.gz").exists()
    # The offline zip is for a browser reading files: no compressed copies in it.
    pack(dist_site, tmp_path / "offline.zip")
    names = zipfile.ZipFile(tmp_path / "offline.zip").namelist()
    assert not [n for n in names if n.endswith((".gz", ".br"))] and any(
        n.endswith(ARTICLE) for n in names
    )


def cache_kind(url: str) -> str:
    """The caching each kind of file must get."""
    if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", url) or "/search/parts/" in url:
        return IMMUTABLE  # Material's fingerprinted bundles; the index parts, in a folder named by their digest
    if url.endswith((".png", ".svg", ".ico", ".jpg", ".webp", ".woff2")):
        return "public, max-age=3600"
    return "no-cache"  # pages, feeds, search settings, the site's own CSS and JS


def test_kept_copies_are_used_only_when_they_decompress_to_the_file(tmp_path):
    """make dist takes a file's copies from those an earlier run kept by content
    (newsbuild/precompress.py) only when they decompress to the file; unused ones go after 30 days."""
    site = tmp_path / "site"
    site.mkdir()
    text = f"<p>A page seen once: {uuid.uuid4().hex}.</p>\n" * 200
    (site / "index.html").write_text(text, encoding="utf-8")
    data = text.encode("utf-8")
    precompress(site)
    cache = cache_folder()
    assert cache is not None
    damaged, foreign = cache_entry(cache, data, ".br"), cache_entry(cache, data, ".gz")
    assert damaged.is_file() and foreign.is_file()
    damaged.write_bytes(damaged.read_bytes()[:40])  # cut short
    foreign.write_bytes(gzip.compress(b"another page", mtime=0))  # valid, but not this file's
    for copy in site.glob("index.html.*"):
        copy.unlink()
    precompress(site)
    assert brotli.decompress((site / "index.html.br").read_bytes()) == data
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == data
    assert gzip.decompress(foreign.read_bytes()) == data  # kept again, as it should be
    old = time.time() - (UNUSED_DAYS + 1) * 86400
    os.utime(damaged, (old, old))
    remove_unused(cache)
    assert not damaged.exists() and foreign.exists()


def test_a_browser_gets_compressed_files_with_the_right_cache_headers(dist_site, tmp_path):
    assert brotli_installed(), (
        "install libnginx-mod-http-brotli-static and -filter, as .ci/run does"
    )
    with nginx(tmp_path / "nginx", dist_site, "/kz-us/") as (base, _), chromium() as browser:
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + ARTICLE)
        assert search(page, "visas")
        page.goto(base + "feeds/site.xml")
        seen = {r.url.split("?")[0]: r for r in responses if r.status == 200}
        kinds = {
            "page": base + ARTICLE,
            "feed": base + "feeds/site.xml",
            "css": base + "assets/stylesheets/site.css",
        }
        kinds.update(
            bundle=next(u for u in seen if "/bundle." in u),
            part=next(u for u in seen if "/search/parts/" in u and u.endswith("/meta.js")),
            worker=next(u for u in seen if u.endswith("/search-lazy.js")),
        )
        for kind, url in kinds.items():
            headers = seen[url].all_headers()
            assert headers.get("content-encoding") in ("br", "gzip"), (kind, headers)
            assert "Accept-Encoding" in headers.get("vary", ""), (kind, headers)
            assert headers["cache-control"] == cache_kind(url), (kind, url, headers)
            # the security headers stay with every kind
            assert "content-security-policy" in headers, kind
        for url, response in seen.items():
            assert response.all_headers().get("cache-control") == cache_kind(url), url
        # A precompressed copy is sent as it is (its length known in advance).
        article = seen[base + ARTICLE].all_headers()
        suffix = ".br" if article["content-encoding"] == "br" else ".gz"
        assert int(article["content-length"]) == (dist_site / (ARTICLE + suffix)).stat().st_size


def fetch(url: str, encoding: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        response = urllib.request.urlopen(request)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read()
    used = response.headers.get("Content-Encoding")
    text = (
        brotli.decompress(body)
        if used == "br"
        else gzip.decompress(body)
        if used == "gzip"
        else body
    )
    return response.status, used, response.headers, text.decode("utf-8")


@pytest.mark.parametrize("with_brotli", [True, False])
def test_every_encoding_is_served_and_nginx_without_brotli_falls_back_to_gzip(
    dist_site, tmp_path, with_brotli
):
    with nginx(tmp_path / "nginx", dist_site, "/kz-us/", brotli=with_brotli) as (base, _):
        expected = {"br": "br" if with_brotli else None, "gzip": "gzip", "identity": None}
        for encoding, used in expected.items():
            for path in (ARTICLE, "archive.html", "assets/stylesheets/site.css", "feeds/site.json"):
                status, got, headers, text = fetch(base + path, encoding)
                assert (status, got) == (200, used), (path, encoding)
                assert text == (dist_site / path).read_text(encoding="utf-8"), (path, encoding)
            # The 404 page is edited as it is sent (its <base>), so never sent as a stored copy.
            status, got, _, text = fetch(base + "no/such/page", encoding)
            assert (status, got) == (404, used) and '<base href="/kz-us/">' in text, encoding
