"""What search costs a reader, measured over http on 127.0.0.1 in headless Chromium.

- first_view_bytes: everything an article page transfers as it opens (HTML, CSS, JS, the search
  worker), until the network is idle, uncompressed;
- query_bytes: what a one-word query on the commonest word then transfers (engine, index parts,
  result details);
- first_result_ms: on a freshly opened page, from the last key of a rare word to its result shown,
  the search engine and index parts loading included.

Bytes are counted by the server as it sends them, so requests made by the search worker count too.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

from bench import headless

BOX = "input[data-md-component=search-query]"
# Timed in the page, so the browser's own clock measures from the key's release to the result.
CLOCK = """result => {
  document.querySelector("input[data-md-component=search-query]").addEventListener(
    "keyup", () => { window.__keyReleased = performance.now(); }, { once: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector(`.md-search-result__link[href*="${result}"]`)) {
      window.__resultShown = performance.now();
      observer.disconnect();
    }
  }).observe(document.querySelector(".md-search-result__list"), { childList: true, subtree: true });
}"""


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    sent: list[tuple[str, int]]

    def log_message(self, format, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.sent.append((self.path, len(data)))


@contextmanager
def serving(site: Path):
    """site over http on 127.0.0.1; yields (base URL, the list of (path, bytes) sent so far)."""
    sent: list[tuple[str, int]] = []
    handler = functools.partial(
        type("Handler", (CountingHandler,), {"sent": sent}), directory=str(site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


def bytes_since(sent: list, start: int) -> int:
    return sum(size for _, size in sent[start:])


def search_costs(
    site: Path, page_path: str, common_word: str, rare_word: str, rare_result: str
) -> dict:
    from playwright.sync_api import sync_playwright

    with serving(site) as (base, sent), sync_playwright() as p:
        browser = headless.launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + page_path)
        page.wait_for_load_state("networkidle")
        first_view = bytes_since(sent, 0)
        start = len(sent)
        box = page.locator(BOX)
        box.fill(common_word)
        box.press("End")
        page.wait_for_selector(".md-search-result__link", timeout=120000)
        page.wait_for_load_state("networkidle")
        query = bytes_since(sent, start)
        context.close()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + page_path, wait_until="commit")
        box = page.wait_for_selector(BOX, state="visible", timeout=60000)
        box.fill(rare_word)  # typed; Material searches on the key's release
        page.evaluate(CLOCK, rare_result)
        box.press("End")
        page.wait_for_selector(f'.md-search-result__link[href*="{rare_result}"]', timeout=120000)
        first_result_ms = page.evaluate("window.__resultShown - window.__keyReleased")
        browser.close()
    return {
        "first_view_bytes": first_view,
        "query_bytes": query,
        "first_result_ms": float(round(first_result_ms)),
    }
