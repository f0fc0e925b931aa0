"""A 404 page whose links work wherever it is shown.

A renderer writes 404.html with root-absolute links (/assets/…), or links under site_url's path,
because a server shows it in place of any missing page, at any depth. Opened from disk, or served
under a path prefix by a site built without SITE_URL, those links lead nowhere and the page is
unstyled. Here they are made relative to the site's root: from disk they then work as they are, and
deploy/nginx-site.conf, which serves the page for every missing address, gives it a <base href> of
the site's prefix.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

PAGE = "404.html"


def relative_links(html: str, site_url: str | None) -> str:
    base = urlsplit(site_url or "").path or "/"
    base = base if base.endswith("/") else base + "/"
    html = re.sub(rf'(\s(?:href|src)=")({re.escape(base)})', r"\1", html)
    # Material's configuration: the base its scripts resolve the search index and assets against.
    return re.sub(rf'"base":\s*"{re.escape(base.rstrip("/"))}/?"', '"base": "."', html)


def fix_not_found_page(site: Path, site_url: str | None) -> bool:
    """Make site/404.html's links relative to the site's root; False if the site has none."""
    path = site / PAGE
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    fixed = relative_links(text, site_url)
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")
    return True
