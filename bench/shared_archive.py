"""The builder's hardest archive per article: N copies of the shipped article, each with its own source
address, so that every article shares every person, organization, place and theme. Related lists,
excerpts and quotes per entity grow with what articles share. Measured: a cold build_pages.py (from a
docs/ holding only the hand-written pages) against `mkdocs build` of its pages, in wall time and in
CPU time (user + system of each process and its children, which varies less with the machine's load).
The bar (issue #33): the cold build within 10 % of mkdocs build.

Usage: python bench/shared_archive.py [--articles 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import PROJECT_PARTS, copy_project, median_of, timed, with_range  # noqa: E402

SEED = "rosenblum-kazakh-american-relations"
LIMIT = 0.10


def write_copies(project: Path, count: int) -> None:
    """count articles in all: the seed and count - 1 copies of it ("?copy=N" on its source address, which
    must be unique)."""
    articles = project / "source" / "articles"
    for path in articles.glob("*.yaml"):
        if path.stem != SEED:
            path.unlink()
    text = (articles / f"{SEED}.yaml").read_text(encoding="utf-8")
    address = next(line for line in text.splitlines() if line.startswith("source_url: "))
    for number in range(1, count):
        copy = text.replace(address, f"{address}?copy={number}", 1)
        (articles / f"{SEED}-copy-{number:05d}.yaml").write_text(copy, encoding="utf-8")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_with_cpu(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command and the processes it waited for."""
    before = children_cpu()
    seconds = timed(command, cwd)[0]
    return seconds, children_cpu() - before


def measure_once(workdir: Path, count: int) -> dict:
    project = copy_project(workdir / "shared", PROJECT_PARTS + ["source"])
    write_copies(project, count)
    python = sys.executable
    build_s, build_cpu = timed_with_cpu([python, "build_pages.py"], project)
    mkdocs = str(Path(python).parent / "mkdocs")
    mkdocs_s, mkdocs_cpu = timed_with_cpu([mkdocs, "build", "--strict"], project)
    shutil.rmtree(project)
    return {
        "build_pages_cold_s": build_s,
        "mkdocs_build_s": mkdocs_s,
        "share": build_s / mkdocs_s,
        "build_pages_cpu_s": build_cpu,
        "mkdocs_cpu_s": mkdocs_cpu,
        "cpu_share": build_cpu / mkdocs_cpu,
    }


def measure(count: int = 1000, runs: int = 3) -> dict:
    """Medians of the runs, with their ranges under "spread"."""
    measured = []
    with tempfile.TemporaryDirectory(prefix="bench-shared-") as temporary:
        for run in range(runs):
            print(f"shared archive: N = {count}, run {run + 1} …", file=sys.stderr, flush=True)
            measured.append(measure_once(Path(temporary), count))
    return {**median_of(measured), "articles": count}


def table(result: dict) -> str:
    def cells(*keys, form="{:.2f}"):
        return " | ".join(with_range(result, key, form) for key in keys)

    return (
        "| | wall s (range) | CPU s (range) |\n|---|--:|--:|\n"
        f"| build_pages cold | {cells('build_pages_cold_s', 'build_pages_cpu_s')} |\n"
        f"| mkdocs build | {cells('mkdocs_build_s', 'mkdocs_cpu_s')} |\n"
        f"| build_pages / mkdocs | {cells('share', 'cpu_share', form='{:.0%}')} |\n\n"
        f"  {'PASS' if result['share'] <= LIMIT else 'MISS'}  build_pages cold <= "
        f"{LIMIT:.0%} of mkdocs build"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles (default: 1000)")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs; the median is reported (default: 3)"
    )
    args = parser.parse_args(argv)
    result = measure(args.articles, args.runs)
    print(f"{args.articles:,} copies of the shipped article (median of {args.runs} runs):")
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
