"""Fill in deploy/nginx-site.conf for one deployment and print it.

Example:
  python tools/nginx_conf.py --site-root /srv/kz-us/site --prefix /kz-us/ --listen 80 \\
      --embed-origin https://portal.intranet.example > /etc/nginx/conf.d/kz-us.conf
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?$")


def render(site_root: str, prefix: str = "/", listen: str = "80", embed_origins=(), headers_conf: str | None = None) -> str:
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError("prefix must start and end with '/', e.g. / or /kz-us/")
    for origin in embed_origins:
        if not ORIGIN.match(origin):
            raise ValueError(f"not an origin (scheme://host[:port]): {origin}")
    values = {
        "@LISTEN@": listen,
        "@PREFIX@": prefix,
        "@SITE_ROOT@": str(Path(site_root).resolve()),
        "@FRAME_ANCESTORS@": " ".join(embed_origins),
        "@HEADERS_CONF@": headers_conf or str(DEPLOY / "security-headers.conf"),
    }
    text = (DEPLOY / "nginx-site.conf").read_text(encoding="utf-8")
    body = text[text.index("server {"):]
    for placeholder, value in values.items():
        body = body.replace(placeholder, value)
    return body


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-root", required=True, help="absolute path of the built site/ folder")
    parser.add_argument("--prefix", default="/", help="URL path of the site, e.g. /kz-us/ (default: /)")
    parser.add_argument("--listen", default="80", help="port or address:port (default: 80)")
    parser.add_argument("--embed-origin", action="append", default=[], help="origin allowed to embed pages; repeatable")
    parser.add_argument("--headers-conf", help="path of security-headers.conf on the server (default: this repo's)")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.site_root, args.prefix, args.listen, args.embed_origin, args.headers_conf))
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
