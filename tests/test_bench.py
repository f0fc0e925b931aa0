"""The benchmark script runs (N = 5: `make bench` measures at 100 and 1,000) and its timing-independent
properties hold."""

import json
import subprocess
import sys

from helpers import ROOT


def test_benchmark_runs_at_n_5(tmp_path):
    report_path = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench/run.py"),
            "--sizes",
            "5",
            "--runs",
            "1",
            "--no-lighthouse",  # tests/test_lighthouse.py runs it
            "--no-browser",  # searching in Chromium: tests/test_search_relevance.py, from disk and nginx
            "--import-runs",
            "0",  # minutes under the suite's load; make bench runs it
            "--language-runs",
            "0",  # six builds at N = 1,000; tests/test_translations.py builds its archive
            "--shared-archive",
            "5",  # the archive of copies of the shipped article runs; make bench measures 1,000
            "--long-paragraph-kb",
            "50",  # the linear-time measurement runs; make bench measures it at 500 KB
            "--photos",
            "2",  # the photo measurement runs (article 1 is the one measured on a phone); 100 take minutes
            "--json",
            str(report_path),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "| build_pages cold (s)" in result.stdout and '"results"' in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    (run,) = report["results"]
    assert run["articles"] == 5
    assert run["noop_files_written"] == 0
    assert run["edit_files_written"] == run["edit_expected"]
    # make site after one more edit: the site a clean build gives, a handful of pages written
    assert run["publish_identical"] and 0 < run["publish_pages_written"] < 20, run[
        "publish_pages_written"
    ]
    assert run["article_page_ratio_to_n10"] <= 1.1
    assert run["runs"] == 1  # timings are the median of the runs, with their range
    low, high = run["spread"]["mkdocs_build_s"]
    assert low <= run["mkdocs_build_s"] <= high
    assert run["targets"]["every page <= 100 KB"], run["largest_page_bytes"]
    assert set(run["largest_page_bytes"]) >= {
        "home",
        "archive",
        "article",
        "embed",
        "theme",
        "person",
        "people index",
    }
    assert report["long_paragraph_s"]["punctuation"] > 0 and report["long_paragraph_s"]["words"] > 0
    photos = report["photos"]
    assert photos["photos"] == 2 and photos["cold_ratio"] > 0
    # a phone gets the page and its photo in under 300 KB
    assert photos["transfer_within_budget"], photos
    assert photos["photo_variants_loaded"] and all(
        v.endswith(".webp") for v in photos["photo_variants_loaded"]
    )
    assert "photos of 4000 × 3000 px: build_pages cold" in result.stdout
    shared = report["shared_archive"]
    assert shared["articles"] == 5 and shared["build_pages_cpu_s"] > 0 and shared["share"] > 0
    assert "5 copies of the shipped article, every one sharing every person" in result.stdout
