"""Plain-text article → a draft article in the source format.

The importer does the mechanical part of structuring an article and leaves
what needs judgement as placeholders ("FILL IN: …") that `build_pages.py
check` reports. It never rewrites the article's words: the draft's title,
captions and blocks joined back give the input text, less the publisher
boilerplate it removed and reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .load import decode
from .model import PLACEHOLDER, Entity
from .problems import Problem, SourceError

QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
SAY_VERBS = r"(?:сказал|сказала|отметил|отметила|заявил|заявила|добавил|добавила|said|says|added|adds|noted|notes|stated|states|explained|explains|stressed|stresses|emphasized|emphasised|told|continued|concluded|remarked|underlined|highlighted)"
PRONOUN_OR_TITLE = re.compile(r"^(?:he|she|they|the\s+\w+(?:\s+\w+)?)\s+" + SAY_VERBS + r"\b|" + SAY_VERBS + r"\s+(?:he|she|the\s+\w+)\b", re.I)
CAPTION = re.compile(r"^(?P<caption>.*?)\s*(?P<label>Photo credit|Photo|Credit)\s*:\s*(?P<credit>.+?)\.?\s*$", re.I)
BOILERPLATE = [
    re.compile(r"\b(sign up|subscribe|follow us)\b.*\b(newsletter|website|twitter|facebook|instagram|telegram|youtube|tiktok|linkedin)\b", re.I),
    re.compile(r"\bstories sent (directly )?to you\b", re.I),
    re.compile(r"^\s*(read more|related)\s*:", re.I),
]
DASHES = "–—-"
LEAD_IN_QUOTE = re.compile(r"^(?P<lead>.{1,160}?\b" + SAY_VERBS + r"\b[^“\"«„]{0,60}?:?)\s*(?P<open>[“\"«„])(?P<inner>.+)(?P<close>[”\"»“])\s*$", re.I | re.S)


@dataclass
class QuoteParts:
    text: str
    lead_in: str | None = None
    attribution: str | None = None


@dataclass
class Draft:
    id: str
    title: str
    dateline: str | None
    publication: str | None
    media: list[dict] = field(default_factory=list)
    body: list[dict] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    possible_themes: list[str] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)


def read_text(path: str, raw: bytes) -> str:
    """The file as text, or a SourceError that says why it is not an article."""
    if b"\x00" in raw:
        raise SourceError([Problem(path, 1, 1, "", "this is not a text file (it contains NUL bytes)")])
    text = decode(path, raw)
    if not text.strip():
        raise SourceError([Problem(path, 1, 1, "", "the file is empty: there is no article to import")])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def slug(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    result = ""
    for word in words:
        if len(result) + len(word) + 1 > limit:
            break
        result = f"{result}-{word}" if result else word
    return result or "article"


def unique_id(title: str, taken: set[str]) -> str:
    base = slug(title)
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def split_dateline(paragraph: str, places: list[Entity]) -> tuple[str | None, str]:
    """('ASTANA', 'Last year …') from 'ASTANALast year …' or 'ASTANA – Last year …'."""
    for place in sorted(places, key=lambda p: -len(p.name)):
        upper = place.name.upper()
        if paragraph.startswith(upper) and len(paragraph) > len(upper) and not paragraph[len(upper)].islower():
            rest = paragraph[len(upper):]
            stripped = rest.lstrip()
            if stripped[:1] in DASHES:
                stripped = stripped[1:].lstrip()
            if stripped:
                return upper, stripped
    run = 0
    while run < len(paragraph) and (paragraph[run].isupper() or paragraph[run] in " .'’"):
        run += 1
    caps = paragraph[:run]
    rest = paragraph[run:]
    if rest[:1].islower() and len(caps.rstrip()) >= 3 and caps[-1].isupper():
        # Glued: "ASTANALast year" — the last capital starts the first word.
        return caps[:-1].strip(), caps[-1] + rest
    after = rest.lstrip()
    if after[:1] in DASHES and len(caps.strip()) >= 2 and caps.strip().replace(" ", "").replace(".", "").isupper():
        return caps.strip(), after[1:].lstrip()
    return None, paragraph


def quote_parts(paragraph: str) -> QuoteParts | None:
    """A paragraph that is a direct quote, with the words around it; None for other paragraphs."""
    text = paragraph.strip()
    closing = QUOTE_PAIRS.get(text[:1])
    if closing:
        close = text.rfind(closing)
        if close <= 0:
            return None
        inner, after = text[1:close], text[close + 1:].strip()
        if after and not re.search(SAY_VERBS, after, re.I):
            return None  # words after the quote that are not an attribution: keep it a paragraph
        return QuoteParts(inner, attribution=after or None)
    match = LEAD_IN_QUOTE.match(text)
    if match and match.group("close") == QUOTE_PAIRS[match.group("open")]:
        return QuoteParts(match.group("inner"), lead_in=match.group("lead").strip())
    return None


def find_speaker(words: str, people: list[Entity], previous: str | None) -> str | None:
    """The person an attribution names (full name, then surname), or the previous speaker for 'he said'."""
    for person in sorted(people, key=lambda p: -len(p.name)):
        if person.name in words:
            return person.id
    for person in people:
        surname = person.name.split()[-1]
        if re.search(rf"\b{re.escape(surname)}\b", words):
            return person.id
    if previous and PRONOUN_OR_TITLE.search(words):
        return previous
    return None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their line numbers; each line of the text is a paragraph."""
    return [(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]


def _join_open_quotes(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A quote whose closing mark comes in a later paragraph becomes one paragraph."""
    joined: list[tuple[int, str]] = []
    closing = None
    for number, text in paragraphs:
        if closing:
            first_number, first_text = joined.pop()
            joined.append((first_number, first_text + "\n\n" + text))
            if closing in text[1:]:
                closing = None
            continue
        joined.append((number, text))
        mark = QUOTE_PAIRS.get(text[:1])
        if mark and mark not in text[1:]:
            closing = mark
    return joined


def mentioned(entities: list[Entity], text: str) -> list[str]:
    return [e.id for e in entities if re.search(rf"(?<!\w){re.escape(e.name)}(?!\w)", text)]


def import_text(text: str, registries: dict, existing_ids=(), publication: str | None = None) -> Draft:
    """Structure an article's text, using the registries to recognise people, places and so on."""
    paragraphs = _paragraphs(text)
    title = paragraphs[0][1]
    draft = Draft(id=unique_id(title, set(existing_ids)), title=title, dateline=None, publication=publication)
    people = list(registries["people"].values())

    kept = []
    for number, paragraph in paragraphs[1:]:
        if any(pattern.search(paragraph) for pattern in BOILERPLATE):
            draft.removed.append((number, paragraph))
            continue
        caption = CAPTION.match(paragraph)
        if caption and caption.group("caption"):
            draft.media.append({"kind": "photo", "caption": caption.group("caption"), "credit": caption.group("credit")})
            continue
        kept.append((number, paragraph))

    previous_speaker = None
    for index, (number, paragraph) in enumerate(_join_open_quotes(kept)):
        if index == 0:
            draft.dateline, paragraph = split_dateline(paragraph, list(registries["places"].values()))
        parts = quote_parts(paragraph)
        if parts is None:
            draft.body.append({"paragraph": paragraph})
            continue
        words = " ".join(filter(None, [parts.lead_in, parts.attribution]))
        speaker = find_speaker(words, people, previous_speaker) if words else previous_speaker
        block = {"quote": parts.text, "speaker": speaker or f"{PLACEHOLDER} who said this (a person id from source/people.yaml)"}
        if parts.lead_in:
            block["lead_in"] = parts.lead_in
        if parts.attribution:
            block["attribution"] = parts.attribution
        draft.body.append(block)
        previous_speaker = speaker or previous_speaker

    full_text = text
    draft.people = mentioned(people, full_text)
    draft.organizations = mentioned(list(registries["organizations"].values()), full_text)
    draft.places = mentioned(list(registries["places"].values()), full_text)
    draft.possible_themes = [
        t.id for t in registries["themes"].values()
        if any(re.search(rf"\b{re.escape(word)}", full_text, re.I) for word in re.findall(r"[a-z]{5,}", t.name.lower()))
    ]
    if draft.publication is None:
        found = [p.id for p in registries["publications"].values() if p.name in text]
        draft.publication = found[0] if found else None
    return draft


def rejoin_captions(draft: Draft) -> list[str]:
    """Each caption as a line of text, with its credit."""
    return [f"{item['caption']} Photo credit: {item['credit']}." for item in draft.media]


def rejoin(draft: Draft) -> str:
    """The article text the draft holds, captions aside: title, then the body, one paragraph a line."""
    lines = [draft.title]
    for index, block in enumerate(draft.body):
        if "paragraph" in block:
            text = block["paragraph"]
        else:
            text = " ".join(filter(None, [block.get("lead_in"), f"“{block['quote']}”", block.get("attribution")]))
        if index == 0 and draft.dateline:
            text = f"{draft.dateline} {text}"
        lines.append(text)
    return "\n".join(lines)


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def to_yaml(draft: Draft) -> str:
    """The draft as an article file; placeholders say what the editor must still decide."""
    lines = [
        "# yaml-language-server: $schema=../../schema/article.schema.json",
        f"# Draft made by `build_pages.py import`. Replace every '{PLACEHOLDER} …' value, then run `make check`.",
        f"title: {_yaml(draft.title)}",
        f"publication: {draft.publication or _yaml(PLACEHOLDER + ' publication id from source/publications.yaml')}",
        f"published: {_yaml(PLACEHOLDER + ' publication date: 2023, 2023-08 or 2023-08-14')}",
        f"dateline: {_yaml(draft.dateline or PLACEHOLDER + ' where the story was filed, e.g. ASTANA')}",
        f"source_url: {_yaml(PLACEHOLDER + ' address of the original article (https://…)')}",
        f"summary: {_yaml(PLACEHOLDER + ' one or two sentences for the lead')}",
        f"people: {_list(draft.people)}",
        f"organizations: {_list(draft.organizations)}",
        f"places: {_list(draft.places)}",
    ]
    if draft.possible_themes:
        lines.append(f"# Possible themes (keep those that fit): {', '.join(draft.possible_themes)}")
    lines.append("themes: []")
    if draft.media:
        lines.append("media:")
        for item in draft.media:
            lines += ["  - kind: photo", f"    caption: {_yaml(item['caption'])}", f"    credit: {_yaml(item['credit'])}"]
    lines.append("body:")
    for block in draft.body:
        if "paragraph" in block:
            lines.append(f"  - paragraph: {_yaml(block['paragraph'])}")
            continue
        lines.append(f"  - quote: {_yaml(block['quote'])}")
        lines.append(f"    speaker: {_yaml(block['speaker']) if block['speaker'].startswith(PLACEHOLDER) else block['speaker']}")
        for key in ("lead_in", "attribution"):
            if key in block:
                lines.append(f"    {key}: {_yaml(block[key])}")
    return "\n".join(lines) + "\n"
