"""Accessibility: axe-core finds no violation on one page of every kind, in the light and dark palettes,
on the sites of tests/standard_sites.py."""

import pytest
from browser import chromium
from helpers import ROOT
from standard_sites import sample_pages

AXE = ROOT / "node_modules/axe-core/axe.min.js"


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
            # one tab going from page to page, as a reader does: a new tab per page costs far more
            page = context.new_page()
            for path in sample_pages(kind, site):
                page.goto((site / path).as_uri())
                page.wait_for_load_state("load")
                page.add_script_tag(content=script)
                found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                    .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
                violations += [f"{scheme} {path} {v}" for v in found]
            context.close()
    assert violations == []
