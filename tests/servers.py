"""A real nginx from Debian's packages on loopback, configured from deploy/, for the duration of a test."""

from __future__ import annotations

import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.local_server import free_port, wait_for
from newsbuild.nginx_conf import render

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@contextmanager
def nginx(
    workdir: Path,
    site: Path,
    prefix: str,
    embed_origins=(),
    host_page_root: Path | None = None,
    brotli: bool | None = None,
    site_port: int | None = None,
):
    """Serve site under prefix on 127.0.0.1 with deploy/nginx-site.conf, and optionally a plain
    host page folder on 127.0.0.2 (another origin; made if missing, with a blank index.html). Yields (site base URL, host base URL or None).
    brotli: as tools/nginx_conf.py's --brotli (None: if installed); site_port: the site's port, when the
    site was built with its address (else a free one)."""
    if not Path(
        NGINX
    ).exists():  # a server test never skips: without nginx it fails, saying what to install
        pytest.fail(
            "nginx is missing: install Debian's nginx (apt-get install nginx), as .ci/run does"
        )
    workdir.mkdir(parents=True, exist_ok=True)
    if host_page_root:  # the portal answers at its root (what wait_for asks), with a blank page
        host_page_root.mkdir(parents=True, exist_ok=True)
        (host_page_root / "index.html").write_text(
            "<!doctype html><title>portal</title>", encoding="utf-8"
        )
    site_port = site_port or free_port("127.0.0.1")
    host_port = free_port("127.0.0.2") if host_page_root else None
    host_origin = f"http://127.0.0.2:{host_port}" if host_page_root else None
    origins = list(embed_origins) + ([host_origin] if host_origin else [])
    server = render(str(site), prefix, f"127.0.0.1:{site_port}", origins, brotli=brotli)
    if host_page_root:
        server += f"\nserver {{ listen 127.0.0.2:{host_port}; root {host_page_root}; }}\n"
    (workdir / "site.conf").write_text(server, encoding="utf-8")
    # Debian's own nginx.conf loads the installed modules the same way (Brotli, when installed).
    (workdir / "nginx.conf").write_text(
        f"""
include /etc/nginx/modules-enabled/*.conf;
user root;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/site.conf;
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{site_port}{prefix}"
    try:
        wait_for(base)
        if host_page_root:
            wait_for(host_origin + "/")
        yield base, host_origin
    finally:
        process.terminate()
        process.wait(timeout=10)
