"""`build_pages.py import`: many plain-text articles at once, into drafts, with a summary table.

Every input is read and imported before anything is written: a file that cannot be read, or an output
that already exists (without --force), stops the batch with nothing written.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from .import_speakers import Proposals
from .importer import Draft, import_text, proposals_yaml, read_text, to_yaml
from .model import PLACEHOLDER, article_ids, load_registries
from .problems import Problem, SourceError, did_you_mean
from .write import atomic_write

ZONE = re.compile(r"^(Z|[+-](0\d|1[0-4]):[0-5]\d)$")


def input_files(inputs: list[Path]) -> list[Path]:
    files = []
    for path in inputs:
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    return files


def run_import(args) -> int:
    # drafts being edited may be invalid: only the registries matter here
    registries = load_registries(args.source)
    if args.publication and args.publication not in registries["publications"]:
        return _usage(
            f"unknown publication '{args.publication}'{did_you_mean(args.publication, registries['publications'])}"
        )
    if args.zone and not ZONE.match(args.zone):
        return _usage(f"--zone {args.zone}: write a UTC offset such as +05:00, -04:00 or Z")
    files = input_files(args.inputs)
    if not files:
        return _usage("no *.txt files in " + ", ".join(str(p) for p in args.inputs))
    output = args.output
    # a folder unless it names a YAML file: `-o out/` never becomes a file named out
    if output is not None:
        args.output = Path(output)
    into_folder = output is not None and (
        args.output.is_dir()
        or output.endswith(("/", os.sep))
        or args.output.suffix.lower() not in (".yaml", ".yml")
    )
    batch = len(files) > 1 or any(p.is_dir() for p in args.inputs) or into_folder
    if batch and not args.output:
        return _usage("several articles need -o FOLDER (for example -o source/articles/)")

    problems: list[Problem] = []
    drafts: list[tuple[Path, Draft]] = []
    proposals = Proposals()
    # Into a folder, an article's id is its headline's: importing it again finds its draft already there.
    taken = set() if batch else article_ids(args.source)
    for path in files:
        try:
            text = read_text(str(path), path.read_bytes())
        except OSError as error:
            problems.append(Problem(str(path), 1, 1, "", f"cannot read the file: {error.strerror}"))
            continue
        except SourceError as error:
            problems += error.problems
            continue
        draft = import_text(text, registries, taken, args.publication, proposals)
        taken.add(draft.id)
        drafts.append((path, draft))
    outputs = [
        (args.output / f"{draft.id}.yaml" if batch else args.output, draft) for _, draft in drafts
    ]
    problems += [
        Problem(
            str(out),
            1,
            1,
            "",
            "already exists: choose another folder, or add --force to overwrite it",
        )
        for out, _ in outputs
        if out and out.exists() and not args.force
    ]
    if args.add_people:
        problems += [
            problem
            for name in ("people.yaml", "organizations.yaml")
            if (problem := check_appendable(Path(args.source) / name))
        ]
    if problems:
        # build_pages.py reports them, as for any source, and exits with 1
        raise SourceError(problems)

    for path, draft in drafts:
        for line, text in draft.removed + ([draft.signed_off] if draft.signed_off else []):
            print(f"{path}:{line}:1: removed publisher boilerplate: {text}", file=sys.stderr)
    texts = [to_yaml(draft, args.zone, with_proposals=not args.add_people) for _, draft in drafts]
    if args.output:
        if batch:
            args.output.mkdir(parents=True, exist_ok=True)
        for (out, _), text in zip(outputs, texts):
            atomic_write(out, text.encode("utf-8"))
    else:
        sys.stdout.write(texts[0])
    if args.add_people:
        _add_to_registries(args.source, proposals)
    table = summary(drafts, texts)
    print(table, file=sys.stdout if args.output else sys.stderr)
    _next_steps(args, drafts, proposals)
    return 0


def summary(drafts: list[tuple[Path, Draft]], texts: list[str]) -> str:
    """One row per draft: what the importer found and what is left for the editor."""
    rows = [
        (
            "file",
            "title",
            "date",
            "dateline",
            "quotes",
            "speakers known/proposed",
            "placeholders",
            "removed",
        )
    ]
    for (path, draft), text in zip(drafts, texts):
        speakers = {
            block["speaker"]
            for block in draft.quotes
            if not block["speaker"].startswith(PLACEHOLDER)
        }
        proposed = {person.id for person in draft.proposed_people} & speakers
        title = draft.title if len(draft.title) <= 40 else draft.title[:39] + "…"
        rows.append(
            (
                path.name,
                title,
                draft.published or "-",
                draft.dateline or "-",
                str(len(draft.quotes)),
                f"{len(speakers - proposed)}/{len(proposed)}",
                str(text.count(f'"{PLACEHOLDER}')),
                str(len(draft.removed) + bool(draft.signed_off)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows
    )


def _add_to_registries(source: Path, proposals: Proposals) -> None:
    """Append the proposed entries to the registries, keeping the files' text (and comments) as they are."""
    for name, entries in (
        ("people.yaml", proposals.people.values()),
        ("organizations.yaml", proposals.organizations.values()),
    ):
        entries = list(entries)
        if not entries:
            continue
        path = source / name
        text = without_empty_flow_mapping(path.read_text(encoding="utf-8"))
        lines = (
            proposals_yaml(entries, []) if name == "people.yaml" else proposals_yaml([], entries)
        )
        atomic_write(
            path, (text.rstrip("\n") + "\n" + "\n".join(lines) + "\n").lstrip("\n").encode("utf-8")
        )


def without_empty_flow_mapping(text: str) -> str:
    """A registry written as `{}` (an empty registry, which the build accepts) without the `{}`, so that
    entries appended in block style make a valid file; comments are kept."""
    import yaml

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if isinstance(node, yaml.MappingNode) and node.flow_style and not node.value:
        return text[: node.start_mark.index] + text[node.end_mark.index :]
    return text


def check_appendable(path: Path) -> Problem | None:
    """Entries can be appended in block style to a registry in block style, or written as `{}`."""
    import yaml

    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if isinstance(node, yaml.MappingNode) and node.flow_style and node.value:
        mark = node.start_mark
        return Problem(
            str(path),
            mark.line + 1,
            mark.column + 1,
            "",
            "written in flow style ({…}): --add-people "
            "appends entries in block style; write one entry per line as the other registries do",
        )
    return None


def _next_steps(args, drafts, proposals: Proposals) -> None:
    if proposals.people or proposals.organizations:
        added = "added to" if args.add_people else "proposed in the drafts for"
        print(
            f"{len(proposals.people)} new people and {len(proposals.organizations)} organizations {added} "
            f"source/people.yaml and source/organizations.yaml"
            + (
                "" if args.add_people else " (review them there, or import again with --add-people)"
            ),
            file=sys.stderr,
        )
    if args.output:
        print(
            f"{len(drafts)} draft(s) written; fill in the 'FILL IN' values, then run: make check",
            file=sys.stderr,
        )
    else:
        print(
            f"suggested file: source/articles/{drafts[0][1].id}.yaml (or import with -o to write it)",
            file=sys.stderr,
        )


def _usage(message: str) -> int:
    print(f"build_pages.py import: {message}", file=sys.stderr)
    return 2
