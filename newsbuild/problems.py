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
        return f"{self.path}:{self.line}:{self.column}: {field}: {self.message}"


class SourceError(Exception):
    """Raised with every problem of a run, so they are reported together."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the source")
        self.problems = sorted(problems)


def did_you_mean(word: str, candidates) -> str:
    """' (did you mean 'x'?)' when a candidate is close to word, else ''."""
    close = difflib.get_close_matches(str(word), sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
