"""Which registry places an imported article mentions: by name, by another name
(newsbuild/data/place_aliases.txt: США for United States), and in Russian or Kazakh in any case ending
('в Казахстане', 'Астанаға', 'в Вашингтоне'): a word whose sound (newsbuild/import_speakers.sound_key,
the same across scripts and transliterations) begins with the place name's, a few letters of ending
after it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .import_speakers import sound_key

ALIASES = Path(__file__).with_name("data") / "place_aliases.txt"
VOWELS = "aeiou"
LONGEST_ENDING = 5  # letters after the stem: Kazakh 'Алматыдағы', Russian 'Казахстане'
CYRILLIC_WORDS = re.compile(r"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*)*")


@functools.cache
def aliases() -> dict[str, tuple[str, ...]]:
    found = {}
    for line in ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            name, others = line.split("=", 1)
            found[name.strip()] = tuple(o.strip() for o in others.split(",") if o.strip())
    return found


def _named(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def _inflected(name: str, words: list[list[str]]) -> bool:
    """The name (one or more words) in a run of capitalised Cyrillic words, each word in some ending."""
    stems = [sound_key(part).rstrip(VOWELS) for part in name.split()]
    # too short a stem begins too many words: 'Asia' is 'as' ('Азии'), enough only after 'Central'
    if sum(len(stem) for stem in stems) < 5 or any(len(stem) < 2 for stem in stems):
        return False
    for run in words:
        for start in range(len(run) - len(stems) + 1):
            keys = [sound_key(word) for word in run[start : start + len(stems)]]
            if all(
                key.startswith(stem) and len(key) - len(stem) <= LONGEST_ENDING
                for key, stem in zip(keys, stems)
            ):
                return True
    return False


def mentioned_places(places, text: str) -> list[str]:
    """The ids of the places (registry entries) the text mentions, in registry order."""
    runs = [match.group().split() for match in CYRILLIC_WORDS.finditer(text)]
    return [
        place.id
        for place in places
        if any(_named(name, text) or _inflected(name, runs) for name in place.spellings)
        or any(_named(alias, text) for alias in aliases().get(place.name, ()))
    ]
