"""Where a phone's main thread goes while a page loads: a Chromium trace under a 4 x CPU slowdown.

Usage: python bench/main_thread.py SITE_DIR [--runs N] [--json FILE]

Lighthouse's performance score moves by several points from run to run on a small machine, more than
a change to the page's scripts does. This loads one page of each kind (as bench/lighthouse.py picks
them) behind the shipped nginx config in Debian's Chromium, at a phone's width with the CPU slowed 4
times as Lighthouse's mobile preset does, and sums from the trace: all main-thread tasks, Material's
bundle (its evaluation, its calls and the DOMContentLoaded handlers) and style and layout. Prints the
median of the runs in ms, with the range.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]  # the test suite's servers and browser

from bench.headless import launch  # noqa: E402
from bench.lighthouse import pages_of, served  # noqa: E402

SLOWDOWN = 4  # Lighthouse's mobile preset
SETTLE_S = 3  # after the load event: Material mounts its components and the fonts arrive
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def costs(events: list[dict]) -> dict[str, float]:
    """ms of main-thread work by kind, from a trace's complete ("X") events."""
    totals = {"tasks": 0.0, "bundle": 0.0, "style_layout": 0.0}
    for event in events:
        if event.get("ph") != "X":
            continue
        name, ms = event["name"], event.get("dur", 0) / 1000
        data = (event.get("args") or {}).get("data") or {}
        if name == "RunTask":
            totals["tasks"] += ms
        elif name in ("EvaluateScript", "FunctionCall") and "/bundle." in (data.get("url") or ""):
            totals["bundle"] += ms
        elif name == "EventDispatch" and data.get("type") == "DOMContentLoaded":
            totals["bundle"] += ms
        elif name in ("UpdateLayoutTree", "Layout"):
            totals["style_layout"] += ms
    return totals


def trace_load(browser, url: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 412, "height": 823})
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    time.sleep(SETTLE_S)
    trace = json.loads(browser.stop_tracing())
    page.close()
    return costs(trace["traceEvents"])


def measure(site: Path, runs: int) -> dict[str, dict[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[float]]] = {}
    with (
        tempfile.TemporaryDirectory() as temporary,
        served(site, Path(temporary)) as base,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        pages = pages_of(site)
        # kinds interleaved, so that a slow spell of the machine hits all alike
        for _ in range(runs):
            for kind, path in pages.items():
                for name, ms in trace_load(browser, base + path).items():
                    results.setdefault(kind, {}).setdefault(name, []).append(ms)
        browser.close()
    return results


def table(results: dict[str, dict[str, list[float]]]) -> str:
    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"

    lines = [
        "| page | main-thread tasks (ms) | Material's bundle (ms) | style and layout (ms) |",
        "|---|--:|--:|--:|",
    ]
    for kind, by_name in results.items():
        lines.append(
            f"| {kind} | {cell(by_name['tasks'])} | {cell(by_name['bundle'])} | {cell(by_name['style_layout'])} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site/ folder")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="loads of each page; the median is reported (default: 3)",
    )
    parser.add_argument("--json", type=Path, help="also write every run's figures to this file")
    args = parser.parse_args(argv)
    results = measure(args.site.resolve(), args.runs)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
