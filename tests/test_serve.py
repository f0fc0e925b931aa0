"""`make serve`: saving an article shows the change, after one rebuild, with no error."""

import subprocess
import time
import urllib.request

from helpers import run_builder

from bench.local_server import free_port, start_mkdocs_serve

ARTICLE = "source/articles/rosenblum-kazakh-american-relations.yaml"


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_saving_an_article_updates_the_served_page_with_one_rebuild(project, tmp_path):
    assert run_builder(project).returncode == 0
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = start_mkdocs_serve(project, port, stdout=log, stderr=subprocess.STDOUT)
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


def test_problems_show_in_the_browser_until_the_source_is_valid_again(project, tmp_path):
    assert run_builder(project).returncode == 0
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = start_mkdocs_serve(project, port, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/people/daniel-rosenblum.html"

    def wait_for(condition):
        deadline = time.monotonic() + 60
        while True:
            try:
                page = fetch(url)
                if condition(page):
                    return page
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)

    try:
        wait_for(lambda page: "build-problems" not in page)
        source = project / ARTICLE
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("publication: astana-times", "publication: astana-time"), encoding="utf-8")
        page = wait_for(lambda page: "build-problems" in page)
        assert ("source/articles/rosenblum-kazakh-american-relations.yaml:3:14: publication: unknown publication "
                "&#x27;astana-time&#x27;") in page
        source.write_text(good, encoding="utf-8")
        wait_for(lambda page: "build-problems" not in page)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "A 'dirty' build is being performed" not in log_path.read_text()
