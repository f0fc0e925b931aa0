"""The handbook's deploy steps on Debian's own nginx set-up, its default site enabled: a config generated
in one folder, installed into sites-available and enabled from another, checked with nginx -t and
reloaded. Debian's /etc/nginx is copied (with its paths, user and port made the test's), never changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from servers import NGINX

from bench.local_server import free_port, wait_for

DEBIAN = Path("/etc/nginx")
SERVER_NAME = "news.intranet.test"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, host: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Host": host})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def debian_nginx(root: Path, port: int) -> Path:
    """A copy of Debian's /etc/nginx under root, its default site enabled, on a free port; its
    nginx.conf."""
    if not (DEBIAN / "sites-enabled" / "default").exists():
        pytest.fail("Debian's nginx with its default site is needed: apt-get install nginx")
    etc = root / "etc/nginx"
    shutil.copytree(DEBIAN, etc, symlinks=True)
    enabled = etc / "sites-enabled" / "default"
    enabled.unlink()
    enabled.symlink_to("../sites-available/default")
    default = etc / "sites-available" / "default"
    default.write_text(
        default.read_text(encoding="utf-8")
        .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
        .replace("listen [::]:80 default_server;", ""),
        encoding="utf-8",
    )
    (root / "log").mkdir()
    conf = etc / "nginx.conf"
    text = conf.read_text(encoding="utf-8")
    assert "include /etc/nginx/sites-enabled/*;" in text
    text = (
        text.replace("/etc/nginx/", f"{etc}/")
        .replace("user www-data;", "user root;")
        .replace("pid /run/nginx.pid;", f"pid {root}/nginx.pid;")
        .replace("/var/log/nginx/", f"{root}/log/")
    )
    conf.write_text(text, encoding="utf-8")
    return conf


def nginx_command(conf: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NGINX, "-c", str(conf), *args], capture_output=True, text=True, timeout=30
    )


def test_the_generated_config_serves_beside_debians_default_site(built_site, tmp_path):
    _, site = built_site
    port = free_port("127.0.0.1")
    conf = debian_nginx(tmp_path / "server", port)
    # generated in one folder, as on the build machine ...
    generated = tmp_path / "build-machine" / "kz-us.conf"
    generated.parent.mkdir()
    command = [sys.executable, "tools/nginx_conf.py", "--site-root", str(site), "--prefix"]
    command += ["/kz-us/", "--listen", f"127.0.0.1:{port}", "--server-name", SERVER_NAME]
    with open(generated, "w", encoding="utf-8") as out:
        subprocess.run(command, check=True, stdout=out, cwd=Path(__file__).parent.parent)
    # ... installed from another: nothing in it may point back at the checkout it was made in
    assert str(Path(__file__).parent.parent) not in generated.read_text(encoding="utf-8")
    installed = conf.parent / "sites-available" / "kz-us.conf"
    shutil.copy(generated, installed)
    (conf.parent / "sites-enabled" / "kz-us.conf").symlink_to("../sites-available/kz-us.conf")
    shutil.rmtree(generated.parent)

    tested = nginx_command(conf, "-t")
    assert tested.returncode == 0, tested.stderr
    assert "conflicting server name" not in tested.stderr and "[warn]" not in tested.stderr

    server = subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        status, headers, body = get(base + "/kz-us/", SERVER_NAME)
        assert status == 200 and "Kazakhstan–U.S. Relations" in body
        assert "Content-Security-Policy" in headers
        status, headers, _ = get(base + "/kz-us", SERVER_NAME)
        assert status == 301 and headers["Location"].endswith("/kz-us/")
        # Debian's default site still answers every other name, as before
        status, _, body = get(base + "/", "other.example")
        assert status == 200 and "Welcome to nginx" in body
        # a reload (after a new build, say) keeps serving
        assert nginx_command(conf, "-s", "reload").returncode == 0
        wait_for(base + "/")
        assert get(base + "/kz-us/", SERVER_NAME)[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not os.path.exists(DEBIAN / "sites-enabled" / "kz-us.conf")
