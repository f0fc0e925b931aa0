"""Benchmark of the importer: `build_pages.py import` on a batch of 100 articles of 600 words, and on one
article of 1 MB and of 2 MB on a single line (no line breaks: the worst shape for a line-based reader).

Usage: python bench/import_speed.py [--runs 3] [--json FILE]

The articles are written here, in the shapes the importer meets (a headline, a date line, a byline, a
dateline, paragraphs and quotes with their attributions; English, Russian and Kazakh), from a fixed seed.
Times are the median of the runs with their range, of the whole command as an editor runs it (Python
start, the language models and the date parser loaded). The bar (issue #35): the batch within 5 s; the
2 MB line at most about twice the 1 MB line (linear time).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 100
WORDS_PER_ARTICLE = 600
BATCH_LIMIT_S = 5
LINEAR_LIMIT = 2.3  # 2 MB against 1 MB: twice, and some start-up time that does not double

LANGUAGES = {
    "en": {
        "words": "the trade talks ministers investment energy visas students agreement region border "
        "railway companies partners growth exports water security dialogue reform budget".split(),
        "month": "June",
        "said": "said",
        "place": "ASTANA",
    },
    "ru": {
        "words": "переговоры министры инвестиции энергетика визы студенты соглашение регион граница "
        "железная дорога компании партнеры рост экспорт вода безопасность диалог реформа".split(),
        "month": "июня",
        "said": "заявил",
        "place": "АЛМАТЫ",
    },
    "kk": {
        "words": "келіссөздер министрлер инвестиция энергетика визалар студенттер келісім өңір шекара "
        "теміржол компаниялар серіктестер өсім экспорт су қауіпсіздік диалог реформа".split(),
        "month": "маусым",
        "said": "деді",
        "place": "АСТАНА",
    },
}
SPEAKERS = ["Daniel Rosenblum", "Marat Karabayev", "Aliya Nurlanova", "Tamara Olsen"]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def article_text(index: int) -> str:
    """One article of WORDS_PER_ARTICLE words, in one of the three languages."""
    rng = random.Random(index)
    language = LANGUAGES[["en", "ru", "kk"][index % 3]]
    words = language["words"]
    lines = [
        sentence(rng, words, 8).rstrip("."),
        f"{1 + index % 28} {language['month']} 2024",
        f"By {rng.choice(SPEAKERS)}" if index % 3 == 0 else "",
        f"{language['place']} – {sentence(rng, words, 30)}",
    ]
    count = 38
    while count < WORDS_PER_ARTICLE:
        if rng.random() < 0.3:
            speaker = rng.choice(SPEAKERS)
            lines.append(f"“{sentence(rng, words, 20)}” {language['said']} {speaker}.")
            count += 22
        else:
            lines.append(" ".join(sentence(rng, words, 15) for _ in range(3)))
            count += 45
    return "\n\n".join(line for line in lines if line) + "\n"


def one_line(size: int) -> str:
    """About size bytes of text on one line: sentences and quotes with no line break."""
    rng = random.Random(size)
    words = LANGUAGES["en"]["words"]
    parts = ["A headline on one line"]
    total = 0
    while total < size:
        part = (
            f"“{sentence(rng, words, 12)}” said {rng.choice(SPEAKERS)}. {sentence(rng, words, 20)}"
        )
        parts.append(part)
        total += len(part.encode("utf-8")) + 1
    return " ".join(parts)


def time_import(inputs: Path, output: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "build_pages.py"), "import", str(inputs), "-o", str(output)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        batch = folder / "batch"
        batch.mkdir()
        for index in range(ARTICLES):
            (batch / f"{index:03d}.txt").write_text(article_text(index), encoding="utf-8")
        single = {}
        for megabytes in (1, 2):
            path = folder / f"line-{megabytes}mb.txt"
            path.write_text(one_line(megabytes * 1_000_000), encoding="utf-8")
            single[megabytes] = path
        timings = {"batch": [], "1 MB line": [], "2 MB line": []}
        for run in range(runs):
            out = folder / f"out-{run}"
            out.mkdir()
            timings["batch"].append(time_import(batch, out / "batch"))
            for megabytes, path in single.items():
                timings[f"{megabytes} MB line"].append(time_import(path, out / f"{megabytes}.yaml"))
    result = {
        name: {"median_s": statistics.median(values), "min_s": min(values), "max_s": max(values)}
        for name, values in timings.items()
    }
    result["line_ratio"] = result["2 MB line"]["median_s"] / result["1 MB line"]["median_s"]
    return result


def table(result: dict) -> str:
    rows = [
        "| import | median (s) | range (s) |",
        "|---|--:|--:|",
    ]
    for name in ("batch", "1 MB line", "2 MB line"):
        timing = result[name]
        label = f"{ARTICLES} articles of {WORDS_PER_ARTICLE} words" if name == "batch" else name
        rows.append(
            f"| {label} | {timing['median_s']:.2f} | {timing['min_s']:.2f}–{timing['max_s']:.2f} |"
        )
    rows.append(f"| 2 MB line ÷ 1 MB line | {result['line_ratio']:.2f} | |")
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--runs", type=int, default=3, help="runs of each import (default 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    result = measure(args.runs)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
