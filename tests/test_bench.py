"""The benchmark runs (N = 100) and its timing-independent properties hold."""

import json
import subprocess
import sys

import pytest

from helpers import ROOT


def test_benchmark_at_n_100(tmp_path):
    report_path = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench/run.py"), "--sizes", "100", "--runs", "2",
                             "--no-lighthouse",  # tests/test_lighthouse.py runs it
                             "--photos", "4",  # the photo measurement runs; 100 photos take minutes
                             "--json", str(report_path)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "| build_pages cold (s)" in result.stdout and '"results"' in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    (run,) = report["results"]
    assert run["articles"] == 100
    assert run["noop_files_written"] == 0
    assert run["edit_files_written"] == run["edit_expected"]
    # make site after one more edit: the site a clean build gives, a handful of pages written
    assert run["publish_identical"] and 0 < run["publish_pages_written"] < 20, run["publish_pages_written"]
    assert run["article_page_ratio_to_n10"] <= 1.1
    assert run["search_first_result_ms"] is not None  # the browser found the article by a word only its body has
    assert run["runs"] == 2  # timings are the median of the runs, with their range
    low, high = run["spread"]["mkdocs_build_s"]
    assert low <= run["mkdocs_build_s"] <= high
    assert run["targets"]["every page <= 100 KB"], run["largest_page_bytes"]
    assert set(run["largest_page_bytes"]) >= {"home", "archive", "article", "embed", "theme", "person", "people index"}
    assert report["long_paragraph_s"]["punctuation"] > 0 and report["long_paragraph_s"]["words"] > 0
    photos = report["photos"]
    assert photos["photos"] == 4 and photos["cold_ratio"] > 1
    assert photos["transfer_within_budget"], photos  # a phone gets the page and its photo in under 300 KB
    assert photos["photo_variants_loaded"] and all(v.endswith(".webp") for v in photos["photo_variants_loaded"])
    assert "photos of 4000 × 3000 px: build_pages cold" in result.stdout


@pytest.mark.browser
def test_main_thread_bench_traces_every_page_kind(built_site, tmp_path):
    _, site = built_site
    report_path = tmp_path / "main_thread.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench/main_thread.py"), str(site), "--runs", "1",
                             "--json", str(report_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "| page | main-thread tasks (ms) |" in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert set(report) == {"home", "article", "theme", "person", "archive"}
    for kind, costs in report.items():
        # Material's bundle ran, and is part of the main thread's work, not all of it.
        (bundle,), (tasks,), (style_layout,) = costs["bundle"], costs["tasks"], costs["style_layout"]
        assert 0 < bundle < tasks and 0 < style_layout < tasks, kind
