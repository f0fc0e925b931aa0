"""Direct quotes in a paragraph of pasted text, for the importer.

A paragraph becomes a sequence of narrative text and quotes, nothing reworded: a quote is direct when its
speaker is named around it ('…,” said Hartley.', 'Minister Zhaksylykov said: «…»'), when it continues a
quote split around its attribution, or when it is a whole sentence of its own. A short phrase in quotation
marks inside a sentence stays in the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

# Opening mark → the closing marks it accepts ("„…“" in German and Russian, "„…”" in Polish).
CLOSERS = {"“": "”", "«": "»", "„": "“”", '"': '"'}
ATTRIBUTION_VERBS = Path(__file__).with_name("data") / "attribution_verbs.txt"


def attribution_verbs() -> dict[str, list[str]]:
    """Language → the verbs and verb phrases that attribute a quote (newsbuild/data/attribution_verbs.txt),
    Russian past forms in every gender and number, ё also as е."""
    verbs: dict[str, list[str]] = {}
    language = None
    for line in ATTRIBUTION_VERBS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            language = line[1:-1]
            continue
        forms = [line]
        if language == "ru" and line.endswith("лся"):
            forms += [line[:-3] + "лась", line[:-3] + "лись"]
        elif language == "ru" and line.endswith("л"):
            forms += [line + "а", line + "и"]
        forms += [form.replace("ё", "е") for form in forms if "ё" in form]
        verbs.setdefault(language, []).extend(forms)
    return verbs


# longest first: 'pointed out' before 'pointed', 'атап өтті' before 'өтті'
def trie_pattern(words) -> str:
    """One pattern for many words, as a trie: words that begin alike share their first letters, so a
    match is tried letter by letter, not word by word (a few hundred verbs, one alternative each, made
    every search slow). A space matches any run of spaces; a word that goes on is tried before its end."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        group = (
            branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
        )
        return group + "?" if "" in node else group

    return pattern(trie)


SAY_VERBS = trie_pattern(verb for verbs in attribution_verbs().values() for verb in verbs)
SAY = re.compile(rf"(?<!\w)(?:{SAY_VERBS})(?!\w)", re.I)
LEAD_IN_END = re.compile(rf"(?<!\w)(?:{SAY_VERBS})(?!\w)[^.!?“”\"«»„]{{0,80}}?[:,]?\s*$", re.I)
ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "gov",
    "sen",
    "rep",
    "prof",
    "jr",
    "sr",
    "no",
    "inc",
    "ltd",
    "co",
    "vs",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "г",
    "гг",
    "ж",
    "т.е",
    "им",
}


@dataclass
class Quote:
    text: str
    lead_in: str | None = None
    attribution: str | None = None
    continues: bool = False  # the second part of a quote split around its attribution: same speaker


@dataclass(frozen=True)
class Span:
    start: int  # index of the opening mark
    end: int  # index after the closing mark (the paragraph's length when it never closes)
    closed: bool


def spans(text: str) -> list[Span]:
    """Top-level quotations: marks of another kind nest inside ('«… „…“ …»'), and «…» in itself; the
    same English curly kind never does (a missing closing mark would swallow the rest)."""
    found, stack, start = [], [], 0
    for index, char in enumerate(text):
        if stack and char in CLOSERS[stack[-1]] and _closes(text, index, stack[-1]):
            stack.pop()
            if not stack:
                found.append(Span(start, index + 1, True))
            continue
        # «…» nests in itself in Russian and Kazakh papers ('«…офис «С5+1» рядом…»'): its marks differ
        if (
            char in CLOSERS
            and _opens(text, index)
            and (not stack or char not in (stack[0], '"') or char == "«")
        ):
            if not stack:
                start = index
            stack.append(char)
    if stack:
        found.append(Span(start, len(text), False))
    return found


def _opens(text: str, index: int) -> bool:
    if text[index] != '"':
        return True
    return (index == 0 or not text[index - 1].isalnum()) and text[
        index + 1 : index + 2
    ].strip() != ""


def _closes(text: str, index: int, opener: str) -> bool:
    return opener != '"' or not text[index + 1 : index + 2].isalnum()


def is_open_at_end(text: str) -> bool:
    """The paragraph's last quotation never closes: it continues in the next paragraph."""
    found = spans(text)
    return bool(found) and not found[-1].closed


SENTENCE_BREAK = re.compile(r"[.!?…](?:[”\"»’)])?\s+(?=[\w“\"«„(—–-])")
SENTENCE_STOP = re.compile(r"[.!?…](?:[”\"»’)])?(?=\s|$)")
WORD_BEFORE = re.compile(r"[\w.]+\Z")
LONGEST_ABBREVIATION = (
    32  # characters: the word before a stop is looked for this far back, no farther
)


def sentence_start(text: str, before: int) -> int:
    """Where the sentence holding position `before` begins (abbreviations such as 'U.S.' do not end one)."""
    starts = _sentence_starts(text)
    return starts[bisect.bisect_right(starts, before) - 1]


@functools.lru_cache(maxsize=8)
def _sentence_starts(text: str) -> list[int]:
    """0 and every position where a sentence of text begins, found once per text: a paragraph with many
    quotations asks for many, and finding them again each time made the import quadratic."""
    return [0] + [
        match.end()
        for match in SENTENCE_BREAK.finditer(text)
        if not _ends_abbreviation(text, match.start())
    ]


def _ends_abbreviation(text: str, stop: int, begin: int = 0) -> bool:
    """True if the full stop at `stop` ends an abbreviation ('U.S.', 'Gen.') or an initial, not a sentence
    (the word before it read from `begin` on)."""
    start = max(begin, stop - LONGEST_ABBREVIATION)
    word = WORD_BEFORE.search(text, start, stop)
    # none, or longer than any abbreviation
    if not word or (word.start() == start and start > begin):
        return False
    return word.group().lower().rstrip(".") in ABBREVIATIONS or len(word.group()) == 1


def sentence_end(text: str, after: int) -> int:
    """Index after the sentence that holds position `after`, or after its text up to the next quotation."""
    for match in SENTENCE_STOP.finditer(text, after):
        if _ends_abbreviation(text, match.start(), after):
            continue
        return match.end()
    return len(text)


def attribution_after(text: str, end: int) -> str | None:
    """', said Governor Tamara Olsen.' after a quotation, up to the end of that sentence or the next quotation."""
    stop = sentence_end(text, end)
    following = [s.start for s in spans(text[end:stop])]
    if following:
        stop = end + following[0]
    words = text[end:stop]
    candidate = words.lstrip(" ,;—–-\u00a0")
    if not candidate or not SAY.search(" ".join(candidate.split()[:7])):
        return None
    return words


# A dash between spaces, or one leading a paragraph: how Russian and Kazakh papers set direct speech.
DASH_SEPARATOR = re.compile(r"\s[–—―-]\s+")
DASH_LEAD = re.compile(r"\s*[–—―-]\s+(?=\S)")


def dash_speech(paragraph: str) -> list[str | Quote] | None:
    """A paragraph of direct speech led by a dash, its attribution between dashes ('– Наши страны…, –
    подчеркнул дипломат. – Это наш общий капитал.'): the speech as quotes (the part after the attribution
    continuing the first), any narrative after the attribution's sentence as text. None if the
    paragraph is not that: no leading dash, or no dash followed by a verb of saying."""
    lead = DASH_LEAD.match(paragraph)
    if not lead:
        return None
    for separator in DASH_SEPARATOR.finditer(paragraph, lead.end()):
        words_start = separator.end()
        # the attribution runs to the end of its sentence or the next dash
        stop = sentence_end(paragraph, words_start)
        next_dash = DASH_SEPARATOR.search(paragraph, words_start)
        if next_dash and next_dash.start() < stop:
            stop = next_dash.start()
        if not SAY.search(" ".join(paragraph[words_start:stop].split()[:7])):
            continue
        speech = paragraph[lead.end() : separator.start()].strip().rstrip(",")
        attribution = paragraph[separator.start() : stop].strip()
        pieces: list[str | Quote] = [Quote(speech, attribution=attribution)]
        rest = paragraph[stop:]
        if DASH_LEAD.match(rest):
            more = dash_speech(rest)
            if more is None:
                more = [Quote(rest[DASH_LEAD.match(rest).end() :].strip(), continues=True)]
            elif isinstance(more[0], Quote) and not more[0].attribution:
                more[0].continues = True
            pieces += more
        elif rest.strip():
            pieces.append(rest.strip())
        return pieces if speech else None
    return None


def segment(paragraph: str) -> list[str | Quote]:
    """The paragraph as narrative text (str) and direct quotes, in order, together holding every word."""
    dashed = dash_speech(paragraph)
    if dashed:
        return dashed
    pieces: list[str | Quote] = []
    position = 0  # everything before it is in pieces
    previous_end = None  # end of the last direct quote's attribution, for a quote split around it
    for span in spans(paragraph):
        if span.start < position:
            continue
        quote = _direct_quote(paragraph, span, position, continues=previous_end == span.start)
        if quote is None:
            continue
        begin = (
            paragraph.rfind(quote.lead_in, position, span.start) if quote.lead_in else span.start
        )
        narrative = paragraph[position:begin].strip()
        if narrative:
            pieces.append(narrative)
        pieces.append(quote)
        position = span.end + len(quote.attribution or "")
        previous_end = _skip_space(paragraph, position)
        if quote.attribution:
            quote.attribution = quote.attribution.strip().lstrip(",; \u00a0").strip() or None
    rest = paragraph[position:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _direct_quote(text: str, span: Span, position: int, continues: bool) -> Quote | None:
    closing = 1 if span.closed else 0
    inner = text[span.start + 1 : span.end - closing]
    if not inner.strip():
        return None
    attribution = attribution_after(text, span.end) if span.closed else None
    start = max(sentence_start(text, span.start), position)
    before = text[start : span.start]
    lead_in = before.strip() if before.strip() and LEAD_IN_END.search(before) else None
    if before.strip() and not lead_in and not continues:
        return None  # a phrase in quotation marks inside a sentence
    tail = text[span.end + len(attribution or "") :].strip()
    if not attribution and tail[:1].islower():
        return None  # the sentence goes on after the closing mark: a phrase, not what someone said
    whole_sentence = (
        not before.strip()
        and (not tail or tail[0].isupper() or tail[0] in CLOSERS)
        and inner.rstrip()[-1:] in ".!?…,"
        and len(inner.split()) >= 4
    )
    if not (attribution or lead_in or continues or whole_sentence):
        return None
    return Quote(
        inner.strip(), lead_in=lead_in, attribution=attribution, continues=continues and not lead_in
    )
