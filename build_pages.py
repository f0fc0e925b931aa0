#!/usr/bin/env python3
"""Turn the structured articles in source/ into Markdown pages in docs/ for MkDocs.

Exit codes: 0 success, 1 invalid content (nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsbuild.build import build, read_settings
from newsbuild.problems import FrontMatterError, SourceError, did_you_mean
from newsbuild.write import ConflictError, atomic_write

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
    builder = commands.add_parser("build", help="validate source/ and write the pages into docs/ (the default)")
    builder.add_argument("--drafts", action="store_true",
                         help="a preview: also show drafts and scheduled articles, each with a banner (make serve)")
    commands.add_parser("check", help="validate source/ only; write nothing")
    importer = commands.add_parser("import", help="turn a plain-text article into a draft article file",
                                   description="Turn a plain-text article into a draft source/articles/*.yaml. "
                                   "Fields that need judgement are left as 'FILL IN: …' placeholders, which "
                                   "'build_pages.py check' reports until they are filled in.")
    importer.add_argument("file", type=Path, help="the plain-text article (UTF-8)")
    importer.add_argument("--publication", help="publication id from source/publications.yaml")
    importer.add_argument("-o", "--output", type=Path, help="write the draft here (default: standard output)")
    importer.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    return args


def terminal_progress(stage: str, done: int, total: int) -> None:
    """One self-overwriting status line, for builds run in a terminal."""
    print(f"\r{stage}: {done}/{total}\033[K", end="" if done < total else "\n", file=sys.stderr, flush=True)


def report_problems(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)
    return 1


def run_import(args) -> int:
    from newsbuild.importer import import_text, read_text, to_yaml
    from newsbuild.model import article_ids, load_registries

    registries = load_registries(args.source)  # drafts being edited may be invalid: only the registries matter here
    if args.publication and args.publication not in registries["publications"]:
        print(f"build_pages.py import: unknown publication '{args.publication}'"
              f"{did_you_mean(args.publication, registries['publications'])}", file=sys.stderr)
        return 2
    if args.output and args.output.exists() and not args.force:
        print(f"{args.output}: already exists; choose another path or add --force to overwrite it", file=sys.stderr)
        return 1
    try:
        raw = args.file.read_bytes()
    except OSError as error:
        print(f"{args.file}:1:1: (file): cannot read the file: {error.strerror}", file=sys.stderr)
        return 1
    draft = import_text(read_text(str(args.file), raw), registries, article_ids(args.source), args.publication)
    for line, text in draft.removed:
        print(f"{args.file}:{line}:1: removed publisher boilerplate: {text}", file=sys.stderr)
    text = to_yaml(draft)
    if args.output:
        atomic_write(args.output, text.encode("utf-8"))
        print(f"draft written to {args.output}; fill in the 'FILL IN' values, then run: make check",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
        print(f"suggested file: source/articles/{draft.id}.yaml (or import with -o to write it)", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "import":
            return run_import(args)
        if args.command == "check":
            from newsbuild.model import load_corpus

            from newsbuild.lifecycle import build_time, scheduled_for, state

            corpus = load_corpus(args.source)
            print(f"ok: {len(corpus.articles)} article(s) valid")
            now = build_time()
            for article in corpus.articles:
                current = state(article, now)
                if current == "scheduled":
                    print(f"scheduled: {article.source_path}: appears with the first build on or after "
                          f"{scheduled_for(article)}")
                elif current != "published":
                    print(f"{current}: {article.source_path}")
            return 0
        progress = terminal_progress if sys.stderr.isatty() else None
        articles, report = build(args.source, args.docs, read_settings(args.config), progress,
                                 preview=getattr(args, "drafts", False))
    except SourceError as error:
        return report_problems(error.problems)
    except FrontMatterError as error:  # a builder bug, never the content's fault: stop rather than publish it
        print(f"build_pages.py: {error}", file=sys.stderr)
        return 1
    except ConflictError as error:
        for path in error.paths:
            print(f"{args.docs / path}:1:1: (file): a hand-written file is in the way of a generated page: move or rename it", file=sys.stderr)
        return 1
    for notice in report.notices:
        print(f"build_pages.py: note: {notice}", file=sys.stderr)
    if articles is None:
        print(f"up to date: 0 page(s) written, {report.unchanged} unchanged (source, templates and code unchanged)")
    else:
        pages = len(report.written) + report.unchanged
        again = f"; {report.rendered} of {pages} rendered (the others' sources had not changed)" if report.rendered < pages else ""
        print(f"{articles} article(s): {len(report.written)} page(s) written, "
              f"{report.unchanged} unchanged, {len(report.removed)} removed{again}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
