"""The shipped Content-Security-Policy, behind the real nginx config: no 'unsafe-inline' for scripts,
and every page type still works under it (no violation, search, the palette toggle, an embed)."""

import urllib.request

import pytest
from browser import Recorder, chromium
from servers import nginx
from test_offline_intranet import ARTICLE_ID, PAGE_TYPES, search

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    event => window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
"""


def test_the_policy_allows_no_inline_script_but_the_sites_own(built_site, tmp_path):
    _, site = built_site
    hashes = (site / "csp-script-hashes.txt").read_text(encoding="ascii").split()
    assert 1 <= len(hashes) <= 10, hashes  # a handful of Material's scripts, not one per page
    with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _):
        csp = urllib.request.urlopen(base).headers["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src")).split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert sorted(script_src[2:]) == sorted(hashes)
    assert "blob:" not in csp


def test_every_page_type_runs_without_a_violation(built_site, tmp_path):
    _, site = built_site
    with nginx(tmp_path / "nginx", site, "/kz-us/") as (base, _), chromium() as browser:
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()  # one tab from page to page
        seen = Recorder().attach(page)
        for path in PAGE_TYPES + ["missing.html"]:
            seen.clear()
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__violations") == [], path
            errors = [e for e in seen.console_errors if "404" not in e or path != "missing.html"]
            assert errors == [] and seen.page_errors == [], path

        page = context.new_page()
        page.goto(base + f"articles/{ARTICLE_ID}.html")
        # The palette toggle (an inline script restores the choice on the next page).
        before = page.get_attribute("body", "data-md-color-scheme")
        page.click("form[data-md-component=palette] label:visible")
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
        page.goto(base + "themes/sanctions.html")
        assert page.get_attribute("body", "data-md-color-scheme") != before
        # Search, whose worker runs under worker-src 'self'.
        assert any(f"articles/{ARTICLE_ID}.html" in href for href in search(page, "visas"))
        assert page.evaluate("window.__violations") == []
