"""Plain-text article → a draft article in the source format.

The importer does the mechanical part of structuring an article: the headline, a date line, a byline,
photo captions and credits, the dateline, paragraphs and direct quotes with their speakers. What needs
judgement is left as placeholders ("FILL IN: …") that `build_pages.py check` reports; speakers not in the
registry are proposed as new people. It never rewrites the article's words: the draft's parts joined
back in the order of their lines give the input text, word for word (see `rejoin`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from . import import_head as head
from . import import_interview
from .import_language import detect_language
from .import_places import mentioned_places
from .import_quotes import CLOSERS, DASH_LEAD, SAY, Quote, is_open_at_end, segment
from .import_speakers import Proposals, Speakers, slug, whole_words
from .load import decode
from .model import PLACEHOLDER
from .problems import Problem, SourceError


@dataclass
class Photo:
    line: int
    caption: str | None  # None: a credit with no caption
    label: str  # "Photo credit:", "Photo by … ©": kept so that nothing of the text is lost
    credit: str


@dataclass
class Draft:
    id: str
    title: str
    title_line: int
    publication: str | None = None
    language: str | None = None  # told from the headline and body (newsbuild/import_language.py)
    published: str | None = None  # from a date line, at its precision
    time: str | None = None  # HH:MM from the date line, when it gives one
    updated: str | None = None  # from an 'Updated: …' line
    dateline: str | None = None
    dateline_line: int | None = None
    agency: str | None = None  # 'KAZINFORM' in 'PAVLODAR. KAZINFORM – …'
    dateline_written: str | None = (
        None  # 'ALMATY, June 5 (Reuters)': the dateline as the text has it
    )
    author: str | None = None
    # the date line and byline as written
    head_lines: list[tuple[int, str]] = field(default_factory=list)
    media: list[Photo] = field(default_factory=list)
    body: list[dict] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)  # the line each block starts on
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    possible_themes: list[str] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    signed_off: tuple[int, str] | None = None  # '(Trend)' ending the last paragraph, removed too
    # ProposedPerson first proposed by this draft
    proposed_people: list = field(default_factory=list)
    proposed_organizations: list = field(default_factory=list)

    @property
    def quotes(self) -> list[dict]:
        return [block for block in self.body if "quote" in block]


def read_text(path: str, raw: bytes) -> str:
    """The file as text, or a SourceError that says why it is not an article."""
    if b"\x00" in raw:
        raise SourceError(
            [Problem(path, 1, 1, "", "this is not a text file (it contains NUL bytes)")]
        )
    text = decode(path, raw)
    if not text.strip():
        raise SourceError(
            [Problem(path, 1, 1, "", "the file is empty: there is no article to import")]
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def unique_id(title: str, taken: set[str]) -> str:
    base = slug(title, limit=60) or "article"
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def _units(text: str) -> list[tuple[int, int, str]]:
    """(line number, paragraph number, text) of each non-empty line; blank lines separate paragraphs."""
    units, paragraph = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            units.append((number, paragraph, line.strip()))
        else:
            paragraph += 1
    return units


# fewer words: a section name, a kicker, a masthead ('Breaking News', 'Department of State')
HEADLINE_WORDS = 5


def _same_words(line: str, other: str) -> bool:
    return re.findall(r"\w+", line.casefold()) == re.findall(r"\w+", other.casefold())


def _one_word(line: str) -> bool:
    """A line of one word and no sentence's end: a button, a rubric, a counter, never a paragraph."""
    return len(line.split()) == 1 and line[-1:] not in ".!?…»”\"'"


def _running_text(line: str) -> bool:
    """A paragraph of the article's text: a sentence of some length, not a line of the page's head."""
    return len(line.split()) >= 8 and bool(re.search(r"[.!?…][»”\")]?(\s|$)", line))


def _headline_number(units, credits) -> int | None:
    """The line of the headline: a line of the head with HEADLINE_WORDS words or more that does not end
    as a sentence does, and is no date line, byline, credit or boilerplate; of several, the one right
    above a date line (menus come first on some pages), else the first. None when there is no such line
    before the running text begins: the first line is then the headline."""
    lines = [
        (n, line) for n, _, line in units if n not in credits and not head.is_boilerplate(line)
    ]
    candidates = []
    for index, (number, line) in enumerate(lines):
        if _running_text(line):
            break
        if (
            sum(any(c.isalpha() for c in word) for word in line.split()) >= HEADLINE_WORDS
            and not line.endswith((".", "!", ":", ","))
            and not head.byline(line)
            and not head.date_line_with_labels(line)
        ):
            following = lines[index + 1][1] if index + 1 < len(lines) else ""
            if head.date_line_with_labels(following):
                return number
            candidates.append(number)
    return candidates[0] if candidates else None


def _captions(units) -> dict[int, head.Credit]:
    """Credits by line number: a credit alone on the line after its caption, in the same paragraph, takes
    that line as its caption (the caption's line maps to None)."""
    credits: dict[int, head.Credit | None] = {}
    for index, (number, paragraph, text) in enumerate(units):
        found = head.credit(text)
        if not found:
            continue
        previous = units[index - 1] if index else None
        if (
            not found.caption
            and previous
            and previous[1] == paragraph
            and previous[0] not in credits
        ):
            found = head.Credit(previous[2], found.label, found.credit)
            credits[previous[0]] = None
        credits[number] = found
    return credits


def _mentioned(entities, text: str) -> list[str]:
    """The ids of the entries named in the text, by their name or a spelling of it in another language."""
    return [e.id for e in entities if any(whole_words(name).search(text) for name in e.spellings)]


def import_text(
    text: str,
    registries: dict,
    existing_ids=(),
    publication: str | None = None,
    proposals: Proposals | None = None,
) -> Draft:
    """Structure an article's text, using the registries to recognise people, places and so on.

    `proposals` is shared by the drafts of one batch, so that each new person is proposed once.
    """
    proposals = proposals if proposals is not None else Proposals()
    units = _units(text)
    credits = _captions(units)
    places = head.place_names(p.name for p in registries["places"].values())
    draft: Draft | None = None
    head_lines: list[tuple[int, str]] = []
    removed, media = [], []
    published = updated = time = author = dateline = None
    dateline_line = None
    body_units = []
    body_begun = False  # a paragraph of running text: no date line, byline or dateline after it
    signed_off = None
    headline = _headline_number(units, credits)
    for number, paragraph_number, line in units:
        glued = head.GLUED_DATE.match(line)
        if glued and published is None and _running_text(line[glued.end() :]):
            found_date = head.date_line(glued.group())
            if found_date:
                published, time = found_date.date, found_date.time
                head_lines.append((number, glued.group()))
                line = line[glued.end() :]
        if number in credits:
            found = credits[number]
            if found:
                media.append(Photo(number, found.caption or None, found.label, found.credit))
        elif head.is_boilerplate(line):
            removed.append((number, line))
        elif draft is not None and _same_words(line, draft.title):
            removed.append((number, line))  # the headline again, as pages repeat it
        elif body_units and body_units[-1][2] == line:
            # a caption the page repeats on the next line (its image's alt text, then its caption)
            first, _, caption = body_units.pop()
            media.append(Photo(first, caption, "", ""))
            removed.append((number, line))
            body_begun = any(_running_text(unit[2]) for unit in body_units)
        elif body_begun:
            if _one_word(line):  # a button or a section name: 'ТОЛЫҒЫРАҚ', 'Interview'
                removed.append((number, line))
            else:
                body_units.append((number, paragraph_number, line))
        elif (found_date := head.date_line_with_labels(line)) and (
            updated if found_date.updated else published
        ) is None:
            if found_date.updated:
                updated = found_date.date
            else:
                published, time = found_date.date, found_date.time
            head_lines.append((number, line))
            # 'INTERVIEW Алексей Дорохов 14 апреля, 2017 09:30': the byline beside the date
            author = author or head.name_beside_date(line, places)
        elif author is None and (found_author := head.byline(line)):
            author = found_author
            head_lines.append((number, line))
        elif draft is None and headline is not None and number < headline:
            # a section name, a kicker, a masthead above the headline
            removed.append((number, line))
        elif draft is None:
            draft = Draft(id=unique_id(line, set(existing_ids)), title=line, title_line=number)
        elif (
            dateline is None
            and not body_units
            and (found_dateline := head.dateline_alone(line, places))
        ):
            dateline, dateline_line = found_dateline, number
        elif author is None and (found_author := head.name_line(line, places)):
            author = found_author  # a byline without a label: 'Ирина Волкова.'
            head_lines.append((number, line))
        elif _one_word(line) or head.is_tag_line(line) or head.is_bullet_label(line):
            removed.append((number, line))  # the page's head: rubrics, tags, outlet, counters
        else:
            body_units.append((number, paragraph_number, line))
            body_begun = _running_text(line)
    if body_units and (sign_off := head.AGENCY_SIGN_OFF.search(body_units[-1][2])):
        last, paragraph_number, text_of_last = body_units[-1]
        body_units[-1] = (last, paragraph_number, text_of_last[: sign_off.start()])
        signed_off = (last, sign_off.group().strip())
    if (
        author is None
        and body_units
        and not import_interview.SIGN_OFF.search(body_units[-1][2])  # an interviewer's credit
        and (signed := head.name_line(body_units[-1][2], places))
    ):
        author = signed  # a sign-off: the author's name on the last line ('Дана ЖУМАБЕК')
        head_lines.append(body_units.pop()[::2])
    if draft is None:
        draft = Draft(id="article", title=f"{PLACEHOLDER} headline", title_line=0)
    draft.published, draft.updated, draft.time = published, updated, time
    draft.author, draft.head_lines = author, head_lines
    draft.removed, draft.media, draft.signed_off = removed, media, signed_off
    draft.dateline, draft.dateline_line = dateline, dateline_line

    paragraphs = _join_open_quotes([(number, line) for number, _, line in body_units])
    if paragraphs and draft.dateline is None:
        found = head.split_dateline(paragraphs[0][1], places)
        if found:
            draft.dateline, draft.agency, draft.dateline_line = (
                found.place,
                found.agency,
                paragraphs[0][0],
            )
            draft.dateline_written = found.written
            paragraphs[0] = (paragraphs[0][0], found.rest)
            # 'Washington, April 24, 2024, The Europe Today:': the dateline dates the story
            dated = head.DATE_INSIDE.search(found.written)
            if draft.published is None and dated and (in_dateline := head.date_line(dated.group())):
                draft.published, draft.time = in_dateline.date, in_dateline.time

    not_people = {
        e.name
        for kind in ("places", "organizations", "publications", "themes")
        for e in registries[kind].values()
    } | set(head.built_in_places())
    speakers = Speakers(registries, proposals, not_people)
    speakers.start_article(text)
    before = (set(proposals.people), set(proposals.organizations))
    previous_speaker = None
    head_text = "\n".join([draft.title, *(line for _, line in head_lines)])
    interview = import_interview.find(paragraphs, head_text, author)
    previous_paragraph = None  # its verb of saying may name who speaks next
    for number, paragraph in paragraphs[: interview.start] if interview else paragraphs:
        pieces = segment(paragraph)
        if (
            previous_paragraph
            and pieces == [paragraph]
            and DASH_LEAD.match(paragraph)
            and _running_text(paragraph)  # not a list's item
            and (said_before := _said(previous_paragraph))
        ):
            # speech led by a dash with no attribution, after a paragraph that says who speaks:
            # 'Minister Ruslan Temirov said the government was ready …' then '– We have prepared …'
            quote = Quote(paragraph[DASH_LEAD.match(paragraph).end() :].strip())
            previous_speaker = speakers.resolve(said_before)
            draft.body.append(_quote_block(quote, previous_speaker))
            draft.body_lines.append(number)
            previous_paragraph = None
            continue
        previous_paragraph = paragraph
        for piece in pieces:
            if isinstance(piece, str):
                speakers.note(piece)
                draft.body.append({"paragraph": piece})
            else:
                previous_speaker = _speaker(piece, speakers, previous_speaker)
                draft.body.append(_quote_block(piece, previous_speaker))
            draft.body_lines.append(number)
    if interview:
        before_questions = [text for _, text in paragraphs[: interview.start]]
        # who answers: named in the headline or the introduction (not the byline's author)
        _interview_blocks(draft, interview, speakers, "\n".join([draft.title, *before_questions]))

    draft.proposed_people = [p for key, p in proposals.people.items() if key not in before[0]]
    draft.proposed_organizations = [
        o for key, o in proposals.organizations.items() if key not in before[1]
    ]
    # What the article says, without credits and boilerplate: a photo credit or a promo names no subject.
    article_text = "\n".join(
        [
            draft.title,
            *(photo.caption or "" for photo in draft.media),
            *(" ".join(str(v) for v in block.values()) for block in draft.body),
        ]
    )
    draft.language = detect_language(
        "\n".join([draft.title, *(_block_text(b) for b in draft.body)])
    )
    speaker_ids = [b["speaker"] for b in draft.quotes if not b["speaker"].startswith(PLACEHOLDER)]
    named = [
        person_id
        for person_id, _ in speakers.known_in(article_text)
        if person_id in registries["people"]
    ]
    draft.people = _unique(named + speaker_ids)
    employers = [proposals.people[s].organization for s in speaker_ids if s in proposals.people]
    draft.organizations = _unique(
        _mentioned(registries["organizations"].values(), article_text) + [e for e in employers if e]
    )
    draft.places = mentioned_places(registries["places"].values(), article_text)
    draft.possible_themes = [
        t.id
        for t in registries["themes"].values()
        if any(
            re.search(rf"\b{re.escape(word)}", article_text, re.I)
            for word in re.findall(r"[a-z]{5,}", t.name.lower())
        )
    ]
    draft.publication = publication or _publication(
        registries["publications"].values(),
        draft.agency,
        [text for _, text in draft.removed] + [article_text],
    )
    return draft


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _speaker(quote: Quote, speakers: Speakers, previous: str | None) -> str | None:
    """Who said a quote: named around it, else the speaker of the quote it continues or the last one named."""
    words = " ".join(filter(None, [quote.lead_in, quote.attribution]))
    if quote.continues and not words:
        return previous
    if words:
        return speakers.resolve(words)
    return speakers.last_named()  # a quoted sentence on its own


def _said(paragraph: str) -> str | None:
    """The paragraph's last sentence that has a verb of saying ('… he said, that …:'), if any."""
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    return next((s for s in reversed(sentences) if SAY.search(s)), None)


def _block_text(block: dict) -> str:
    return block.get("paragraph") or block.get("question") or block["quote"]


def _interview_blocks(draft: Draft, interview, speakers: Speakers, head_text: str) -> None:
    """Questions as question blocks, answers as the interviewee's quotes; labels and the closing credit
    among the removals (so the draft still holds every word)."""
    interviewee = speakers.interviewee(interview.answer_label, head_text)
    for turn in interview.turns:
        if turn.label:
            draft.removed.append((turn.line, turn.label.strip()))
        if turn.kind == "label":
            continue  # a speaker's label on its own line: among the removals only
        if turn.kind == "question":
            block = {"question": turn.text}
            if interview.interviewer:
                block["interviewer"] = interview.interviewer
        else:
            block = {
                "quote": turn.text,
                "speaker": interviewee
                or f"{PLACEHOLDER} who answers (a person id from source/people.yaml)",
            }
        draft.body.append(block)
        draft.body_lines.append(turn.line)
    if interview.sign_off:
        draft.removed.append(interview.sign_off)
        draft.author = draft.author or interview.interviewer  # who interviewed wrote it up


def _quote_block(quote: Quote, speaker: str | None) -> dict:
    block = {
        "quote": quote.text,
        "speaker": speaker or f"{PLACEHOLDER} who said this (a person id from source/people.yaml)",
    }
    if quote.lead_in:
        block["lead_in"] = quote.lead_in
    if quote.attribution:
        block["attribution"] = quote.attribution
    return block


def _publication(publications, agency: str | None, texts: list[str]) -> str | None:
    """The publication the dateline's agency names ('KAZINFORM'), else the first one the publisher's
    boilerplate or the article names."""
    for publication in publications:
        if agency and agency.lower() in (
            publication.name.lower(),
            publication.id.replace("-", " "),
        ):
            return publication.id
    for text in texts:
        found = [p.id for p in publications if p.name in text]
        if found:
            return found[0]
    return None


def _join_open_quotes(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A quote running over several paragraphs (each opens with a mark, only the last closes) is one."""
    joined: list[tuple[int, str]] = []
    for number, text in paragraphs:
        if joined and is_open_at_end(joined[-1][1]) and text[:1] in CLOSERS:
            first_number, first_text = joined.pop()
            joined.append((first_number, first_text + "\n\n" + text))
        else:
            joined.append((number, text))
    return joined


def rejoin(draft: Draft) -> str:
    """The text the draft holds, every part at its line: headline, date line, byline, captions and credits,
    the dateline, the blocks and the removed boilerplate. Equal to the input, word for word."""
    pieces = [(draft.title_line, draft.title), *draft.head_lines, *draft.removed]
    pieces += [
        (photo.line, " ".join(filter(None, [photo.caption, photo.label, photo.credit])))
        for photo in draft.media
    ]
    if draft.dateline:
        pieces.append((draft.dateline_line, draft.dateline_written or draft.dateline))
    for number, block in zip(draft.body_lines, draft.body):
        if "paragraph" in block or "question" in block:
            pieces.append((number, block.get("paragraph") or block["question"]))
        else:
            pieces.append(
                (
                    number,
                    " ".join(
                        filter(
                            None,
                            [block.get("lead_in"), f"“{block['quote']}”", block.get("attribution")],
                        )
                    ),
                )
            )
    if draft.signed_off:  # after the words of its line
        pieces.append((draft.signed_off[0] + 0.5, draft.signed_off[1]))
    return "\n".join(text for _, text in sorted(pieces, key=lambda piece: piece[0]))


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _published(draft: Draft, zone: str | None) -> tuple[str, str | None]:
    """The published value and, when the text gives a time but no zone was given, a comment about it."""
    if draft.published is None:
        return _yaml(PLACEHOLDER + " publication date: 2023, 2023-08 or 2023-08-14"), None
    if draft.time and zone:
        return f"{draft.published}T{draft.time}{zone}", None
    if draft.time:
        return draft.published, (
            f"# The text gives the time {draft.time} without a zone: write "
            f"{draft.published}T{draft.time}+05:00 (for example) or import with --zone."
        )
    return draft.published, None


def to_yaml(draft: Draft, zone: str | None = None, with_proposals: bool = True) -> str:
    """The draft as an article file; placeholders say what the editor must still decide."""
    published, note = _published(draft, zone)
    lines = [
        "# yaml-language-server: $schema=../../schema/article.schema.json",
        f"# Draft made by `build_pages.py import`. Replace every '{PLACEHOLDER} …' value, then run `make check`.",
        f"title: {_yaml(draft.title)}",
        f"publication: {draft.publication or _yaml(PLACEHOLDER + ' publication id from source/publications.yaml')}",
        (
            f"language: {draft.language}"
            if draft.language
            else "# language: not told from the text; add one (en, ru, kk …) if it is not the site's"
        ),
        *([note] if note else []),
        f"published: {published}",
        *([f"updated: {draft.updated}"] if draft.updated else []),
        *([f"author: {_yaml(draft.author)}"] if draft.author else []),
        *(
            [f"# The dateline as written: {draft.dateline_written}"]
            if draft.dateline_written and draft.dateline_written != draft.dateline
            else []
        ),
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
        for photo in draft.media:
            caption = photo.caption or PLACEHOLDER + " caption (the text gives only the credit)"
            lines += [
                "  - kind: photo",
                f"    caption: {_yaml(caption)}",
                f"    credit: {_yaml(photo.credit or PLACEHOLDER + ' credit (the text gives none)')}",
                "    # image: 2024/photo.jpg  (the photo's file under source/media/, if you have it; then alt: what it shows)",
            ]
    lines.append("body:")
    if not draft.body:
        lines.append(
            f"  - paragraph: {_yaml(PLACEHOLDER + ' the text of the article (the input has only a headline)')}"
        )
    for block in draft.body:
        if "paragraph" in block:
            lines.append(f"  - paragraph: {_yaml(block['paragraph'])}")
            continue
        if "question" in block:
            lines.append(f"  - question: {_yaml(block['question'])}")
            if "interviewer" in block:
                lines.append(f"    interviewer: {_yaml(block['interviewer'])}")
            continue
        lines.append(f"  - quote: {_yaml(block['quote'])}")
        lines.append(
            f"    speaker: {_yaml(block['speaker']) if block['speaker'].startswith(PLACEHOLDER) else block['speaker']}"
        )
        for key in ("lead_in", "attribution"):
            if key in block:
                lines.append(f"    {key}: {_yaml(block[key])}")
    if with_proposals:
        lines += proposals_yaml(draft.proposed_people, draft.proposed_organizations, comment=True)
    return "\n".join(lines) + "\n"


def proposals_yaml(people, organizations, comment: bool = False) -> list[str]:
    """Registry entries for proposed people and organizations: commented in a draft, plain for --add-people."""
    mark = "# " if comment else ""
    lines = []
    if people:
        if comment:
            lines.append(
                "# Proposed for source/people.yaml (speakers not in the registry; review them, "
                "or import with --add-people):"
            )
        for person in people:
            lines += [
                f"{mark}{person.id}:",
                f"{mark}  name: {_yaml(person.name)}",
                f"{mark}  role: {_yaml(person.role)}",
            ]
    if organizations:
        if comment:
            lines.append(
                "# Proposed for source/organizations.yaml (speakers' employers; review them, "
                "or import with --add-people):"
            )
        for organization in organizations:
            lines += [
                f"{mark}{organization.id}:",
                f"{mark}  name: {_yaml(organization.name)}",
                f"{mark}  description: {_yaml(PLACEHOLDER + ' what ' + organization.name + ' is')}",
            ]
    return lines
