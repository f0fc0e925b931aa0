"""Problems found in the source: where they are and what to do about them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = self.field or "(file)"
        return printable(f"{self.path}:{self.line}:{self.column}: {field}: {self.message}")


def printable(text: str) -> str:
    """text with each character that is not printable (a newline in a key, a control character)
    spelled as an escape, so that a problem stays on one line and shows what was typed."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


class SourceError(Exception):
    """Raised with every problem of a run, so they are reported together."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the source")
        self.problems = sorted(problems)


def did_you_mean(word: str, candidates) -> str:
    """' (did you mean 'x'?)' when a candidate is close to word, else ''."""
    close = difflib.get_close_matches(str(word), sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class FrontMatterError(ValueError):
    """A generated page whose front matter MkDocs would not read back as written: a builder bug."""
