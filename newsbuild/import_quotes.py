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

# Opening mark → the closing marks it accepts ("„…“" in German and Russian, "„…”" in Polish).
CLOSERS = {"“": "”", "«": "»", "„": "“”", '"': '"'}
SAY_VERBS = (
    r"said|says|say|added|adds|noted|notes|stated|states|explained|explains|stressed|stresses|emphasized|emphasised"
    r"|emphasizes|emphasises|told|tells|continued|concluded|remarked|underlined|underscored|highlighted|pointed out"
    r"|asked|replied|answered|commented|insisted|warned|recalled|acknowledged|admitted|announced|declared|observed"
    r"|wrote|according to|сказал|сказала|отметил|отметила|заявил|заявила|добавил|добавила|подчеркнул|подчеркнула"
    r"|пояснил|пояснила|сообщил|сообщила|рассказал|рассказала|считает|деді|айтты|атап өтті|мәлімдеді"
)
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
    """Top-level quotations: marks of another kind nest inside ('«… „…“ …»'); the same curly kind never does."""
    found, stack, start = [], [], 0
    for index, char in enumerate(text):
        if stack and char in CLOSERS[stack[-1]] and _closes(text, index, stack[-1]):
            stack.pop()
            if not stack:
                found.append(Span(start, index + 1, True))
            continue
        if char in CLOSERS and _opens(text, index) and (not stack or char not in (stack[0], '"')):
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


def segment(paragraph: str) -> list[str | Quote]:
    """The paragraph as narrative text (str) and direct quotes, in order, together holding every word."""
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
