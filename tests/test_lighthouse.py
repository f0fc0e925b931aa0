"""Lighthouse (pinned from npm) on the shipped site behind the real nginx config: accessibility, best
practices and SEO at 100 on every page kind. Performance is reported by bench/lighthouse.py, not asserted:
it depends on the machine."""

from __future__ import annotations

import pytest

from bench.lighthouse import LIGHTHOUSE, audit_site

pytestmark = pytest.mark.browser


def test_accessibility_best_practices_and_seo_are_100_on_every_page_kind(built_site):
    _, site = built_site
    if not LIGHTHOUSE.exists():  # never a skip: the test dependencies include it
        pytest.fail("Lighthouse is missing: run 'make test', which installs the npm test packages")
    rows = audit_site(site, presets=("mobile",))
    assert {row["kind"] for row in rows} == {"home", "article", "theme", "person", "archive"}
    for row in rows:
        scores = {name: row[name] for name in ("accessibility", "best-practices", "seo")}
        assert scores == {"accessibility": 100, "best-practices": 100, "seo": 100}, (row["page"], row["failed"])
