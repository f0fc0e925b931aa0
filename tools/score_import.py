"""Score the importer on a folder of fixtures: each NN-name.txt against its NN-name.expected.yaml.

Usage: python tools/score_import.py tests/fixtures/import/unseen/develop [--verbose]
The fixtures are imported together, as `build_pages.py import DIR` does, with the registries of
tests/fixtures/import/registry/. The format of the expected files is described at the top of
tests/fixtures/import/SHAPES.md. A field the draft does not have yet (language, questions) is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from newsbuild.import_speakers import Proposals
from newsbuild.importer import import_text, read_text
from newsbuild.model import PLACEHOLDER, load_registries

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "tests/fixtures/import/registry"
BLOCK_TEXT = ("paragraph", "quote", "question", "lead_in", "attribution")


def norm(text) -> str:
    """Case, spacing and a closing full stop or comma aside."""
    return " ".join(str(text).split()).rstrip(".,").casefold() if text is not None else ""


def same_name(found, wanted) -> bool:
    return norm(found) == norm(wanted) or norm(found).replace(" ", "-") == norm(wanted)


def speaker_of(block: dict) -> str | None:
    speaker = block.get("speaker") or ""
    return None if speaker.startswith(PLACEHOLDER) else speaker


def checks(draft, expected: dict) -> list[tuple[str, bool]]:
    """(field, right) for every field the expected file gives."""
    body = draft.body
    quotes = [b for b in body if "quote" in b]
    questions = [b for b in body if "question" in b]
    result = [
        ("language", getattr(draft, "language", None) == expected["language"]),
        ("headline", draft.title.strip() == expected["headline"]),
        ("date", draft.published == (str(expected["date"]) if expected["date"] else None)),
        ("dateline", norm(draft.dateline) == norm(expected["dateline"])),
        ("author", norm(draft.author) == norm(expected["author"])),
    ]
    if "agency" in expected:
        result.append(("agency", norm(draft.agency) == norm(expected["agency"])))
    # an image file without caption or credit is not a caption
    media = [m for m in draft.media if m.caption or m.credit]
    for wanted in expected["captions"]:
        found = any(
            norm(m.caption) == norm(wanted["caption"]) and norm(m.credit) == norm(wanted["credit"])
            for m in media
        )
        result.append((f"caption {wanted['caption'] or wanted['credit']!r}", found))
    result.append(("captions count", len(media) == len(expected["captions"])))
    texts = [" ".join(str(b[k]) for k in BLOCK_TEXT if k in b) for b in body]
    for line in expected["not_in_body"]:
        result.append((f"not in body {line[:30]!r}", not any(line in text for text in texts)))
    first = next((b.get("paragraph") or b.get("question") or b.get("quote") for b in body), "")
    result.append(("body starts", first.strip().startswith(expected["body_starts"])))
    for wanted in expected["quotes"]:
        found = [b for b in quotes if wanted["text"] in b["quote"]]
        right = bool(found) and speaker_of(found[0]) == wanted["speaker"]
        result.append((f"quote {wanted['text'][:25]!r} by {wanted['speaker']}", right))
    result.append(("quotes count", len(quotes) == len(expected["quotes"])))
    for wanted in expected.get("questions", []):
        found = [b for b in questions if wanted["text"] in b["question"]]
        by = found[0].get("by", found[0].get("interviewer")) if found else None
        right = bool(found) and (wanted["by"] is None or same_name(by, wanted["by"]))
        result.append((f"question {wanted['text'][:25]!r}", right))
    proposed = sorted(p.id for p in draft.proposed_people)
    result.append(("proposed people", proposed == sorted(expected["proposed"])))
    result.append(("places", sorted(draft.places) == sorted(expected["places"])))
    return result


def score(folder: Path, show: bool = False, details: bool = False) -> float:
    """The share of right fields (%) over the fixtures of a folder, imported together; with show, prints
    each fixture's figures and the total, with details also every wrong field."""
    paths = sorted(folder.glob("*.txt"))
    registries = load_registries(REGISTRY)
    proposals, taken = Proposals(), set()
    right_drafts = right_fields = all_fields = 0
    for path in paths:
        draft = import_text(
            read_text(str(path), path.read_bytes()), registries, taken, None, proposals
        )
        taken.add(draft.id)
        expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
        result = checks(draft, expected)
        good = sum(right for _, right in result)
        right_drafts += good == len(result)
        right_fields, all_fields = right_fields + good, all_fields + len(result)
        if show:
            print(f"{path.name}: {good}/{len(result)}")
        for name, right in result if details else ():
            if not right:
                print(f"    wrong: {name}")
    percent = 100 * right_fields / all_fields
    if show:
        print(
            f"{right_drafts} of {len(paths)} drafts fully right, "
            f"{right_fields} of {all_fields} checked fields ({percent:.1f} %)"
        )
    return percent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("folder", type=Path, help="folder of NN-name.txt + NN-name.expected.yaml")
    parser.add_argument("--verbose", action="store_true", help="list every wrong field")
    args = parser.parse_args()
    if not sorted(args.folder.glob("*.txt")):
        print(f"no *.txt fixtures in {args.folder}", file=sys.stderr)
        return 2
    score(args.folder, show=True, details=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
