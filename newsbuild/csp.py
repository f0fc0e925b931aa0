"""The hashes of the inline scripts the site's pages carry, for a CSP without 'unsafe-inline'.

The renderer writes a few small inline scripts into every page (Material: the palette, its local
storage scope, the anchor-to-tab script); their text depends only on the renderer's version, the
configuration and the page's depth. Content never adds a script (the builder escapes it), so a
Content-Security-Policy can allow exactly these by hash. They go to site/csp-script-hashes.txt, one
'sha256-…' source per line; newsbuild/nginx_conf.py puts them into the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

HASHES_FILE = "csp-script-hashes.txt"
# An inline <script> without src. A type other than JavaScript (JSON, JSON-LD) is data, never run.
_INLINE_SCRIPT = re.compile(
    r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I
)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


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


def site_script_hashes(site: Path) -> set[str]:
    """The inline scripts' hashes of every HTML file of a built site."""
    found: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        found |= inline_script_hashes(path.read_text(encoding="utf-8"))
    return found


def write_hashes(site: Path, hashes: set[str]) -> None:
    text = "".join(f"{source}\n" for source in sorted(hashes))
    (site / HASHES_FILE).write_text(text, encoding="ascii")
