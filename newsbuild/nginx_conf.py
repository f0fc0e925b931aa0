"""Fill in deploy/nginx-site.conf for one deployment and print it.

Example (then copy kz-us.conf into /etc/nginx/sites-available/, link it from sites-enabled/, run
nginx -t and reload nginx: handbook/publishing.md):
  python tools/nginx_conf.py --site-root /srv/kz-us/site --prefix /kz-us/ --listen 80 \\
      --server-name news.intranet.example --embed-origin https://portal.intranet.example > kz-us.conf
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
# Every value is pasted into nginx syntax, so each must match a strict shape (fullmatch: no
# trailing newline): a ';', '{', quote or space in a value could otherwise add directives.
ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
PREFIX = re.compile(r"/([A-Za-z0-9._~-]+/)*")
# host names (a leading *. or trailing .* as nginx allows), space-separated, or _ for any name
SERVER_NAME = re.compile(
    r"_|(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(\.\*)?( (\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(\.\*)?)*"
)
LISTEN = re.compile(r"((\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+):)?[0-9]{1,5}")
FILE_PATH = re.compile(r"[A-Za-z0-9._+@,/~-]+")
SCRIPT_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")
HASHES_FILE = "csp-script-hashes.txt"  # written into site/ by the build (newsbuild/csp.py)
MODULES_ENABLED = Path("/etc/nginx/modules-enabled")  # where Debian's nginx loads its modules from
BROTLI_MODULES = ("ngx_http_brotli_static_module", "ngx_http_brotli_filter_module")
TEXT_TYPES = (
    "text/css text/plain text/xml application/javascript text/javascript application/json "
    "application/xml application/atom+xml application/rss+xml application/feed+json "
    "application/manifest+json image/svg+xml"
)


def script_hashes(site_root: str) -> str:
    """The CSP sources of the built site's inline scripts."""
    path = Path(site_root) / HASHES_FILE
    try:
        lines = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        raise ValueError(f"--site-root: {path} is missing: build the site first (make site)")
    for line in lines:
        if not SCRIPT_HASH.fullmatch(line):
            raise ValueError(
                f"--site-root: {path}: {line!r} is not a CSP hash source: build the site again"
            )
    return " ".join(lines)


def brotli_installed(modules_enabled: Path = MODULES_ENABLED) -> bool:
    """True if this machine's nginx loads both Brotli modules (Debian: libnginx-mod-http-brotli-*)."""
    try:
        loaded = " ".join(
            p.read_text(encoding="utf-8", errors="replace") for p in modules_enabled.glob("*.conf")
        )
    except OSError:
        return False
    return all(module in loaded for module in BROTLI_MODULES)


def brotli_directives(enabled: bool) -> tuple[str, str]:
    """What stands for @BROTLI@ and @BROTLI_STATIC_OFF@."""
    if not enabled:
        return (
            "# Brotli: nginx has no Brotli modules here, so gzip alone (Debian: apt-get install "
            "libnginx-mod-http-brotli-static libnginx-mod-http-brotli-filter, then run nginx_conf.py again)",
            "",
        )
    return (
        f"brotli_static on;\n    brotli on;\n    brotli_comp_level 5;\n    brotli_min_length 1024;\n"
        f"    brotli_types {TEXT_TYPES};",
        "brotli_static off;",
    )


def outside_prefix(prefix: str) -> str:
    """What stands for @OUTSIDE_PREFIX@: under a prefix, its address without the final slash is sent to the
    site, and every other address is a 404 (with the security headers), never a file of nginx's default root."""
    if prefix == "/":
        return "# The site is at the root: every address is the site's."
    return (
        f"location = {prefix[:-1]} {{\n        return 301 {prefix};\n    }}\n\n"
        f"    location / {{\n        return 404;\n    }}"
    )


def oembed_origins(embed_origins, site_id: str) -> str:
    """What stands for @OEMBED_ORIGINS@: the Access-Control-Allow-Origin of the oEmbed answers, the
    request's Origin when it is one of the portals' (one value per response: CORS takes no list)."""
    lines = [f'    "{origin}" $http_origin;' for origin in embed_origins]
    return "\n".join(
        [f"map $http_origin $oembed_origin_{site_id} {{", '    default "";', *lines, "}"]
    )


def check(pattern: re.Pattern, value: str, what: str) -> str:
    if not pattern.fullmatch(value) or "/../" in f"{value}/" or "/./" in f"{value}/":
        raise ValueError(f"{what}: {value!r} is not allowed: {DESCRIPTIONS[what]}")
    return value


DESCRIPTIONS = {
    "--prefix": "a URL path that starts and ends with '/', of letters, digits and . _ ~ -, e.g. / or /kz-us/",
    "--listen": "a port, or address:port, e.g. 80, 127.0.0.1:8080 or [::1]:80",
    "--server-name": "host names separated by spaces, e.g. news.intranet.example, or _ for any name",
    "--site-root": "a path of letters, digits and . _ + @ , / ~ - (no spaces, quotes, ';', '{', '}' or '$')",
    "--embed-origin": "an origin, scheme://host[:port], e.g. https://portal.intranet.example",
}


def security_headers(site_id: str) -> tuple[str, str]:
    """What stands for @SECURITY_HEADERS@ and @ADD_HEADERS@: for each header of deploy/security-headers.conf,
    a map of $status that gives its value for the statuses add_header skips without `always` (none
    for the others), and the two add_header lines of every location."""
    maps, adds = [], []
    for name, value in HEADER.findall(
        (DEPLOY / "security-headers.conf").read_text(encoding="utf-8")
    ):
        variable = f"{name.lower().replace('-', '_')}_on_error_{site_id}"
        maps.append(
            f'map $status ${variable} {{\n    "~^(200|201|204|206|301|302|303|304|307|308)$" "";\n'
            f'    default "{value}";\n}}'
        )
        adds += [f'add_header {name} "{value}";', f"add_header {name} ${variable} always;"]
    return "\n".join(maps), "\n        ".join(adds)


HEADER = re.compile(r'^add_header ([\w-]+) "([^"]*)";$', re.M)


def render(
    site_root: str,
    prefix: str = "/",
    listen: str = "80",
    embed_origins=(),
    brotli: bool | None = None,
    server_name: str = "_",
) -> str:
    """The server block; brotli None: use Brotli if this machine's nginx has the modules."""
    check(PREFIX, prefix, "--prefix")
    check(SERVER_NAME, server_name, "--server-name")
    check(LISTEN, listen, "--listen")
    if listen.rsplit(":", 1)[-1].isdigit() and not 1 <= int(listen.rsplit(":", 1)[-1]) <= 65535:
        raise ValueError(
            f"--listen: port {listen.rsplit(':', 1)[-1]} is out of range: use 1 to 65535"
        )
    for origin in embed_origins:
        check(ORIGIN, origin, "--embed-origin")
    site_root = check(FILE_PATH, str(Path(site_root).resolve()), "--site-root")
    site_id = hashlib.sha256(f"{listen}\0{server_name}\0{prefix}".encode()).hexdigest()[:8]
    maps, add_headers = security_headers(site_id)
    values = {
        "@LISTEN@": listen,
        "@SERVER_NAME@": server_name,
        "@PREFIX@": prefix,
        "@SITE_ROOT@": site_root,
        "@FRAME_ANCESTORS@": " ".join(embed_origins),
        "@SECURITY_HEADERS@": maps,
        "@ADD_HEADERS@": add_headers,
        "@ID@": site_id,
        "@SCRIPT_HASHES@": script_hashes(site_root),
        "@TEXT_TYPES@": TEXT_TYPES,
        "@OUTSIDE_PREFIX@": outside_prefix(prefix),
        "@OEMBED_ORIGINS@": oembed_origins(embed_origins, site_id),
    }
    values["@BROTLI@"], values["@BROTLI_STATIC_OFF@"] = brotli_directives(
        brotli_installed() if brotli is None else brotli
    )
    text = (DEPLOY / "nginx-site.conf").read_text(encoding="utf-8")
    body = text[text.index("\n@SECURITY_HEADERS@\n") + 1 :]
    for placeholder, value in values.items():
        body = body.replace(placeholder, value)
    return body


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site-root", required=True, help="absolute path of the built site/ folder"
    )
    parser.add_argument(
        "--prefix", default="/", help="URL path of the site, e.g. /kz-us/ (default: /)"
    )
    parser.add_argument("--listen", default="80", help="port or address:port (default: 80)")
    parser.add_argument(
        "--server-name",
        default="_",
        help="the host names the site answers to, e.g. news.intranet.example (default: _, any "
        "name; on Debian, whose default site answers any name, give a name or disable that site)",
    )
    parser.add_argument(
        "--embed-origin",
        action="append",
        default=[],
        help="origin allowed to embed pages; repeatable",
    )
    parser.add_argument(
        "--brotli",
        choices=("auto", "on", "off"),
        default="auto",
        help="Brotli compression: auto (the default) uses it if this machine's nginx loads "
        f"the Brotli modules (listed in {MODULES_ENABLED})",
    )
    args = parser.parse_args(argv)
    brotli = {"auto": None, "on": True, "off": False}[args.brotli]
    try:
        sys.stdout.write(
            render(
                args.site_root,
                args.prefix,
                args.listen,
                args.embed_origin,
                brotli,
                args.server_name,
            )
        )
    except ValueError as error:
        parser.error(str(error))
    return 0
