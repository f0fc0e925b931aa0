"""The browser-side npm packages the site publishes, from node_modules/.

- the iframe-worker shim: Material's offline plugin makes search work over file:// by running the
  search worker in an iframe, and by default loads that shim from unpkg.com, which fails with no
  network. mkdocs.yml lists a local copy in extra.polyfills instead;
- the search engine the search worker loads when a reader first types: MiniSearch, and lunr with
  lunr-languages for the English and Russian stemmers (the same files newsbuild/search_index.js
  builds the index with);
- the text face, Source Serif 4 from Fontsource: its @font-face rules for the Latin and Cyrillic
  subsets only (each file is loaded only when a page has characters of its range), regular and
  bold, WOFF2 only;
- Workbox's runtime (workbox-sw and the modules the service worker loads), which would otherwise load
  its modules from a Google CDN.

They come from the packages pinned in package-lock.json (installed by `make site` with `npm ci`),
so nothing is fetched at run time and nothing third-party is committed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SHIM_SITE_PATH = "assets/javascripts/iframe-worker-shim.js"
VENDOR = "assets/javascripts/workers/vendor/"
WORKBOX = "assets/javascripts/workbox/"
PUBLISHED = {  # node_modules/… → where the site has it
    "iframe-worker/shim/index.js": SHIM_SITE_PATH,
    "minisearch/dist/umd/index.js": VENDOR + "minisearch.js",
    "lunr/lunr.min.js": VENDOR + "lunr.min.js",
    "lunr-languages/min/lunr.stemmer.support.min.js": VENDOR + "lunr.stemmer.support.min.js",
    "lunr-languages/min/lunr.ru.min.js": VENDOR + "lunr.ru.min.js",
    # Workbox, which the service worker runs on (newsbuild/service_worker.py), from the site's own copy
    "workbox-sw/build/workbox-sw.js": WORKBOX + "workbox-sw.js",
    **{
        f"workbox-{name}/build/workbox-{name}.prod.js": WORKBOX + f"workbox-{name}.prod.js"
        for name in ("core", "routing", "strategies")
    },
}

FONT_PACKAGE = "@fontsource/source-serif-4"
# Regular and bold, no italic: content text carries no emphasis, and the eight files (Latin and Cyrillic,
# with their extended ranges) stay under 150 KB even for a page that needs all of them.
FONT_STYLES = ("400.css", "700.css")
FONT_SUBSETS = ("latin", "latin-ext", "cyrillic", "cyrillic-ext")
FONTS = "assets/fonts/"
FONT_CSS = FONTS + "source-serif-4.css"  # listed in mkdocs.yml extra_css
# A Fontsource rule: "/* source-serif-4-latin-ext-400-normal */" then its @font-face block.
FONT_RULE = re.compile(
    r"/\* (?P<name>source-serif-4-(?P<subset>[a-z-]+)-\d+-(?:normal|italic)) \*/\s*"
    r"@font-face \{(?P<body>[^}]*)\}"
)
FONT_SRC = re.compile(r"src: [^;]*;")


class AssetError(Exception):
    """An npm package the site needs is missing or not as expected."""


@dataclass(frozen=True)
class Asset:
    site_path: str  # where the site has it
    source: Path | None = None  # a file of node_modules/ published as it is
    content: str | None = None  # or a file made here


def font_rules(package: Path) -> tuple[str, list[str]]:
    """The @font-face rules of the subsets the site keeps, each pointing at its WOFF2 file only
    (every browser that runs the site reads WOFF2), and the names of those files."""
    rules, names = [], []
    for style in FONT_STYLES:
        for rule in FONT_RULE.finditer((package / style).read_text(encoding="utf-8")):
            name = rule["name"]
            if rule["subset"] in FONT_SUBSETS:
                body = FONT_SRC.sub(f"src: url({name}.woff2) format('woff2');", rule["body"])
                rules.append(f"/* {name} */\n@font-face {{{body}}}\n")
                names.append(f"{name}.woff2")
    if not names:
        raise AssetError(
            f"node_modules/{FONT_PACKAGE}: no @font-face rules found in {', '.join(FONT_STYLES)}"
        )
    return "".join(rules), names


def require(path: Path, shown: str) -> Path:
    if not path.is_file():
        raise AssetError(
            f"node_modules/{shown} is missing: run 'npm ci' (make site does) "
            "to install the pinned npm packages"
        )
    return path


def published_assets(node_modules: Path) -> list[Asset]:
    """Every file the site publishes from the npm packages, in a fixed order."""
    assets = [
        Asset(site_path, source=require(node_modules / package_file, package_file))
        for package_file, site_path in PUBLISHED.items()
    ]
    package = node_modules / FONT_PACKAGE
    for style in FONT_STYLES:
        require(package / style, f"{FONT_PACKAGE}/{style}")
    css, font_files = font_rules(package)
    assets.append(Asset(FONT_CSS, content=css))
    for name in font_files:
        source = require(package / "files" / name, f"{FONT_PACKAGE}/files/{name}")
        assets.append(Asset(FONTS + name, source=source))
    return assets
