"""Accessibility: axe-core finds no violation on one page of every kind, in the light and dark palettes,
on the sites of tests/standard_sites.py."""

import hashlib

import pytest
from browser import reader_tab
from helpers import ROOT
from standard_sites import sample_pages

from bench.site_digests import digests

AXE = ROOT / "node_modules/axe-core/axe.min.js"
PALETTE = {"light": "default", "dark": "slate"}  # Material's scheme for each colour preference

# What axe found on pages already checked by this process, by everything that shapes what it sees: the
# palette, the page's address in its site, its bytes, and the styles, scripts and fonts it loads. The sites
# share many pages byte for byte (the photo site differs from the shipped one in a few), and the same
# bytes with the same assets give the same findings.
findings_by_content: dict[tuple, list[str]] = {}


@pytest.mark.browser
def test_axe_finds_no_violations_in_light_and_dark(standard_site):
    kind, site = standard_site
    if not AXE.exists():
        pytest.fail(
            "axe-core is missing: run 'make test', which installs the test packages with npm ci"
        )
    script = AXE.read_text(encoding="utf-8")
    assets = tuple(digests(site / "assets").items())
    violations = []
    for scheme in ("light", "dark"):
        # one tab going from page to page, as a reader does: a new tab per page costs far more
        with reader_tab(color_scheme=scheme) as page:
            for path in sample_pages(kind, site):
                key = (scheme, path, hashlib.sha256((site / path).read_bytes()).digest(), assets)
                if key not in findings_by_content:
                    page.goto((site / path).as_uri())
                    page.wait_for_load_state("load")
                    # where the reader can switch palettes (an embed page has Material's light one)
                    shown = page.evaluate(
                        "document.querySelector('[data-md-component=palette]') &&"
                        " document.body.dataset.mdColorScheme"
                    )
                    assert shown in (None, PALETTE[scheme]), (scheme, path, shown)
                    page.add_script_tag(content=script)
                    findings_by_content[key] = page.evaluate(
                        """async () => (await axe.run(document, {resultTypes: ['violations']}))
                        .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"""
                    )
                violations += [f"{scheme} {path} {v}" for v in findings_by_content[key]]
    assert violations == []
