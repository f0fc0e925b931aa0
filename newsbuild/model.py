"""The validated corpus: typed records with every cross-reference resolved once."""

from __future__ import annotations

import calendar
import datetime
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from . import user_cache
from .languages import date_in, known_language
from .load import Document, SourceError, dotted, load
from .parallel import PARALLEL_FROM, fork_map
from .problems import Problem, did_you_mean
from .schema import validate, warm_up
from .state.fingerprints import content_digest
from .state.source_cache import SourceCache
from .stories import join_stories

ARTICLE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
MONTHS = [
    None,
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
REGISTRIES = ("publications", "people", "organizations", "places", "themes")


DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?\Z"
)
UTC = datetime.timezone.utc


# Any article's year: at the edges of Python's dates (1 and 9999), a time taken to UTC would overflow.
MIN_YEAR, MAX_YEAR = 1000, 9998


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, or a moment: a date with a time and its zone.

    year, month and day are the calendar date as the publisher gave it (in its own zone), so a
    listing files an article under the day its readers saw on it; comparisons use the moment.
    """

    year: int
    month: int = 0
    day: int = 0
    moment: datetime.datetime | None = None  # with its zone, when a time was given

    @classmethod
    def parse(cls, value, with_time: bool = False) -> "PartialDate":
        text = str(value)
        timed = DATE_TIME.match(text) if with_time else None
        if timed:
            return cls._parse_moment(timed)
        if with_time and re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            raise ValueError(
                "write the time as HH:MM or HH:MM:SS with its zone, e.g. 2025-06-01T09:30+06:00"
            )
        parts = [int(part) for part in text.split("-")]
        year, month, day = (parts + [0, 0])[:3]
        if len(parts) >= 2 and not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist: use 01 to 12")
        if len(parts) == 3 and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{MONTHS[month]} {year} has no day {day}")
        # beyond them, a time in UTC or a scheduled build would overflow
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
        return cls(year, month, day)

    @classmethod
    def _parse_moment(cls, match: re.Match) -> "PartialDate":
        date = cls.parse("-".join(match.group(1, 2, 3)))
        hour, minute, second = int(match[4]), int(match[5]), int(match[6] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(
                f"{match[4]}:{match[5]}{':' + match[6] if match[6] else ''} is not a time of day: "
                "use 00:00 to 23:59"
            )
        if not match[7]:
            raise ValueError(
                "a time needs its time zone: add Z for UTC or the publisher's offset, "
                f"e.g. {match[0]}+06:00"
            )
        offset = datetime.timedelta()
        if match[7] != "Z":
            hours, minutes = int(match[7][1:3]), int(match[7][4:6])
            if hours > 14 or minutes > 59:
                raise ValueError(
                    f"{match[7]} is not a time zone offset: use -12:00 to +14:00, or Z for UTC"
                )
            offset = (1 if match[7][0] == "+" else -1) * datetime.timedelta(
                hours=hours, minutes=minutes
            )
        zone = datetime.timezone(offset) if offset else UTC
        return cls(
            date.year,
            date.month,
            date.day,
            datetime.datetime(date.year, date.month, date.day, hour, minute, second, tzinfo=zone),
        )

    def earliest(self) -> datetime.datetime:
        """The first moment the date covers (UTC for a date alone): 2023-08 → 2023-08-01 00:00 UTC."""
        if self.moment:
            return self.moment
        return datetime.datetime(self.year, self.month or 1, self.day or 1, tzinfo=UTC)

    def latest(self) -> datetime.datetime:
        """The last moment the date covers: 2023-08 → 2023-08-31 23:59:59.999999 UTC."""
        if self.moment:
            return self.moment
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.datetime(self.year, month, day, tzinfo=UTC) + datetime.timedelta(
            days=1, microseconds=-1
        )

    @property
    def iso(self) -> str:
        """2023, 2023-08, 2023-08-14 or 2023-08-14T09:30:00+06:00: the date at its precision."""
        if self.moment:
            return self.moment.isoformat().replace("+00:00", "Z")
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @property
    def display(self) -> str:
        """'2023', 'August 2023' or '14 August 2023': the date alone, in English."""
        return self.display_in("en")

    def display_in(self, language: str) -> str:
        """display, as CLDR writes the date in a language: '12 марта 2024 г.', '2024 ж. 12 наурыз'."""
        return date_in(language, self.year, self.month, self.day)

    @property
    def display_with_time(self) -> str:
        """The date, and the time with its zone when one was given: '1 June 2025, 09:30 UTC+06:00'."""
        return self.display_with_time_in("en")

    def display_with_time_in(self, language: str) -> str:
        """display_with_time, the date as CLDR writes it in a language."""
        if not self.moment:
            return self.display_in(language)
        zone = self.moment.strftime("%z")
        zone = f"UTC{zone[:3]}:{zone[3:]}" if zone != "+0000" else "UTC"
        return f"{self.display_in(language)}, {self.moment:%H:%M} {zone}"

    @property
    def sort_key(self) -> tuple:
        """For newest-first order: by calendar date, then moment (timed before untimed on one day)."""
        return (
            -self.year,
            -self.month,
            -self.day,
            0 if self.moment else 1,
            -self.moment.timestamp() if self.moment else 0,
        )

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True, eq=False)
class Entity:
    """An entry of a registry: a person, organization, place, theme or publication.

    Compared and hashed by kind and id only: entities are dictionary keys everywhere.
    """

    kind: str
    id: str
    name: str
    description: str | None = None
    role: str | None = None
    role_since: PartialDate | None = None
    role_until: PartialDate | None = None
    url: str | None = None
    attribution: str | None = None
    # (language, name) of each other spelling: as articles in that language write the name
    names: tuple[tuple[str, str], ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """Its name and its other spellings, each once: what an article may call it by."""
        return tuple(dict.fromkeys((self.name, *(name for _, name in self.names))))

    def name_in(self, language: str | None) -> str:
        """The name as an article in a language writes it (de-CH: de's if it has none of its own)."""
        spellings = dict(self.names)
        if language:
            for tag in (language, language.split("-")[0]):
                if tag in spellings:
                    return spellings[tag]
        return self.name

    @property
    def page(self) -> str:
        """Path of this entity's page under docs/."""
        return f"{self.kind}/{self.id}.md"

    def __eq__(self, other) -> bool:
        return isinstance(other, Entity) and (self.kind, self.id) == (other.kind, other.id)

    def __hash__(self) -> int:
        return hash((self.kind, self.id))


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "quote" or "question" (an interviewer's, in an interview)
    text: str
    anchor: str
    themes: tuple[Entity, ...] = ()
    speaker: Entity | None = None
    lead_in: str | None = None
    attribution: str | None = None
    # set large beside the text too: True, False, or None (then the article's first quote is)
    pull: bool | None = None
    interviewer: str | None = None  # a question's asker as the page names them
    answer: bool = (
        False  # a quote that answers the question before it (or goes on with that answer)
    )


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    anchor: str
    number: float | None = None
    unit: str | None = None
    themes: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class Media:
    caption: str
    credit: str
    image: str | None = None  # path under source/media/
    alt: str | None = None
    location: tuple[str, int, int] = ("", 1, 1)  # of the image field, for problems with the file
    field: str = ""


@dataclass(frozen=True)
class Correction:
    date: PartialDate
    text: str


@dataclass(eq=False)  # compared and hashed by identity: one object per article
class Article:
    id: str
    source_path: str
    title: str
    publication: Entity
    published: PartialDate
    dateline: str
    source_url: str
    summary: str
    body: tuple[Block, ...]
    author: str | None = None
    language: str | None = None  # BCP 47; None: the site's (newsbuild/languages.py)
    interviewer: Entity | None = None
    medium: Entity | None = None
    people: tuple[Entity, ...] = ()
    organizations: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()
    themes: tuple[Entity, ...] = ()
    media: tuple[Media, ...] = ()
    facts: tuple[Fact, ...] = ()
    status: str = "published"  # or "draft", "withdrawn" (newsbuild/lifecycle.py)
    updated: PartialDate | None = None
    corrections: tuple[Correction, ...] = ()
    withdrawn_note: str | None = None
    translations: tuple[str, ...] = ()  # ids of other versions it names (newsbuild/stories.py)
    # every version of its story, itself too, by id (set by newsbuild/stories.py once all are read)
    story: tuple[str, ...] = ()
    digest: str = ""  # of the source file: pages showing this article change only when it does

    @property
    def modified(self) -> PartialDate:
        """The latest change: publication, update or correction."""
        dates = [
            self.published,
            *([self.updated] if self.updated else []),
            *(c.date for c in self.corrections),
        ]
        return max(dates, key=PartialDate.earliest)

    @property
    def page(self) -> str:
        return f"articles/{self.id}.md"

    @property
    def pull_quote_anchors(self) -> frozenset[str]:
        """The quotes also set large beside the text: those marked `pull: true`, else the first quote
        (unless it says `pull: false`). News pages pull out one or two, not every quote."""
        quotes = [block for block in self.body if block.kind == "quote"]
        marked = [block.anchor for block in quotes if block.pull]
        if marked:
            return frozenset(marked)
        return frozenset(b.anchor for b in quotes[:1] if b.pull is not False)

    @property
    def lead_photo(self) -> Media | None:
        """The first media entry that has a photo file: shown first, on cards and in link previews."""
        return next((m for m in self.media if m.image), None)

    @property
    def sort_key(self):
        """Newest first, then by id so equal dates keep a stable order."""
        return (*self.published.sort_key, self.id)

    @property
    def quotes(self) -> tuple[Block, ...]:
        return tuple(block for block in self.body if block.kind == "quote")

    @cached_property
    def all_people(self) -> tuple[Entity, ...]:
        """People named in refs, as speakers or as the interviewer, in that order."""
        found = (
            list(self.people)
            + [b.speaker for b in self.body if b.speaker]
            + ([self.interviewer] if self.interviewer else [])
        )
        return tuple(dict.fromkeys(found))

    @cached_property
    def all_organizations(self) -> tuple[Entity, ...]:
        return tuple(
            dict.fromkeys(list(self.organizations) + ([self.medium] if self.medium else []))
        )

    @cached_property
    def all_themes(self) -> tuple[Entity, ...]:
        """The article's themes, then those of its blocks and facts."""
        found = list(self.themes)
        for item in self.body + self.facts:
            found.extend(item.themes)
        return tuple(dict.fromkeys(found))


@dataclass
class Corpus:
    articles: list[Article]  # newest first
    registries: dict[str, dict[str, Entity]] = field(default_factory=dict)

    def entities(self, kind: str) -> list[Entity]:
        """A registry's entries in alphabetical order by the Unicode Collation Algorithm: Latin,
        accented and Cyrillic names each where a reader looks for them."""
        key = collation_key()
        return sorted(self.registries[kind].values(), key=lambda e: (key(e.name), e.id))


@lru_cache(maxsize=None)
def collation_key():
    return lru_cache(maxsize=None)(collator().sort_key)


def collator():
    """pyuca's collator (only when a build needs it). Reading its table is a large part of a small
    build, so the collator read is kept in a per-user cache (newsbuild/user_cache.py) by the digest of
    pyuca's code and table, and taken from there only if it is a collator."""
    import pickle

    import pyuca
    from pyuca import Collator

    cache = user_cache.folder("collation")
    if cache is None:
        return Collator()
    package = Path(pyuca.__file__).parent
    digest = hashlib.sha256(sys.version.encode())
    for part in sorted(package.glob("*.py")) + [package / f"allkeys-{Collator.UCA_VERSION}.txt"]:
        digest.update(f"{part.name} {part.stat().st_size} {part.stat().st_mtime_ns}".encode())
    entry = cache / f"{digest.hexdigest()}.pickle"

    def unpickled(data: bytes):
        kept = pickle.loads(data)
        return kept if type(kept) is Collator else None

    kept = user_cache.take(entry, unpickled)
    if kept is not None:
        return kept
    made = Collator()
    user_cache.remove_unused(cache)  # the tables of earlier versions
    user_cache.keep(entry, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
    return made


class Anchors:
    """The anchors of one article: derived from each block's own text, so they
    stay put when other blocks change; repeated text gets -2, -3 …"""

    def __init__(self):
        self.taken: set[str] = set()
        self.next_suffix: dict[str, int] = {}

    def claim(self, anchor: str) -> bool:
        """Take an explicit anchor; False if it is taken already."""
        if anchor in self.taken:
            return False
        self.taken.add(anchor)
        return True

    def derive(self, prefix: str, text: str) -> str:
        base = f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
        anchor = base
        while anchor in self.taken:
            suffix = self.next_suffix.get(base, 2)
            self.next_suffix[base] = suffix + 1
            anchor = f"{base}-{suffix}"
        self.taken.add(anchor)
        return anchor


class _ArticleReader:
    """Builds one Article from a parsed document, collecting problems.

    It also runs on documents the schema rejected, so that unknown references
    and impossible dates are reported in the same run; values of the wrong
    type are skipped here because the schema has reported them already.
    """

    def __init__(
        self,
        document: Document,
        registries: dict[str, dict[str, Entity]],
        schema_problems=(),
        article_ids: frozenset[str] | None = None,
    ):
        self.document = document
        self.registries = registries
        self.article_ids = article_ids  # the files of source/articles/; None: not checked
        self.problems: list[Problem] = []
        self.invalid = bool(schema_problems)
        self.reported = {p.field for p in schema_problems}

    def problem(self, field_path, message):
        problem = self.document.problem(field_path, message)
        if problem.field not in self.reported:
            self.problems.append(problem)

    def ref(self, kind: str, value: str, field_path) -> Entity | None:
        if not isinstance(value, str) or self.registries[kind] is None:
            return None  # wrong type or unreadable registry: reported already
        entity = self.registries[kind].get(value)
        if entity is None:
            self.problem(
                field_path,
                f"unknown {kind[:-1] if kind != 'people' else 'person'} '{value}'"
                f"{did_you_mean(value, self.registries[kind])}: add it to source/{kind}.yaml or fix the id",
            )
        return entity

    def refs(self, kind: str, values, field_path) -> tuple[Entity, ...]:
        if not isinstance(values, list):
            return ()
        found = (
            self.ref(kind, value, field_path + (index,)) for index, value in enumerate(values or ())
        )
        return tuple(entity for entity in found if entity)

    def date(self, value, field_path) -> PartialDate | None:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return None
        try:
            return PartialDate.parse(value, with_time=True)
        except ValueError as error:
            self.problem(field_path, f"'{value}' is not a real date: {error}")
            return None

    def block(self, data: dict, index: int, anchors: Anchors) -> Block | None:
        where = ("body", index)
        if not isinstance(data, dict):
            return None
        kinds = [kind for kind in ("paragraph", "quote", "question") if kind in data]
        if len(kinds) != 1:
            self.problem(
                where, "each block needs exactly one of 'paragraph', 'quote' or 'question'"
            )
            return None
        kind = kinds[0]
        if kind != "quote":
            for key in ("speaker", "lead_in", "attribution", "pull"):
                if key in data:
                    self.problem(
                        where + (key,),
                        f"'{key}' belongs to quotes: make this block a 'quote' or remove '{key}'",
                    )
        if kind != "question" and "interviewer" in data:
            self.problem(
                where + ("interviewer",),
                "'interviewer' belongs to questions: make this block a 'question' or remove it",
            )
        if kind == "quote" and "speaker" not in data:
            self.problem(
                where + ("speaker",), "a quote needs a speaker: the person id of who said it"
            )
        anchor = data.get("anchor")
        if anchor and not anchors.claim(anchor):
            self.problem(where + ("anchor",), f"anchor '{anchor}' is used twice in this article")
        prefix = {"paragraph": "p", "quote": "q", "question": "ask"}[kind]
        anchor = anchor or anchors.derive(prefix, str(data[kind]))
        speaker = (
            self.ref("people", data["speaker"], where + ("speaker",)) if "speaker" in data else None
        )
        return Block(
            kind,
            data[kind],
            anchor,
            self.refs("themes", data.get("themes"), where + ("themes",)),
            speaker,
            data.get("lead_in"),
            data.get("attribution"),
            data.get("pull"),
            data.get("interviewer"),
        )

    def article(self, article_id: str) -> Article | None:
        data = self.document.data if isinstance(self.document.data, dict) else {}
        published = self.date(data.get("published"), ("published",))
        publication = self.ref("publications", data.get("publication"), ("publication",))
        interview = data.get("interview") if isinstance(data.get("interview"), dict) else {}
        interviewer = self.ref("people", interview.get("interviewer"), ("interview", "interviewer"))
        medium = self.ref("organizations", interview.get("medium"), ("interview", "medium"))
        anchors = Anchors()
        blocks = data.get("body") if isinstance(data.get("body"), list) else []
        body = answers(
            tuple(self.block(block, index, anchors) for index, block in enumerate(blocks))
        )
        facts = tuple(
            self.fact(fact, index, anchors) for index, fact in enumerate(_list(data.get("facts")))
        )
        refs = {
            kind: self.refs(kind, data.get(kind), (kind,))
            for kind in ("people", "organizations", "places", "themes")
        }
        updated = self.date(data.get("updated"), ("updated",)) if "updated" in data else None
        corrections = tuple(
            self.correction(c, index, published)
            for index, c in enumerate(_list(data.get("corrections")))
        )
        status = data.get("status", "published")
        self.lifecycle(data, status, published, updated)
        language = data.get("language")
        if language is not None and not known_language(language):
            self.problem(
                ("language",),
                f"'{language}' is not a language this build can write dates in: use a BCP 47 "
                "tag such as en, ru, kk or de-CH",
            )
        translations = self.translations(data.get("translations"), article_id)
        if self.problems or self.invalid:
            return None
        return Article(
            id=article_id,
            source_path=self.document.path,
            title=data["title"],
            publication=publication,
            published=published,
            dateline=data["dateline"],
            source_url=data["source_url"],
            summary=data["summary"],
            body=body,
            author=data.get("author"),
            language=language,
            interviewer=interviewer,
            medium=medium,
            media=tuple(self.media(m, index) for index, m in enumerate(_list(data.get("media")))),
            facts=facts,
            status=status,
            updated=updated,
            corrections=corrections,
            withdrawn_note=data.get("withdrawn_note"),
            translations=translations,
            digest=self.document.digest,
            **refs,
        )

    def translations(self, values, article_id: str) -> tuple[str, ...]:
        """The other versions named: each an article of source/articles/, not this one."""
        if not isinstance(values, list):
            return ()
        found = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            if value == article_id:
                self.problem(
                    ("translations", index),
                    f"'{value}' is this article itself: list only its versions in other languages",
                )
            elif self.article_ids is not None and value not in self.article_ids:
                self.problem(
                    ("translations", index),
                    f"no article '{value}' in source/articles/{did_you_mean(value, self.article_ids)}: "
                    "give the id of the other version (its file name without .yaml)",
                )
            else:
                found.append(value)
        return tuple(found)

    def lifecycle(
        self, data: dict, status, published: PartialDate | None, updated: PartialDate | None
    ) -> None:
        """A withdrawal needs its note; an update comes after publication."""
        if status == "withdrawn" and not data.get("withdrawn_note"):
            self.problem(
                ("status",),
                "a withdrawn article needs a withdrawn_note: say why it was withdrawn, "
                "readers see it at the article's address",
            )
        if "withdrawn_note" in data and status != "withdrawn":
            self.problem(
                ("withdrawn_note",),
                "only a withdrawn article has a note: add 'status: withdrawn' or remove the note",
            )
        if published and updated and updated.latest() < published.earliest():
            self.problem(
                ("updated",),
                f"{updated.iso} is before the publication date {published.iso}: "
                "an update comes after publication",
            )

    def media(self, data, index: int) -> Media:
        field_path = ("media", index, "image")
        return Media(
            data["caption"],
            data["credit"],
            data.get("image"),
            data.get("alt"),
            (self.document.path, *self.document.where(field_path)),
            dotted(field_path),
        )

    def correction(self, data, index: int, published: PartialDate | None) -> Correction | None:
        if not isinstance(data, dict):
            return None
        date = self.date(data.get("date"), ("corrections", index, "date"))
        if date and published and date.latest() < published.earliest():
            self.problem(
                ("corrections", index, "date"),
                f"{date.iso} is before the publication date {published.iso}: "
                "a correction comes after publication",
            )
        return Correction(date, data.get("text"))

    def fact(self, data, index: int, anchors: Anchors) -> Fact | None:
        if not isinstance(data, dict):
            return None
        anchor = anchors.derive("fact", f"{data.get('label')}\n{data.get('value')}")
        return Fact(
            data.get("label"),
            data.get("value"),
            anchor,
            data.get("number"),
            data.get("unit"),
            self.refs("themes", data.get("themes"), ("facts", index, "themes")),
        )


def answers(body: tuple) -> tuple:
    """The body with the quotes that answer a question marked: those right after it, and those after
    an answer by the same speaker (an answer over several paragraphs). None (invalid blocks) kept."""
    marked, previous = [], None
    for block in body:
        if (
            block is not None
            and block.kind == "quote"
            and previous is not None
            and (
                previous.kind == "question"
                or (previous.answer and previous.speaker == block.speaker)
            )
        ):
            block = replace(block, answer=True)
        marked.append(block)
        previous = block
    return tuple(marked)


def _list(value) -> list:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class SourceFolders:
    """source/ and its articles/ folder resolved once per load (either may become a link between
    builds): a file that is no link needs no resolving of its own (10,000 articles)."""

    source: Path
    resolved: dict[Path, Path]

    @classmethod
    def of(cls, source: Path) -> SourceFolders:
        source = Path(source)
        return cls(source, {folder: folder.resolve() for folder in (source, source / "articles")})

    def resolve(self, folder: Path) -> Path:
        return self.resolved.get(folder) or folder.resolve()


def outside_source(path: Path, folders: SourceFolders, display: str) -> Problem | None:
    """A problem if path is (or is reached through) a symbolic link that leads out of source/:
    what is outside is not the editors' to publish."""
    target = path.resolve() if os.path.islink(path) else folders.resolve(path.parent) / path.name
    source = folders.source
    if str(target).startswith(os.path.join(folders.resolve(source), "")):
        return None
    return Problem(
        display,
        1,
        1,
        "",
        f"is a symbolic link to {target}, outside {Path(source).name}/: "
        "copy the file into the source folder instead of linking to it",
    )


def _read(
    path: Path, folders: SourceFolders, schema_name: str, problems: list[Problem]
) -> Document | None:
    root = folders.source
    display = path.relative_to(root.parent).as_posix() if root.parent in path.parents else str(path)
    outside = outside_source(path, folders, display)
    if outside:
        problems.append(outside)
        return None
    try:
        document = load(path, display)
    except SourceError as error:
        problems.extend(error.problems)
        return None
    except OSError as error:
        problems.append(Problem(display, 1, 1, "", f"cannot read the file: {error.strerror}"))
        return None
    # Most files have none: one pass of the C JSON encoder rules that out faster than walking the data.
    placeholders = (
        _placeholders(document)
        if f'"{PLACEHOLDER}' in json.dumps(document.data, ensure_ascii=False)
        else []
    )
    flagged = {p.field for p in placeholders}
    document.schema_problems = placeholders + [
        p for p in validate(document, schema_name) if p.field not in flagged
    ]
    problems.extend(document.schema_problems)
    return document


PLACEHOLDER = "FILL IN:"
PLACEHOLDER_PROBLEM = "still to fill in: "


def _placeholders(document: Document, value=None, field_path=()) -> list[Problem]:
    """Values the importer left for the editor ('FILL IN: …'), reported before anything else about them."""
    value = document.data if not field_path else value
    if isinstance(value, str):
        if value.startswith(PLACEHOLDER):
            return [
                document.problem(
                    field_path, f"{PLACEHOLDER_PROBLEM}{value[len(PLACEHOLDER) :].strip()}"
                )
            ]
        return []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    return [
        problem
        for key, item in items
        for problem in _placeholders(document, item, field_path + (key,))
    ]


_ENTITY_FIELDS = {"name", "description", "role", "url", "attribution"}
# Ids whose pages would replace a section's own page (themes/index.md, people/index.md …).
RESERVED_IDS = {"index"}


def _registry(kind: str, document: Document, problems: list[Problem]) -> dict[str, Entity]:
    """Registry entries by id; entries the schema rejected are kept so references to them still resolve."""
    entries = {}
    for entity_id, data in (document.data if isinstance(document.data, dict) else {}).items():
        data = data if isinstance(data, dict) else {}
        dates = {}
        for key in ("role_since", "role_until"):
            if isinstance(data.get(key), (str, int)):
                try:
                    dates[key] = PartialDate.parse(data[key])
                except ValueError as error:
                    problems.append(
                        document.problem(
                            (entity_id, key), f"'{data[key]}' is not a real date: {error}"
                        )
                    )
        if str(entity_id) in RESERVED_IDS:
            problems.append(
                document.problem(
                    (entity_id,),
                    f"'{entity_id}' is reserved: {kind}/{entity_id}.md is the "
                    f"{kind} index page; choose another id",
                )
            )
        fields = {k: v for k, v in data.items() if k in _ENTITY_FIELDS}
        names = data.get("names") if isinstance(data.get("names"), dict) else {}
        for language in names:
            if not known_language(str(language)):
                problems.append(
                    document.problem(
                        (entity_id, "names", language),
                        f"'{language}' is not a language this build knows: use a BCP 47 tag such "
                        "as ru or kk",
                    )
                )
        entries[str(entity_id)] = Entity(
            kind=kind,
            id=str(entity_id),
            **{"name": str(entity_id), **fields},
            **dates,
            names=tuple((str(k), str(v)) for k, v in names.items() if isinstance(v, str)),
        )
    return entries


def _read_registries(
    folders: SourceFolders, problems: list[Problem]
) -> dict[str, dict[str, Entity] | None]:
    source = folders.source
    registries: dict[str, dict[str, Entity] | None] = {}
    for kind in REGISTRIES:
        path = source / f"{kind}.yaml"
        if not path.exists():
            problems.append(
                Problem(
                    f"{source.name}/{kind}.yaml",
                    1,
                    1,
                    "",
                    f"the {kind} registry is missing: create it (it may be {{}})",
                )
            )
            registries[kind] = {}
            continue
        document = _read(path, folders, f"{kind}.schema.json", problems)
        # None when the file could not be parsed: references to it are then not checked.
        registries[kind] = _registry(kind, document, problems) if document else None
    return registries


def load_registries(source: Path) -> dict[str, dict[str, Entity]]:
    """The registries alone, validated: for the importer, which runs while drafts are incomplete, and while
    entries it proposed are still being reviewed (their placeholders are no obstacle to importing more)."""
    problems: list[Problem] = []
    registries = _read_registries(SourceFolders.of(source), problems)
    problems = [p for p in problems if not p.message.startswith(PLACEHOLDER_PROBLEM)]
    if problems:
        raise SourceError(problems)
    return registries


def article_ids(source: Path) -> set[str]:
    """Ids of the article files in source/articles/, without reading them."""
    return {path.stem for path in (Path(source) / "articles").glob("*.yaml")}


CACHED = (
    "cached"  # the cache entry of an unchanged file stays as it is (not sent back from workers)
)


def _read_article(
    path: Path,
    folders: SourceFolders,
    registries,
    cache: SourceCache | None,
    stamp,
    ids: frozenset[str] | None = None,
):
    """One article file parsed, checked against the schema and its references resolved.

    Returns (article or None, problems, new cache entry, or CACHED, or None). A file unchanged since the
    cache saw it is not parsed again; its references are still checked against today's registries.
    """
    source = folders.source
    display = f"{source.name}/articles/{path.name}"
    if not ARTICLE_ID.match(path.stem):
        return (
            None,
            [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"'{path.stem}' is not a valid article id: rename the file using lowercase a-z, 0-9 and hyphens",
                )
            ],
            None,
        )
    if path.stem in RESERVED_IDS:
        return (
            None,
            [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"'{path.stem}' is reserved for the section's own page: rename the "
                    f"file, e.g. {path.stem}-2024.yaml",
                )
            ],
            None,
        )
    outside = outside_source(path, folders, display)
    if outside:
        return None, [outside], None
    cached = cache.get(path.name, stamp) if cache else None
    if cached:
        data, digest = cached
        reader = _ArticleReader(Document(display, data, digest=digest), registries, (), ids)
        article = reader.article(path.stem)
        if article:
            return article, [], CACHED
        # a reference no longer resolves: read the file again, for the positions the problems need
    problems: list[Problem] = []
    document = _read(path, folders, "article.schema.json", problems)
    if document is None:
        return None, problems, None
    reader = _ArticleReader(document, registries, document.schema_problems, ids)
    article = reader.article(path.stem)
    entry = (
        (stamp, document.data, document.digest)
        if cache and stamp and not document.schema_problems
        else None
    )
    return article, problems + reader.problems, entry


def load_corpus(
    source: Path,
    progress=None,
    parallel: bool = True,
    cache: SourceCache | None = None,
    stamps: dict[Path, str] | None = None,
    site_language: str = "en",
) -> Corpus:
    """Read and validate all of source/; raise SourceError listing every problem.

    Articles are read on all cores; each refers to the registries' own entities. With a
    cache, files unchanged since the last build are not parsed again, and the cache's
    entries are replaced with what was read if all is valid. site_language: the language of articles
    that name none (two versions of one story may not share one)."""
    source = Path(source)
    folders = SourceFolders.of(source)  # a folder may have become a link since the last build
    problems: list[Problem] = []
    registries = _read_registries(folders, problems)
    paths = sorted((source / "articles").glob("*.yaml"))
    ids = frozenset(path.stem for path in paths)

    def report(done: int) -> None:
        if progress:
            progress("articles checked", done, len(paths))

    warm_up("article.schema.json")  # compiled once here, not again in every worker
    entities = [entity for registry in registries.values() for entity in (registry or {}).values()]
    articles, entries = [], {}
    # The files' content digests (stamps: the caller's, if it has read them already); None for an
    # unreadable file, which _read reports.
    stamps = {path: (stamps or {}).get(path) or content_digest(path) for path in paths}
    # Unchanged files only need their references resolved: less work than sending the result back from a worker.
    to_parse = sum(1 for path in paths if not (cache and cache.get(path.name, stamps[path])))
    results = fork_map(
        lambda path: _read_article(path, folders, registries, cache, stamps[path], ids),
        paths,
        parallel and to_parse >= PARALLEL_FROM,
        on_chunk=report,
        shared=entities,
    )
    for path, (article, file_problems, entry) in zip(paths, results):
        problems.extend(file_problems)
        if entry:
            entries[path.name] = cache.entries[path.name] if entry == CACHED else entry
        if article:
            articles.append(article)
    if not problems:
        problems = join_stories(articles, site_language, source / "articles")
    if problems:
        raise SourceError(problems)
    if cache:
        cache.entries = entries  # the caller saves them once the build holds the lock on docs/
    articles.sort(key=lambda a: a.sort_key)
    return Corpus(articles, registries)
