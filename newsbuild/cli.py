"""The command line: `newsbuild` (or build_pages.py) build, site, check and import.

Turn the structured articles in source/ into pages in docs/ for MkDocs.
Exit codes: 0 success, 1 invalid content (nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .build import build
from .problems import FrontMatterError, SourceError
from .settings import read_settings
from .write import ConflictError, site_lock


def parse_args(argv, root: Path, prog: str):
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__.splitlines()[2],
        epilog="Exit codes: 0 ok, 1 invalid content (every problem listed as path:line:column: field: message), 2 usage.",
    )
    parser.add_argument(
        "--source", type=Path, default=root / "source", help="content folder (default: source/)"
    )
    parser.add_argument(
        "--docs",
        type=Path,
        default=root / "docs",
        help="MkDocs docs_dir to write into (default: docs/)",
    )
    parser.add_argument(
        "--config", type=Path, default=root / "mkdocs.yml", help="mkdocs.yml to read site_name from"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    builder = commands.add_parser(
        "build", help="validate source/ and write the pages into docs/ (the default)"
    )
    builder.add_argument(
        "--drafts",
        action="store_true",
        help="a preview: also show drafts and scheduled articles, each with a banner (make serve)",
    )
    site = commands.add_parser(
        "site",
        help="build, then render site/ with MkDocs, both under one lock (make site)",
        description="Generate docs/ from source/, then render site/ with `mkdocs build "
        "--strict`, holding the checkout's site lock across both steps, so that a preview "
        "(make serve) never writes drafts into docs/ in between.",
    )
    site.add_argument(
        "--clean",
        action="store_true",
        help="render every page again (make rebuild); by default only what changed (--dirty)",
    )
    commands.add_parser("check", help="validate source/ only; write nothing")
    finisher = commands.add_parser(
        "finish",
        help="add what a site rendered without the newsbuild MkDocs plugin lacks",
        description="For a site rendered from docs/ by a renderer other than MkDocs with the "
        "newsbuild plugin (which does all of this while it builds): publish the npm assets, build "
        "the search index and the sitemap where the renderer made none, make the 404 page's links "
        "relative, and list the inline scripts' hashes for the CSP.",
    )
    finisher.add_argument(
        "site_dir",
        type=Path,
        nargs="?",
        default=root / "site",
        metavar="SITE",
        help="the rendered site (default: site/)",
    )
    importer = commands.add_parser(
        "import",
        help="turn plain-text articles into draft article files",
        description="Turn plain-text articles into draft source/articles/*.yaml files. "
        "Fields that need judgement are left as 'FILL IN: …' placeholders, which "
        "'build_pages.py check' reports until they are filled in; speakers not in the "
        "registry are proposed as new people. A summary table lists what each draft holds.",
    )
    importer.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="FILE_OR_DIR",
        help="plain-text articles (UTF-8), or folders of them (their *.txt files)",
    )
    importer.add_argument(
        "--publication",
        help="publication id from source/publications.yaml (default: the one "
        "the text or its dateline names)",
    )
    importer.add_argument(
        "-o",
        "--output",
        help="a folder to write the drafts into, as ID.yaml (for one article also a file path); "
        "default: one article to standard output",
    )
    importer.add_argument(
        "--zone", help="time zone of times in date lines, e.g. +05:00 (default: keep the date only)"
    )
    importer.add_argument(
        "--add-people",
        action="store_true",
        help="add the proposed people and organizations to source/people.yaml and organizations.yaml",
    )
    importer.add_argument("--force", action="store_true", help="overwrite output files that exist")
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    return args


def terminal_progress(stage: str, done: int, total: int) -> None:
    """One self-overwriting status line, for builds run in a terminal."""
    print(
        f"\r{stage}: {done}/{total}\033[K",
        end="" if done < total else "\n",
        file=sys.stderr,
        flush=True,
    )


def report_problems(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.",
        file=sys.stderr,
    )
    return 1


def main(argv=None, root: Path | None = None, prog: str = "newsbuild") -> int:
    """root: the project folder that holds source/, docs/ and mkdocs.yml (default: the current one)."""
    args = parse_args(argv, Path.cwd() if root is None else root, prog)
    if not args.source.is_dir():
        print(
            f"{prog}: {args.source}: no such folder: give --source the folder that holds articles/ "
            "and the registries (default: source/ beside mkdocs.yml)",
            file=sys.stderr,
        )
        return 2
    try:
        if args.command == "import":
            from .import_batch import run_import

            return run_import(args)
        if args.command == "finish":
            return finish_site(args, prog)
        if args.command == "check":
            from .lifecycle import build_time, edition, scheduled_for, state
            from .model import load_corpus
            from .photos import check_all

            corpus = load_corpus(args.source, site_language=read_settings(args.config).language)
            now = build_time()
            # The photos a build or a preview shows: a withdrawn article's notice shows none, so
            # nothing wrong with them may hold back the withdrawal.
            check_all(args.source, [a for a in corpus.articles if state(a, now) != "withdrawn"])
            print(f"ok: {len(corpus.articles)} article(s) valid")
            for article in corpus.articles:
                current = state(article, now)
                if current == "scheduled":
                    print(
                        f"scheduled: {article.source_path}: appears with the first build on or after "
                        f"{scheduled_for(article)}"
                    )
                elif current != "published":
                    print(f"{current}: {article.source_path}")
            for entity in edition(corpus, now).withheld:
                print(
                    f"withheld: {args.source.name}/{entity.kind}.yaml: {entity.id}: only unpublished articles name "
                    "it, so the site leaves it out until one of them is published"
                )
            return 0
        progress = terminal_progress if sys.stderr.isatty() else None
        with site_lock(args.docs):
            articles, report = build(
                args.source,
                args.docs,
                read_settings(args.config),
                progress,
                preview=getattr(args, "drafts", False),
            )
            if args.command == "site":
                report_build(articles, report)
                return render_site(args.config, clean=args.clean)
    except SourceError as error:
        return report_problems(error.problems)
    except (
        FrontMatterError
    ) as error:  # a builder bug, never the content's fault: stop rather than publish it
        print(f"build_pages.py: {error}", file=sys.stderr)
        return 1
    except ConflictError as error:
        for path in error.paths:
            print(
                f"{args.docs / path}:1:1: (file): a hand-written file is in the way of a generated page: move or rename it",
                file=sys.stderr,
            )
        return 1
    report_build(articles, report)
    return 0


def finish_site(args, prog: str) -> int:
    from .assets import AssetError
    from .finish import finish
    from .search_index import SearchIndexError

    if not args.site_dir.is_dir():
        print(
            f"{prog}: {args.site_dir}: no such folder: give the rendered site's folder",
            file=sys.stderr,
        )
        return 2
    try:
        report = finish(
            args.config.resolve().parent, args.docs, args.site_dir, read_settings(args.config)
        )
    except (AssetError, SearchIndexError) as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1
    print(f"{args.site_dir}: " + ", ".join(report.done))
    return 0


def render_site(config: Path, clean: bool) -> int:
    """`mkdocs build --strict` of the docs/ just generated; its exit code (1 if it failed). Not quiet:
    MkDocs' --quiet drops warnings before strict mode counts them, so a warning would pass."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    result = subprocess.run(
        command + ([] if clean else ["--dirty"]), env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    return 0 if result.returncode == 0 else 1


def report_build(articles, report) -> None:
    for notice in report.notices:
        print(f"build_pages.py: note: {notice}", file=sys.stderr)
    if articles is None:
        print(
            f"up to date: 0 page(s) written, {report.unchanged} unchanged (source, templates and code unchanged)"
        )
    else:
        pages = len(report.written) + report.unchanged
        again = (
            f"; {report.rendered} of {pages} rendered (the others' sources had not changed)"
            if report.rendered < pages
            else ""
        )
        print(
            f"{articles} article(s): {len(report.written)} page(s) written, "
            f"{report.unchanged} unchanged, {len(report.removed)} removed{again}"
        )
