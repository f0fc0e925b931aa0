"""`make serve`: saving an article shows the change, after one rebuild, with no error."""

import subprocess
import time
import urllib.request
from contextlib import contextmanager

from helpers import run_builder_here

from bench.local_server import free_port, start_mkdocs_serve

ARTICLE = "source/articles/rosenblum-kazakh-american-relations.yaml"


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@contextmanager
def serving(project, tmp_path):
    """`mkdocs serve` on the project, its log in tmp_path/serve.log. Yields (wait_for, log_path):
    wait_for(path, condition, timeout) returns the served page once condition(page) holds."""
    assert run_builder_here(project).returncode == 0
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = start_mkdocs_serve(project, port, stdout=log, stderr=subprocess.STDOUT)

    def wait_for(path, condition=lambda page: True, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                page = fetch(f"http://127.0.0.1:{port}/{path}")
                if condition(page):
                    return page
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)

    try:
        yield wait_for, log_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_saving_an_article_updates_the_served_page_with_one_rebuild(project, tmp_path):
    page = "articles/rosenblum-kazakh-american-relations.html"
    with serving(project, tmp_path) as (wait_for, log_path):
        before = wait_for(page, timeout=120)
        assert "Sentence added while serving" not in before
        source = project / ARTICLE
        text = source.read_text(encoding="utf-8")
        marker = "body:\n"
        source.write_text(
            text.replace(
                marker,
                marker
                + "  - paragraph: Sentence added while serving.\n    themes: [visas-travel]\n",
                1,
            ),
            encoding="utf-8",
        )
        wait_for(page, lambda served: "Sentence added while serving" in served)
        time.sleep(2)  # time enough for a second, needless rebuild to start
    log = log_path.read_text()
    assert log.count("Building documentation") == 2, log  # the first build and one for the save
    assert "page(s) written" in log and "ERROR" not in log, log
    assert 'not included in the "nav"' not in log, log


def test_problems_show_in_the_browser_until_the_source_is_valid_again(project, tmp_path):
    page = "people/daniel-rosenblum.html"
    with serving(project, tmp_path) as (wait_for, log_path):
        wait_for(page, lambda served: "build-problems" not in served)
        source = project / ARTICLE
        good = source.read_text(encoding="utf-8")
        source.write_text(
            good.replace("publication: astana-times", "publication: astana-time"), encoding="utf-8"
        )
        served = wait_for(page, lambda served: "build-problems" in served)
        assert (
            "source/articles/rosenblum-kazakh-american-relations.yaml:3:14: publication: unknown publication "
            "&#x27;astana-time&#x27;"
        ) in served
        source.write_text(good, encoding="utf-8")
        wait_for(page, lambda served: "build-problems" not in served)
    assert "A 'dirty' build is being performed" not in log_path.read_text()
