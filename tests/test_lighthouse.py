"""Lighthouse (pinned from npm) on the shipped site behind the real nginx config: accessibility, best
practices and SEO at 100 on every page kind. Performance is reported by bench/lighthouse.py, not asserted:
it depends on the machine."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from bench.lighthouse import LIGHTHOUSE, audit_site

pytestmark = pytest.mark.browser


def test_accessibility_best_practices_and_seo_are_100_on_every_page_kind(built_site):
    _, site = built_site
    if not LIGHTHOUSE.exists():  # never a skip: the test dependencies include it
        pytest.fail("Lighthouse is missing: run 'make test', which installs the npm test packages")
    # Performance is not asserted, so not measured here: without it Lighthouse records no trace.
    rows = audit_site(
        site,
        presets=("mobile",),
        calibrate=False,
        categories=("accessibility", "best-practices", "seo"),
    )
    assert {row["kind"] for row in rows} == {"home", "article", "theme", "person", "archive"}
    for row in rows:
        scores = {name: row[name] for name in ("accessibility", "best-practices", "seo")}
        assert scores == {"accessibility": 100, "best-practices": 100, "seo": 100}, (
            row["page"],
            row["failed"],
        )


class _BlockingScripts(HTMLParser):
    """The external scripts a page loads without defer or async: the parser stops at each until it has
    run, so each holds back the first paint, even at the end of the body (Lighthouse's render-blocking
    audit counts those too)."""

    def __init__(self):
        super().__init__()
        self.blocking = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src") and not {"defer", "async"} & attrs.keys():
            self.blocking.append(attrs["src"])


def test_no_script_holds_back_the_first_paint(built_site):
    """Lighthouse's render-blocking audit: every script downloads while the page parses and runs after."""
    _, site = built_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parser = _BlockingScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.blocking == [], page.relative_to(site).as_posix()
