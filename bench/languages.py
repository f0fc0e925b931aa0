"""What articles in three languages cost a build: the pipeline's time per page (build_pages.py from
nothing, then `mkdocs build`) on a synthetic archive with a third of its articles in each of English,
Russian and Kazakh, every three one story (bench/synthetic.py), against the same archive in English
only, measured in the same run, alternating. The bar (issue #34): within 1.15 times.

Usage: python bench/languages.py [--articles 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import make_project, median_of, timed, with_range  # noqa: E402

LIMIT = 1.15


def page_ms(workdir: Path, count: int, languages: bool) -> float:
    """Milliseconds per page of the site's pages, build_pages.py and mkdocs build together."""
    project = make_project(workdir / ("languages" if languages else "english"), count, languages)
    python = sys.executable
    seconds = timed([python, "build_pages.py"], project)[0]
    seconds += timed([str(Path(python).parent / "mkdocs"), "build", "--strict"], project)[0]
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    shutil.rmtree(project)
    return 1000 * seconds / pages


def measure(count: int = 1000, runs: int = 3) -> dict:
    """Medians of the runs, each run's two archives one after the other; ranges under "spread"."""
    measured = []
    with tempfile.TemporaryDirectory(prefix="bench-languages-") as temporary:
        for run in range(runs):
            print(f"languages: N = {count}, run {run + 1} …", file=sys.stderr, flush=True)
            english = page_ms(Path(temporary), count, languages=False)
            three = page_ms(Path(temporary), count, languages=True)
            measured.append(
                {"english_page_ms": english, "languages_page_ms": three, "ratio": three / english}
            )
    return {**median_of(measured), "articles": count}


def table(result: dict) -> str:
    return (
        "| archive | ms per page (range) |\n|---|--:|\n"
        f"| English only | {with_range(result, 'english_page_ms', '{:.1f}')} |\n"
        f"| a third each in English, Russian, Kazakh | {with_range(result, 'languages_page_ms', '{:.1f}')} |\n"
        f"| ratio | {with_range(result, 'ratio')} |\n\n"
        f"  {'PASS' if result['ratio'] <= LIMIT else 'MISS'}  per-page cost with three languages "
        f"<= {LIMIT} x English only"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(table(measure(args.articles, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
