"""Lighthouse scores of a built site behind the shipped nginx config, as a reader's browser meets it.

Usage: python bench/lighthouse.py SITE_DIR [--preset mobile desktop] [--runs N] [--json FILE]

The site is copied and precompressed as `make dist` leaves it (tools/precompress.py), served by a real
nginx with deploy/nginx-site.conf (tests/servers.py), and audited by Lighthouse (npm, pinned in
package-lock.json) driving Debian's Chromium. Prints, per page and preset, the four category scores,
Largest Contentful Paint, Total Blocking Time and the bytes transferred: of the run with the median
performance score when there are several (Lighthouse's own advice: scores vary from run to run), with
the range of the performance scores.

Lighthouse's mobile preset slows the CPU 4 times, a factor calibrated for a high-end desktop whose
benchmarkIndex is 1,500–2,000 (Lighthouse's docs/throttling.md): on a faster host the same factor
emulates a faster phone, on a slower one a slower phone. So the factor is scaled by the host's own
benchmarkIndex (measured by one Lighthouse run first): 4 × index / 1,750, the phone Lighthouse's 4 times
emulates on the desktop it is calibrated for, whatever the host. `--no-calibration` keeps Lighthouse's 4.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]  # the test suite's servers and browser

from bench.headless import CHROMIUM  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNNER = ROOT / "bench" / "lighthouse_pages.mjs"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_SLOWDOWN = 4  # Lighthouse's mobile preset
REFERENCE_INDEX = 1750  # the middle of the benchmarkIndex range DEFAULT_SLOWDOWN is calibrated for


def pages_of(site: Path) -> dict[str, str]:
    """One page of each kind: home, an article, a theme, a person, the archive."""

    def first(folder: str) -> str:
        return (
            next(p for p in sorted((site / folder).glob("*.html")) if p.name != "index.html")
            .relative_to(site)
            .as_posix()
        )

    return {
        "home": "index.html",
        "article": first("articles"),
        "theme": first("themes"),
        "person": first("people"),
        "archive": "archive.html",
    }


def lighthouse_flags(preset: str, slowdown: float | None, categories: tuple[str, ...]) -> dict:
    """Lighthouse's settings for one audit. Its full-page screenshot is only an image for its own report."""
    flags: dict = {"disableFullPageScreenshot": True}
    if preset == "mobile":
        flags["formFactor"] = "mobile"
    if categories != CATEGORIES:
        flags["onlyCategories"] = list(categories)
    if slowdown is not None:
        flags["throttling"] = {"cpuSlowdownMultiplier": slowdown}
    return flags


def audit_pages(
    urls: list[str],
    preset: str,
    workdir: Path,
    slowdown: float | None = None,
    categories: tuple[str, ...] = CATEGORIES,
) -> list[dict]:
    """Lighthouse on each URL, in one Node process and one Chromium (bench/lighthouse_pages.mjs): per URL,
    scores (0-100), LCP and TBT (ms), transfer (KB), the host's benchmarkIndex. slowdown: the mobile CPU
    slowdown, if not Lighthouse's own. Without performance in categories, Lighthouse records no trace
    (a few times faster) and the timings are None."""
    audits = [
        {"url": url, "report": str(workdir / f"report-{n}.json")} for n, url in enumerate(urls)
    ]
    request = workdir / "lighthouse-request.json"
    request.write_text(
        json.dumps(
            {
                "chromePath": CHROMIUM,
                "chromeFlags": ["--headless=new", "--no-sandbox"],
                "preset": preset,
                "flags": lighthouse_flags(preset, slowdown, categories),
                "audits": audits,
            }
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["node", str(RUNNER), str(request)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120 * len(urls),
    )
    if result.returncode:
        raise RuntimeError(f"lighthouse failed:\n{result.stderr[-2000:]}")
    return [
        report_row(json.loads(Path(audit["report"]).read_text(encoding="utf-8")), categories)
        for audit in audits
    ]


def report_row(data: dict, categories: tuple[str, ...]) -> dict:
    """What one Lighthouse report says, in the rows' terms."""
    audits = data["audits"]
    timed = "performance" in categories
    return {
        **{name: round(100 * data["categories"][name]["score"]) for name in categories},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]) if timed else None,
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]) if timed else None,
        "transfer_kb": (
            round(audits["total-byte-weight"]["numericValue"] / 1024, 1) if timed else None
        ),
        "benchmark_index": round(data["environment"]["benchmarkIndex"]),
        "failed": sorted(
            name
            for name, a in audits.items()
            if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0
        ),
    }


@contextmanager
def served(site: Path, workdir: Path, precompressed: bool = True, worker: bool = True):
    """The site as `make dist` leaves it (precompressed: with its .gz and .br copies, which only the
    transfer sizes depend on), behind the shipped nginx config: yields its base URL. worker False: without
    its service worker (sw.js), whose registration then fails and changes nothing, to compare."""
    from servers import nginx

    from newsbuild.precompress import precompress

    dist = workdir / "site"
    shutil.copytree(site, dist)
    if not worker:
        (dist / "sw.js").unlink(missing_ok=True)
    if precompressed:
        precompress(dist)
    with nginx(workdir / "nginx", dist, "/") as (base, _):
        yield base


def calibrated_slowdown(index: int) -> float:
    """The mobile CPU slowdown that makes a host of this benchmarkIndex emulate the phone Lighthouse's
    default emulates on the desktop it is calibrated for."""
    return round(DEFAULT_SLOWDOWN * index / REFERENCE_INDEX, 1)


def audit_site(
    site: Path,
    presets=("mobile", "desktop"),
    runs: int = 1,
    calibrate: bool = True,
    categories: tuple[str, ...] = CATEGORIES,
    worker: bool = True,
) -> list[dict]:
    rows = []
    # without performance, nothing measured depends on the stored .gz and .br copies
    precompressed = "performance" in categories
    with (
        tempfile.TemporaryDirectory() as temporary,
        served(site, Path(temporary), precompressed, worker) as base,
    ):
        for preset in presets:
            slowdown = None  # desktop: its preset's own, none
            if preset == "mobile":
                slowdown = DEFAULT_SLOWDOWN
                if calibrate:
                    (first,) = audit_pages([base], preset, Path(temporary))
                    slowdown = calibrated_slowdown(first["benchmark_index"])
            pages = pages_of(site)
            # every run of every page in one Lighthouse process: page after page, then again
            urls = [base + path for _ in range(runs) for path in pages.values()]
            audited = audit_pages(urls, preset, Path(temporary), slowdown, categories)
            for n, (kind, path) in enumerate(pages.items()):
                results = sorted(
                    audited[n :: len(pages)], key=lambda result: result.get("performance", 0)
                )
                scores = [result.get("performance") for result in results]
                rows.append(
                    {
                        "preset": preset,
                        "kind": kind,
                        "page": path,
                        **results[len(results) // 2],
                        "performance_range": [scores[0], scores[-1]],
                        "cpu_slowdown": slowdown or 1,
                    }
                )
    return rows


WORKER_COST_LIMIT = (
    1  # points of mobile performance the service worker may cost a page kind (issue #37)
)


def worker_cost_table(with_worker: list[dict], without_worker: list[dict]) -> str:
    """Mobile performance of each page kind with the service worker and without it (sw.js removed, so
    its registration fails and changes nothing), and whether the worker costs at most WORKER_COST_LIMIT."""
    without = {r["kind"]: r for r in without_worker if r["preset"] == "mobile"}
    lines = [
        "| page | with the worker | without | difference | at most "
        f"{WORKER_COST_LIMIT} point lower |",
        "|---|--:|--:|--:|---|",
    ]
    for row in with_worker:
        if row["preset"] != "mobile" or row["kind"] not in without:
            continue
        other = without[row["kind"]]
        difference = row["performance"] - other["performance"]
        lines.append(
            f"| {row['kind']} | {row['performance']} ({row['performance_range'][0]}–"
            f"{row['performance_range'][1]}) | {other['performance']} ({other['performance_range'][0]}–"
            f"{other['performance_range'][1]}) | {difference:+d} | "
            f"{'PASS' if difference >= -WORKER_COST_LIMIT else 'MISS'} |"
        )
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    lines = [
        "| preset | page | performance | accessibility | best practices | SEO | LCP (ms) | TBT (ms) | transfer (KB) | CPU slowdown, benchmarkIndex |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        low, high = r["performance_range"]
        performance = f"{r['performance']}" + (f" ({low}–{high})" if low != high else "")
        lines.append(
            f"| {r['preset']} | {r['kind']} | {performance} | {r['accessibility']} | "
            f"{r['best-practices']} | {r['seo']} | {r['lcp_ms']} | {r['tbt_ms']} | {r['transfer_kb']} | "
            f"{r['cpu_slowdown']} ×, {r['benchmark_index']:,} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site/ folder")
    parser.add_argument(
        "--preset", nargs="+", default=["mobile", "desktop"], choices=["mobile", "desktop"]
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per page and preset; the median is reported (default: 3)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--no-calibration",
        action="store_true",
        help=f"slow the CPU {DEFAULT_SLOWDOWN} times on mobile whatever the host (Lighthouse's default)",
    )
    parser.add_argument(
        "--without-worker",
        action="store_true",
        help="serve the site without its service worker (sw.js), to measure what the worker costs",
    )
    args = parser.parse_args(argv)
    rows = audit_site(
        args.site.resolve(),
        args.preset,
        args.runs,
        calibrate=not args.no_calibration,
        worker=not args.without_worker,
    )
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
