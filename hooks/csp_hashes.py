"""MkDocs hook: the hashes of the inline scripts the site's pages carry, for a CSP without 'unsafe-inline'.

Material writes a few small inline scripts into every page (the palette, its local
storage scope, the anchor-to-tab script); their text depends only on Material's
version, the configuration and the page's depth. Content never adds a script (the
builder escapes it), so a Content-Security-Policy can allow exactly these by hash.
After the build this hook writes them to site/csp-script-hashes.txt, one
'sha256-…' source per line; newsbuild/nginx_conf.py puts them into the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from newsbuild.site_state import site_state

HASHES_FILE = "csp-script-hashes.txt"
# An inline <script> without src. A type other than JavaScript (JSON, JSON-LD) is data, never run.
_INLINE_SCRIPT = re.compile(
    r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I
)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)

_page_hashes: dict[
    str, list[str]
] = {}  # page address → its inline scripts' hashes, for the pages rendered
_template_hashes: set[str] = set()


def inline_script_hashes(html: str) -> set[str]:
    """CSP hash sources of the inline scripts a browser would run in html."""
    found = set()
    for match in _INLINE_SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if _SRC.search(attributes) or _DATA_TYPE.search(attributes):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return found


def on_pre_build(config):
    _page_hashes.clear()
    _template_hashes.clear()


def on_post_page(output, page, config):
    _page_hashes[page.url] = sorted(inline_script_hashes(output))
    return output


def on_post_template(output_content, template_name, config):
    # Static templates (404.html, sitemap.xml) do not pass through on_post_page.
    _template_hashes.update(inline_script_hashes(output_content))
    return output_content


def on_post_build(config):
    # A dirty build renders only the pages that changed: the others' hashes are the last build's.
    pages = {**site_state.previous("csp"), **_page_hashes}
    pages = {address: pages[address] for address in site_state.pages if address in pages}
    site_state.keep("csp", pages)
    hashes = _template_hashes.union(*pages.values())
    text = "".join(f"{source}\n" for source in sorted(hashes))
    (Path(config.site_dir) / HASHES_FILE).write_text(text, encoding="ascii")
