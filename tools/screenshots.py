"""Screenshots of the built site at phone and desktop widths, light and dark, for review and the README.

Usage: python tools/screenshots.py [--site site] [--out screenshots]

Files are named <page>-<width>.png (light) and <page>-<width>-dark.png. The same site gives the same
bytes every time; tests/test_news_design.py compares fresh renders with the ones in screenshots/.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import headless  # noqa: E402

PAGES = {
    "home": "index.html",
    "article": "articles/rosenblum-kazakh-american-relations.html",
    "theme": "themes/sanctions.html",
    "person": "people/daniel-rosenblum.html",
}
WIDTHS = {"phone": 375, "desktop": 1280}
# the palette follows the browser's preference (mkdocs.yml)
SCHEMES = {
    "light": "",
    "dark": "-dark",
}


def capture(
    browser, site: Path, pages: dict, out: Path, full_page: bool = False, schemes: dict = SCHEMES
) -> list[Path]:
    """Each page at each width in each colour scheme; returns the files written."""
    written = []
    for scheme, suffix in schemes.items():
        for width_name, width in WIDTHS.items():
            page = browser.new_page(
                viewport={"width": width, "height": 900 if width > 500 else 812},
                color_scheme=scheme,
            )
            for name, path in pages.items():
                page.goto((site / path).resolve().as_uri())
                # the text face, not its fallback
                page.evaluate("document.fonts.ready.then(() => true)")
                target = out / f"{name}-{width_name}{suffix}.png"
                # Transitions stopped where they end, so the same site gives the same bytes every time.
                page.screenshot(path=target, full_page=full_page, animations="disabled")
                written.append(target)
            page.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument(
        "--full-page", action="store_true", help="capture the whole page, not just the first screen"
    )
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="a page to capture instead of the default ones, e.g. theme=themes/sanctions.html",
    )
    parser.add_argument("--light-only", action="store_true", help="skip the dark palette")
    args = parser.parse_args()
    pages = dict(item.split("=", 1) for item in args.page) if args.page else PAGES
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = headless.launch(p)
        schemes = {"light": ""} if args.light_only else SCHEMES
        for target in capture(browser, args.site, pages, args.out, args.full_page, schemes):
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
