"""Live preview at scale: how long after saving an article `make serve` shows the change.

    python bench/serve_preview.py [N]     (default N = 1,000)

Starts `mkdocs serve --dirty` (as `make serve` does) on a synthetic archive,
opens the edited article in headless Chromium, saves a change to its source
file and times until the open page shows the new text; three times.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from bench import headless  # noqa: E402
from bench.local_server import free_port, start_mkdocs_serve, wait_for  # noqa: E402
from bench.run import make_project  # noqa: E402
from bench.synthetic import article_yaml  # noqa: E402

SAVES = 3


def wait_for_text(page, text: str, started: float, timeout: float = 120) -> float:
    """Seconds from started until the page shows text; the page reloads meanwhile, which
    interrupts any one check, so this polls."""
    from playwright.sync_api import Error

    while time.monotonic() - started < timeout:
        try:
            if page.evaluate("text => document.body.innerText.includes(text)", text):
                return time.monotonic() - started
        except Error:  # the page was navigating (live reload): look again
            pass
        time.sleep(0.05)
    raise TimeoutError(f"'{text}' did not show within {timeout} s")


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="serve-") as temporary:
        project = make_project(Path(temporary) / "p", count)
        subprocess.run(
            [sys.executable, "build_pages.py"], cwd=project, check=True, capture_output=True
        )
        port = free_port()
        with open(Path(temporary) / "serve.log", "w") as log:
            server = start_mkdocs_serve(project, port, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}/articles/article-00000.html"
        try:
            wait_for(url, timeout=900, interval=0.5)
            with sync_playwright() as p:
                browser = headless.launch(p)
                page = browser.new_page()
                page.goto(url)
                time.sleep(2)  # let the server settle after its first build
                source = project / "source" / "articles" / "article-00000.yaml"
                waits = []
                for edit in range(1, SAVES + 1):
                    started = time.monotonic()
                    source.write_text(article_yaml(0, edit=edit), encoding="utf-8")
                    waits.append(wait_for_text(page, f"Edited {edit}.", started))
                    time.sleep(2)  # a pause between saves, as when editing
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    shown = ", ".join(f"{wait:.1f}" for wait in waits)
    print(
        f"N = {count}: each of {SAVES} saves showed in the browser after {shown} s (worst {max(waits):.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
