"""A site whose every text field carries script-injection payloads runs none of them."""

import re

import pytest
from browser import Recorder, chromium
from helpers import run_builder_here, run_mkdocs_here

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned=1;alert('script')</script>",
    "<img src=x onerror=\"window.__pwned=2;alert('img')\">",
    "[click](javascript:window.__pwned=3) ![i](https://evil.example/x.png)",
    '{: onclick="window.__pwned=4" } <!-- material/tags --> {{ 7*7 }} {% if %}',
    '</title><script>window.__pwned=5</script> " onmouseover="window.__pwned=6',
    "!!! danger \n--- `code` | a | b | <svg onload=alert(7)> <iframe src=https://evil.example>",
]


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def inject(project):
    article = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
    text = article.read_text(encoding="utf-8")
    text = re.sub(
        r"^title: .*$",
        lambda _: f"title: {yaml_string(PAYLOADS[4] + ' ' + PAYLOADS[0])}",
        text,
        count=1,
        flags=re.M,
    )
    text = text.replace("dateline: ASTANA", f"dateline: {yaml_string(PAYLOADS[1])}")
    text = text.replace("attribution: he said.", f"attribution: {yaml_string(PAYLOADS[2])}")
    text = text.replace("credit: Silk Way TV Channel", f"credit: {yaml_string(PAYLOADS[3])}")
    text = text.replace("value: about 17 or 18", f"value: {yaml_string(PAYLOADS[5])}")
    text = text.replace(
        "  - paragraph: >-\n      In relation to cooperation",
        f"  - paragraph: {yaml_string(' '.join(PAYLOADS))}\n  - paragraph: >-\n      In relation to cooperation",
    )
    article.write_text(text, encoding="utf-8")
    for registry, old in (
        ("people.yaml", "name: Daniel Rosenblum"),
        ("themes.yaml", "name: Sanctions"),
        ("publications.yaml", "name: The Astana Times"),
    ):
        path = project / "source" / registry
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                old, f"name: {yaml_string(PAYLOADS[0] + PAYLOADS[1])}"
            ),
            encoding="utf-8",
        )


def test_payloads_in_every_field_do_not_run(project):
    inject(project)
    assert run_builder_here(project).returncode == 0
    result = run_mkdocs_here(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    pages = [
        "articles/rosenblum-kazakh-american-relations.html",
        "people/daniel-rosenblum.html",
        "themes/sanctions.html",
        "themes/index.html",
        "index.html",
        "archive.html",
    ]
    with chromium() as browser:
        page = browser.new_page()  # one tab from page to page
        seen = Recorder().attach(page)
        for path in pages:
            seen.clear()
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)
            for selector in ("a", "p", "blockquote"):
                for element in page.query_selector_all(selector)[:40]:
                    element.hover(timeout=10_000, force=True) if element.is_visible() else None
            assert page.evaluate("window.__pwned") is None, path
            assert seen.dialogs == [], path
            assert [u for u in seen.requests if not u.startswith("file://")] == [], path
            if path.startswith("articles/"):
                text = page.inner_text("article")
                assert "<script>window.__pwned=1;alert('script')</script>" in text
                assert '{: onclick="window.__pwned=4" }' in text
                assert "</title><script>window.__pwned=5</script>" in page.title()

        # The same payloads as search results: titles, names and snippets stay text there too.
        seen.clear()
        page.goto((site / "about.html").as_uri())
        page.locator("input[data-md-component=search-query]").press_sequentially("pwned", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.inner_text(".md-search-result__list")
        assert "<script>window.__pwned=1;alert('script')</script>" in results
        assert (
            page.locator(
                ".md-search-result__list :is(script, img, svg:not(.md-icon svg), iframe)"
            ).count()
            == 0
        )
        assert page.evaluate("window.__pwned") is None and seen.dialogs == []
