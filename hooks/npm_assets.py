"""MkDocs hook: publish the browser-side npm packages with the site, from node_modules/.

- the iframe-worker shim: Material's offline plugin makes search work over file:// by running the
  search worker in an iframe, and by default loads that shim from unpkg.com, which fails with no
  network. mkdocs.yml lists a local copy in extra.polyfills instead;
- the search engine the search worker loads when a reader first types: MiniSearch, and lunr with
  lunr-languages for the English and Russian stemmers (the same files hooks/search_index.js builds
  the index with).

They come from the packages pinned in package-lock.json (installed by `make site` with `npm ci`),
so nothing is fetched at run time and nothing third-party is committed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SHIM_SITE_PATH = "assets/javascripts/iframe-worker-shim.js"
VENDOR = "assets/javascripts/workers/vendor/"
PUBLISHED = {  # node_modules/… → where the site has it
    "iframe-worker/shim/index.js": SHIM_SITE_PATH,
    "minisearch/dist/umd/index.js": VENDOR + "minisearch.js",
    "lunr/lunr.min.js": VENDOR + "lunr.min.js",
    "lunr-languages/min/lunr.stemmer.support.min.js": VENDOR + "lunr.stemmer.support.min.js",
    "lunr-languages/min/lunr.ru.min.js": VENDOR + "lunr.ru.min.js",
}


def on_files(files, config):
    modules = Path(config.config_file_path).parent / "node_modules"
    if SHIM_SITE_PATH not in config.extra.get("polyfills", []):
        raise PluginError(f"mkdocs.yml must list {SHIM_SITE_PATH} in extra.polyfills, or search breaks offline")
    for package_file, site_path in PUBLISHED.items():
        source = modules / package_file
        if not source.is_file():
            raise PluginError(f"node_modules/{package_file} is missing: run 'npm ci' (make site does) "
                              "to install the pinned npm packages")
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files
