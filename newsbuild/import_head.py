"""The lines of a pasted article that are not its body, for the importer.

Date lines, bylines, photo captions and credits, publisher boilerplate, and the dateline that opens the
first paragraph (or stands alone on the line before it). Each recogniser takes text and returns what it
found, or None: the importer decides where in the article to ask.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .import_speakers import sound_key

PLACE_NAMES = Path(__file__).with_name("data") / "place_names.txt"
DASHES = "–—-"

BOILERPLATE = [
    # .{0,120}, not .*: a prompt is one short sentence, and .* backtracks over a whole long line at every word
    re.compile(
        r"\b(sign up|subscribe|follow us|join us)\b.{0,120}?\b(newsletter|website|twitter|facebook|instagram|telegram|youtube|tiktok|linkedin|whatsapp|channel)\b",
        re.I,
    ),
    re.compile(r"\bstories sent (directly )?to you\b", re.I),
    re.compile(
        r"^\s*(read more|read also|also read|see also|related|related articles|читайте также|также читайте|оқи отырыңыз)\s*[:：]",
        re.I,
    ),
    # view counters
    re.compile(r"^\s*(views?|просмотр(ов|ы)?|қаралым)\s*[:：]?\s*[\d\s.,]+$", re.I),
    re.compile(r"^\s*[\d\s.,]+\s*(views?|просмотр(ов|а)?)\s*$", re.I),
    re.compile(r"^\s*👁\s*[\d\s.,]+$"),
    re.compile(r"^\s*(tags?|теги|тэги|keywords)\s*[:：]", re.I),  # tag lists
    re.compile(
        r"^\s*(share( this( article)?)?|поделиться)\s*[:：]?\s*((facebook|twitter|x|telegram|whatsapp|vk|linkedin|email)[\s,|]*)*$",
        re.I,
    ),
    re.compile(r"\bCtrl\s*\+\s*Enter\b", re.I),
    # the same prompts in Russian and Kazakh
    re.compile(
        r"\b(подпишитесь|подписывайтесь|жазылыңыз|жазылыңдар)\b.{0,120}?"
        r"(канал|telegram|телеграм|youtube|instagram|facebook|whatsapp|рассылк|арна)",
        re.I,
    ),
    re.compile(r"^\s*(бөлісу|поделиться|share)\s*[:：]?\s*$", re.I),
    # press releases: the distributor's notes, the notes to editors, the contacts
    re.compile(
        r"^\s*(this (content|release|story) was (put out|issued|published|distributed) by|relayed by)\b",
        re.I,
    ),
    re.compile(
        r"^\s*(notes? to editors?|about the company|media contacts?|press contacts?|для справки|"
        r"справка|анықтама)\s*[:：]?\s*$",
        re.I,
    ),
    # related articles, comment forms, page controls
    re.compile(
        r"^\s*(статьи по теме|похожие статьи|другие новости|related (articles|stories|posts)|more stories|"
        r"добавить комментарий|оставить комментарий|пікір қалдыру|leave a (comment|reply)|"
        r"back to top( button)?|наверх)\s*[:：]?\s*$",
        re.I,
    ),
    re.compile(
        r"\b(ваш e-?mail (никто не увидит|не будет опубликован)|your email address will not be published)\b",
        re.I,
    ),
    # a publisher describing itself: 'STL.News is a digital news publication based in …'
    re.compile(
        r"^\s*\S{2,40}(\s\S+)?\s+is\s+an?\s+((independent|leading|digital|online|international)\s+)*"
        r"(news|media)\s+(publication|outlet|platform|site|website|agency|company)\b",
        re.I,
    ),
]

# "Photo credit: …", "Photo: …", "Photo by …©", "© …", "Фото: …": at the start of a line or after a sentence.
CREDIT = re.compile(
    r"(?:^|(?<=[.!?»”\")]\s)|(?<=[.!?»”\")]))\s*"
    r"(?P<label>Photo credit\s*[:：]|Photos? courtesy of|Photo by|Photos?\s*[:：]|Photograph\s*[:：]|Credit\s*[:：]"
    r"|Фото\s*[:：]|Фото\s+(?=\S)|Сурет\s*[:：]|©)"
    r"\s*(?P<credit>[^\n]{1,100}?)\s*$",
    re.I,
)
BYLINE = re.compile(
    r"^(?P<label>By|Автор\s*[:：]|Author\s*[:：]|Written by)\s+(?P<name>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\n]{1,80})$"
)
YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
PLACE_ABBREVIATION = re.compile(r"(?:\s+(?:[A-Z]\.){1,3})?")  # 'Washington D.C.'
# What wire services put between the place and the text, one detail at a time: ", Kazakhstan",
# ", June 5", ", 5 июня", ", 2024" …
WIRE_DETAIL = re.compile(
    r",\s*(?:[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*)?(?:\s+\d{1,2})?"
    r"|\d{1,2}\s+[A-Za-zА-Яа-яЁё]+(?:\s+\d{4})?|\d{4})"
)
# … then the agency: "(Reuters)", "/TASS/.", ". KAZINFORM –", ". Trend:".
CAPITAL = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"  # Latin, Russian and Kazakh capitals
AGENCIES = [
    re.compile(r"\.?\s*\((?P<agency>[^()]{2,30})\)\s*"),
    re.compile(r"[.,]?\s*/(?P<agency>[^/\s][^/]{1,29})/\.?\s*"),
    re.compile(
        rf"[.,]\s*(?P<agency>[{CAPITAL}0-9][\w.&'’-]*(?:\s[{CAPITAL}0-9][\w.&'’-]*){{0,2}})\s*(?=[–—:-])"
    ),
    # an outlet's address, then the text: 'Павлодар, BAQ.KZ. Бүгін …'
    re.compile(
        rf"[.,]\s*(?P<agency>[{CAPITAL}][\w&-]*\.(?:kz|KZ|ru|RU|com|COM|uz|UZ|kg|KG))\.?\s+(?=[{CAPITAL}])"
    ),
]
# the agency after the dash, before the text: 'АСТАНА, 14 наурыз – Sputnik. Мемлекет басшысы …'
AGENCY_AFTER_DASH = re.compile(
    rf"(?P<agency>[{CAPITAL}][\w&-]+(?:\s[{CAPITAL}][\w&-]+)?)\.\s+(?=[{CAPITAL}“\"«])"
)
NOT_AGENCIES = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "prof", "gov", "jr", "sr"}


DATE_LABEL = re.compile(
    r"^(?:(?P<updated>updated|last updated|обновлено)|published|posted|опубликовано|жарияланды)"
    r"\s*(?:on|at)?\s*[:：]?\s*",
    re.I,
)


@dataclass(frozen=True)
class DateLine:
    date: str  # at the precision the line gives: 2022, 2022-06 or 2022-06-05
    # HH:MM when the line gives a time (with no zone: the importer adds one only on request)
    time: str | None
    updated: bool = False  # 'Updated: 5 June 2022' rather than the publication date


@dataclass(frozen=True)
class Credit:
    caption: str  # the text before the credit label, "" for a credit alone
    label: str
    credit: str


@dataclass(frozen=True)
class Dateline:
    place: str
    agency: str | None
    rest: str  # the paragraph after the dateline and its separator
    written: str = ""  # the whole dateline as the text has it: 'ALMATY, June 5 (Reuters)'


def is_boilerplate(line: str) -> bool:
    return any(pattern.search(line) for pattern in BOILERPLATE)


@functools.cache
def _date_parser():
    # a second to import: only when a date line is likely
    from dateparser.date import (
        DateDataParser,
    )

    return DateDataParser(
        languages=["en", "ru", "kk"],
        settings={
            "DATE_ORDER": "DMY",
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": ["year"],
        },
    )


@functools.lru_cache(
    maxsize=1024
)  # the headline's search and the head's reading ask of the same lines
def date_line(line: str) -> DateLine | None:
    """'3 February 2021, 09:45', 'June 5, 2022', '05.06.2022', '5 июня 2022', '5 маусым 2022 ж.', 'Updated: …'."""
    label = DATE_LABEL.match(line.strip())
    text = line.strip()[label.end() :] if label else line.strip()
    updated = bool(label and label.group("updated"))
    if len(text) > 60 or len(text.split()) > 8 or not YEAR.search(text):
        return None
    data = _date_parser().get_date_data(text)
    if data.date_obj is None:
        return None
    moment = data.date_obj
    if data.period == "year":
        return DateLine(f"{moment.year:04d}", None, updated)
    if data.period == "month":
        return DateLine(f"{moment.year:04d}-{moment.month:02d}", None, updated)
    time = f"{moment.hour:02d}:{moment.minute:02d}" if data.period == "time" else None
    return DateLine(moment.date().isoformat(), time, updated)


# A date inside a longer line: numeric (05.06.2022, 10/24/2024, 2022-06-05) or with a month's name in
# English, Russian or Kazakh (5 June 2022, June 5, 2022, Oct. 5, 2019, 23 декабря 2025), a time beside it
MONTH_WORD = r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,10}\.?"
TIME = r"\d{1,2}:\d{2}"
DATE_INSIDE = re.compile(
    rf"(?:{TIME},?\s*)?"
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\s+{MONTH_WORD},?\s+\d{{4}}|{MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"(?!\d)(?:,?\s*{TIME})?"
)
# a date and time glued to the first paragraph's first word: '06.12.2024, 18:40Қазақстан президенті …'
GLUED_DATE = re.compile(rf"(?P<date>{DATE_INSIDE.pattern})(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
# an agency's name signing off the last paragraph: '… Nurpeisov said. (Trend)'
AGENCY_SIGN_OFF = re.compile(r"\s+\((?:[A-ZА-ЯЁ][\w.&-]*)(?:\s[A-ZА-ЯЁ][\w.&-]*){0,2}\)$")
FIELD_SEPARATORS = re.compile(r"[|•·/,;()]")
FIELD_WORDS = 4  # a label beside a date: 'Press release', 'Distributed by Public on', 'Бывший СССР'


def date_line_with_labels(line: str) -> DateLine | None:
    """A date line, or a line that begins or ends with a date and holds besides only short fields
    between separators: '10/24/2024 | Press release | Distributed by …', '17:51, 23 декабря
    2025Бывший СССР', '11.11.2025 13:52 (Мск) , Москва'. Not a sentence that mentions a date."""
    found = date_line(line)
    if found:
        return found
    text = line.strip()
    dates = list(DATE_INSIDE.finditer(text))
    if not dates or len(text.split()) > 16:
        return None
    if dates[0].start() != 0 and dates[-1].end() != len(text):
        return None
    rest = DATE_INSIDE.sub(" | ", text)
    if any(len(field.split()) > FIELD_WORDS for field in FIELD_SEPARATORS.split(rest)):
        return None
    return date_line(dates[0].group())


def is_tag_line(line: str) -> bool:
    """A rubric or tag line: three or more short items between commas, no sentence ('Казахстан,
    Политика, Средняя Азия, США')."""
    items = [item.strip() for item in line.split(",")]
    return (
        len(items) >= 3
        and all(0 < len(item.split()) <= 3 for item in items)
        and line.rstrip()[-1:] not in ".!?…"
    )


def is_bullet_label(line: str) -> bool:
    """A short line led by a bullet in a page's head: '• AstanaTV', '• 958'."""
    return line.lstrip()[:1] in "•·▪" and len(line.split()) <= 4


# A name alone on a line of the head, as many sites print their byline: 'Ирина Волкова.', 'Ирина
# Соколова (редактор отдела …)', 'Дана ЖУМАБЕК' (a surname in capitals)
NAME_LINE = re.compile(
    r"^(?P<name>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’-]+){1,2})\.?\s*"
    r"(?:\((?P<role>[^()]{2,80})\))?$"
)


def name_line(line: str, names: list[str]) -> str | None:
    """The name on a line that holds only a person's name (and a role in brackets), in title case;
    None for a line whose words include a place ('Егемен Қазақстан') or a publisher's shape."""
    match = NAME_LINE.match(line.strip())
    if not match:
        return None
    words = match.group("name").split()
    # a place, or an acronym ('СССР', 'FM'): a surname in capitals is longer
    if any(_names_place(word, names) or (word.isupper() and len(word) <= 4) for word in words):
        return None
    if any(not word.isalpha() and "-" not in word for word in words):
        return None
    return " ".join(w.capitalize() if len(w) > 1 and w.isupper() else w for w in words)


@functools.cache
def _place_sounds(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(sound_key(name)[:5] for name in names if " " not in name and len(name) >= 5)


def _names_place(word: str, names) -> bool:
    """A word that is (or begins as) a place's name, in any script: 'Қазақстан' for KAZAKHSTAN."""
    return len(word) >= 5 and sound_key(word)[:5] in _place_sounds(tuple(names))


def name_beside_date(line: str, names: list[str]) -> str | None:
    """A person's name in a date line's other fields, a kicker in capitals before it left out."""
    for field in FIELD_SEPARATORS.split(DATE_INSIDE.sub("|", line)):
        words = field.split()
        while words and words[0].isupper() and len(words[0]) > 1:
            words = words[1:]
        found = name_line(" ".join(words), names) if len(words) >= 2 else None
        if found:
            return found
    return None


def byline(line: str) -> str | None:
    """'By Dana Seitkazy' → 'Dana Seitkazy'."""
    match = BYLINE.match(line.strip())
    if (
        not match
        or len(match.group("name").split()) > 8
        or match.group("name").rstrip()[-1:] in ".!?"
    ):
        return None
    return match.group("name").strip()


def credit(line: str) -> Credit | None:
    """A photo caption with its credit, or a credit alone: 'Ministers meet. Photo: Kazinform.'."""
    match = CREDIT.search(line)
    if not match:
        return None
    name = match.group("credit").strip()
    label = match.group("label").strip()
    if name.endswith("©"):  # "Photo by Aidos Ospanov©": the sign is part of the label
        name, label = name[:-1].rstrip(), f"{label} ©"
    name = name.rstrip(".")
    if not name or len(name.split()) > 12:
        return None
    return Credit(line[: match.start()].strip(), label, name)


@functools.cache
def built_in_places() -> tuple[str, ...]:
    lines = PLACE_NAMES.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def place_names(registry_names) -> list[str]:
    """Upper-case place names, longest first so that 'UST-KAMENOGORSK' is tried before any shorter name."""
    names = {name.upper() for name in [*registry_names, *built_in_places()]}
    return sorted(names, key=lambda name: (-len(name), name))


def dateline_alone(line: str, names: list[str]) -> str | None:
    """'GENEVA' (or 'GENEVA –') on a line of its own."""
    text = line.strip().rstrip(DASHES + ",: ").strip()
    return text if text in names else None


def split_dateline(paragraph: str, names: list[str]) -> Dateline | None:
    """The dateline at the start of the first paragraph: a known place name first, then any capitals."""
    found = _split_dateline(paragraph, names)
    if found is None:
        return None
    written = (
        paragraph[: len(paragraph) - len(found.rest)].strip().rstrip(DASHES + ": \u00a0").strip()
    )
    return Dateline(found.place, found.agency, found.rest, written)


def _split_dateline(paragraph: str, names: list[str]) -> Dateline | None:
    for name in names:
        if paragraph.startswith(name):
            found = _after_place(name, paragraph[len(name) :], known=True)
            if found:
                return found
        elif (
            paragraph[: len(name)].upper() == name
            and not paragraph[len(name) : len(name) + 1].isalpha()
        ):
            # a known place in another case ('Washington, April 24, 2024, The Europe Today: …', 'Washington
            # D.C., 1 May 2023 (TDI): …'): only with a separator, since a sentence may begin with a place
            end = len(name) + len(PLACE_ABBREVIATION.match(paragraph, len(name)).group())
            found = _after_place(paragraph[:end], paragraph[end:], known=False)
            if found:
                return found
    run = 0
    while run < len(paragraph):
        char = paragraph[run]
        joins_words = (
            char in " -"
            and 0 < run
            and paragraph[run - 1] not in " -"
            and paragraph[run + 1 : run + 2].isupper()
        )
        if not (char.isupper() or char in ".'’" or joins_words):
            break
        run += 1
    caps = paragraph[:run]
    if len(caps.replace(" ", "").replace("-", "")) < 3:
        return None
    rest = paragraph[run:]
    if rest[:1].islower() and caps[-1].isupper() and " " not in caps[-2:]:
        # Glued to a first word the list does not know: "TARAZPolice" — its last capital starts the word.
        return Dateline(caps[:-1].strip(), None, caps[-1] + rest)
    return _after_place(caps, paragraph[len(caps) :], known=False)


def _after_place(place: str, rest: str, known: bool) -> Dateline | None:
    """What follows a dateline's place: wire details and an agency, a dash, or (known places) the first word."""
    ends, position = [], 0
    while detail := WIRE_DETAIL.match(rest, position):
        position = detail.end()
        ends.append(position)
    for end in reversed(ends):  # as many details as leave a separator after them
        found = _separator(place, rest[end:], after_details=True)
        if found:
            return found
    found = _separator(place, rest)
    if found or not known:
        return found
    stripped = rest.lstrip()
    if not stripped:
        return None
    first = stripped[0]
    if rest[:1].isspace() and (first.isupper() or first.isdigit() or first in '“"«„'):
        return Dateline(place, None, stripped)  # no separator: "GENEVA The talks…"
    if not rest[:1].isspace() and first.isupper() and (rest[1:2].islower() or rest[1:2] == " "):
        return Dateline(place, None, rest)  # glued: "SEMEYA new bridge…" is SEMEY + "A new bridge…"
    return None


def _separator(place: str, rest: str, after_details: bool = False) -> Dateline | None:
    """An agency and/or a dash (or a colon after an agency) between the dateline and the text; after
    wire details, a full stop too ('ASTANA, Kazakhstan, March 14. Three companies …')."""
    agency = None
    for pattern in AGENCIES:
        match = pattern.match(rest)
        if match:
            agency, rest = match.group("agency").strip(), rest[match.end() :]
            break
    stripped = rest.lstrip()
    dash = re.match(r"[–—-]{1,2}[ \u00a0]", stripped)  # '--' too, as press releases write a dash
    if dash:
        text = stripped[dash.end() :].strip()
        after = AGENCY_AFTER_DASH.match(text)
        if agency is None and after and after.group("agency").lower() not in NOT_AGENCIES:
            return Dateline(place, after.group("agency"), text[after.end() :])
        return Dateline(place, agency, text)
    if agency and stripped[:1] == ":":
        return Dateline(place, agency, stripped[1:].strip())
    if agency and stripped:
        return Dateline(place, agency, stripped)
    if after_details and re.match(r"\.\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ“\"«]", stripped):
        return Dateline(place, None, stripped[1:].strip())
    return None
