"""`make serve`: saving an article shows the change, after one rebuild, with no error."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import run_builder

ARTICLE = "source/articles/rosenblum-kazakh-american-relations.yaml"


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_saving_an_article_updates_the_served_page_with_one_rebuild(project, tmp_path):
    assert run_builder(project).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    with open(log_path, "w") as log:
        server = subprocess.Popen([str(mkdocs), "serve", "--livereload", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/articles/rosenblum-kazakh-american-relations.html"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                before = fetch(url)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.3)
        assert "Sentence added while serving" not in before
        source = project / ARTICLE
        text = source.read_text(encoding="utf-8")
        marker = "body:\n"
        source.write_text(text.replace(marker, marker + "  - paragraph: Sentence added while serving.\n    themes: [visas-travel]\n", 1),
                          encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Sentence added while serving" not in fetch(url):
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)
        time.sleep(2)  # time enough for a second, needless rebuild to start
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = log_path.read_text()
    assert log.count("Building documentation") == 2, log  # the first build and one for the save
    assert "page(s) written" in log and "ERROR" not in log, log
    assert "not included in the \"nav\"" not in log, log
