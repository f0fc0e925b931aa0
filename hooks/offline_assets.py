"""MkDocs hook: publish the iframe-worker shim from node_modules/ with the site.

Material's offline plugin makes search work over file:// by running the search
worker in an iframe, and by default loads that shim from unpkg.com, which fails
with no network. mkdocs.yml lists a local copy in extra.polyfills instead; this
hook adds it to the build from the npm package pinned in package-lock.json
(installed by `make site` with `npm ci`), so nothing is fetched at run time and
nothing third-party is committed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SHIM_PACKAGE_FILE = Path("node_modules/iframe-worker/shim/index.js")
SHIM_SITE_PATH = "assets/javascripts/iframe-worker-shim.js"


def on_files(files, config):
    shim = Path(config.config_file_path).parent / SHIM_PACKAGE_FILE
    if not shim.is_file():
        raise PluginError(f"{SHIM_PACKAGE_FILE} is missing: run 'npm ci' (make site does) to install the pinned iframe-worker")
    if SHIM_SITE_PATH not in config.extra.get("polyfills", []):
        raise PluginError(f"mkdocs.yml must list {SHIM_SITE_PATH} in extra.polyfills, or search breaks offline")
    files.append(File.generated(config, SHIM_SITE_PATH, abs_src_path=str(shim)))
    return files
