"""MkDocs hook: a 404 page whose links work wherever it is shown.

MkDocs writes 404.html with root-absolute links (/assets/…), or links under site_url's
path, because a server shows it in place of any missing page, at any depth. Opened
from disk, or served under a path prefix by a site built without SITE_URL, those
links lead nowhere and the page is unstyled. This hook makes them relative to the
site's root: from disk they then work as they are, and deploy/nginx-site.conf, which
serves the page for every missing address, gives it a <base href> of the site's prefix.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    base = urlsplit(config.site_url or "").path or "/"
    base = base if base.endswith("/") else base + "/"
    output_content = re.sub(rf'(\s(?:href|src)=")({re.escape(base)})', r"\1", output_content)
    # Material's configuration: the base its scripts resolve the search index and assets against.
    return re.sub(rf'"base":\s*"{re.escape(base.rstrip("/"))}/?"', '"base": "."', output_content)
