#!/usr/bin/env python3
"""Turn the structured articles in source/ into Markdown pages in docs/ for MkDocs.

Exit codes: 0 success, 1 invalid content (nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbuild.build import build, read_settings
from newsbuild.model import load_corpus
from newsbuild.problems import SourceError
from newsbuild.write import ConflictError

ROOT = Path(__file__).resolve().parent


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="build_pages.py",
        description=__doc__.splitlines()[0],
        epilog="Exit codes: 0 ok, 1 invalid content (every problem listed as path:line:column: field: message), 2 usage.",
    )
    parser.add_argument("--source", type=Path, default=ROOT / "source", help="content folder (default: source/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="MkDocs docs_dir to write into (default: docs/)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml to read site_name from")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", help="validate source/ and write the pages into docs/ (the default)")
    commands.add_parser("check", help="validate source/ only; write nothing")
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    return args


def report_problems(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)
    return 1


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "check":
            corpus = load_corpus(args.source)
            print(f"ok: {len(corpus.articles)} article(s) valid")
            return 0
        corpus, report = build(args.source, args.docs, read_settings(args.config))
    except SourceError as error:
        return report_problems(error.problems)
    except ConflictError as error:
        for path in error.paths:
            print(f"{args.docs / path}:1:1: (file): a hand-written file is in the way of a generated page: move or rename it", file=sys.stderr)
        return 1
    print(f"{len(corpus.articles)} article(s): {len(report.written)} page(s) written, "
          f"{report.unchanged} unchanged, {len(report.removed)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
