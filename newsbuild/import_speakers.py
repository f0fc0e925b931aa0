"""Who said it: speakers of imported quotes, and people proposed for the registry.

A speaker is found in the words around a quote by full name, surname (or a spelling of it close enough:
Nazarbaev for Nazarbayev), a role ('the Ambassador' when the article mentions one), or, for 'he said',
the person mentioned last. A name that is not in the registry becomes a proposed person, with a role
from the title before the name or the apposition after it ('Tamara Olsen, head of the regional water
authority, …'); proposals are shared across a batch so each new person is proposed once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .import_quotes import SAY
from .model import PLACEHOLDER

TITLES = {
    "governor",
    "minister",
    "president",
    "vice",
    "deputy",
    "prime",
    "ambassador",
    "mayor",
    "akim",
    "senator",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "general",
    "professor",
    "prof",
    "dr",
    "mr",
    "mrs",
    "ms",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chief",
    "ceo",
    "head",
    "speaker",
    "adviser",
    "advisor",
    "commissioner",
    "envoy",
    "special",
    "representative",
    "consul",
    "colonel",
    "judge",
    "rector",
    "foreign",
    "u.s.",
    "us",
    "senior",
    "executive",
    "first",
    "state",
    "energy",
    "economy",
    "trade",
    "finance",
    "defense",
    "defence",
    "ecology",
    "health",
    "education",
    "agriculture",
    "interior",
    "justice",
    "transport",
    "industry",
    "digital",
    "culture",
    "sports",
    "labor",
    "labour",
    "kazakh",
    "american",
    "former",
    "acting",
    "regional",
    "district",
    "city",
    "council",
    "member",
    "parliament",
    "mp",
    "lawmaker",
    "analyst",
    "expert",
    "economist",
    "founder",
    "manager",
    "officer",
    "official",
    "diplomat",
}
NOT_NAMES = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "to",
    "and",
    "but",
    "also",
    "however",
    "meanwhile",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "that",
    "these",
    "those",
    "speaking",
    "asked",
    "according",
    "after",
    "before",
    "during",
    "while",
    "when",
    "as",
    "if",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "his",
    "her",
}
NAME_WORD = r"[A-ZА-ЯЁ][\w'’.-]*"
# within a line: a name never runs on into the next line (a byline, a role on a line of its own)
CAPITALISED_RUN = re.compile(rf"(?<![\w'’-]){NAME_WORD}(?:[^\S\n]+{NAME_WORD}){{0,5}}")
PRONOUN = re.compile(r"(?<!\w)(he|she|they|он|она|они|ол|олар)(?!\w)", re.I)
INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.$")
# A Kazakh case ending after a place name's stem ('Алматыдағы', 'Астанаға', 'Қазақстанның')
KAZAKH_CASE = re.compile(
    r"[аеиоуыэюяәөұүі]?(?:дағы|тағы|дегі|тегі|ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|да|де|та|те|"
    r"дан|ден|тан|тен|нан|нен|мен|бен|пен|ны|ні|ды|ді|ты|ті)"
)
PATRONYMIC = re.compile(r"(ович|евич|ьич|овна|евна|ична|ұлы|улы|қызы|кызы)$", re.I)
# Role words of Russian and Kazakh attributions ('подчеркнул дипломат', 'дейді елші'): a speaker named
# by role alone is the person named last, as 'he said' is.
ROLE_WORDS = re.compile(
    r"(?<!\w)(посол|дипломат|министр|замминистра|президент|премьер|глава|губернатор|аким|мэр|"
    r"спикер|представитель|директор|председатель|консул|генконсул|эксперт|аналитик|политолог|"
    r"экономист|собеседник|поверенн\w*|елші|дипломат|министрі?|әкім|төраға|басшы|өкіл|сарапшы|"
    r"консулы?|спикері?)(?!\w)",
    re.I,
)
THE_ROLE = re.compile(r"(?<!\w)the\s+(?P<role>[A-Za-z]+(?:\s+[A-Za-z]+)?)", re.I)
APPOSITION = r",\s+(?P<role>(?:the\s+|a\s+|an\s+)?[^,.;:“”\"«»()]{3,90}?)\s*[,.;]"
EMPLOYER = re.compile(
    r"\b(?:of|for|at)\s+(?:the\s+)?(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:of|and|for|on|[A-Z][\w'’&.-]*))*)"
)
NOT_EMPLOYERS = re.compile(
    r"\b(region|oblast|province|district|city|country)\b|^(republic|state) of\b", re.I
)
FINITE_VERB = re.compile(
    r"\b(is|are|was|were|will|would|has|have|had|can|could|must|should|did|does)\b", re.I
)
NOT_ROLES = {
    "who",
    "which",
    "that",
    "whose",
    "where",
    "when",
    "while",
    "as",
    "and",
    "but",
    "after",
    "before",
}


CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "yo",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "a",
            "g",
            "k",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
    )
)


def latin(text: str) -> str:
    """Cyrillic letters in Latin ones ('Карабаев' → 'Karabaev'), for ids and for matching names across scripts."""
    letters = []
    for char in text:
        spelled = CYRILLIC.get(char.lower())
        letters.append(
            char if spelled is None else spelled if char.islower() else spelled.capitalize()
        )
    return "".join(letters)


# Spellings that differ between transliterations of one name: Rozenblyum / Rosenblum, Kazakhstan / Қазақстан
SOUND_KEY = (
    ("shch", "sh"),
    ("kh", "k"),
    ("ts", "c"),
    ("yu", "u"),
    ("ya", "a"),
    ("yo", "o"),
    ("z", "s"),
)
SOUND_KEY += (("ye", "e"), ("w", "v"), ("y", "i"), ("j", "i"))


@functools.lru_cache(maxsize=65536)  # an article names the same few people again and again
def sound_key(name: str) -> str:
    """A name in lower-case Latin letters with the differences of transliteration evened out and
    doubled letters made single, for comparing one name spelled in two scripts or systems."""
    key = latin(name).lower()
    for spelled, common in SOUND_KEY:
        key = key.replace(spelled, common)
    return re.sub(r"(.)\1+", r"\1", key)


def slug(text: str, limit: int = 0) -> str:
    """An id from a name or headline: 'Марат Карабаев' → 'marat-karabaev'; whole words up to `limit` letters."""
    result = ""
    for word in re.findall(r"[a-z0-9]+", latin(text).lower()):
        if limit and result and len(result) + len(word) + 1 > limit:
            break
        result = f"{result}-{word}" if result else word
    return result


@dataclass
class ProposedPerson:
    id: str
    name: str
    role: str
    organization: str | None = None  # id of the employer, known or proposed


@dataclass
class ProposedOrganization:
    id: str
    name: str


@dataclass
class Proposals:
    """New people and organizations proposed so far in a batch."""

    people: dict[str, ProposedPerson] = field(default_factory=dict)
    organizations: dict[str, ProposedOrganization] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """A name in the text that is not in the registry (yet): proposed once it turns out to speak."""

    name: str
    title: str


class Speakers:
    def __init__(self, registries: dict, proposals: Proposals, not_people: set[str]):
        self.registries = registries
        self.proposals = proposals
        self.not_people = {name.lower() for name in not_people}
        self._stems: dict[str, list[str]] = {}  # one-word names' stems, by their first four letters
        for name in self.not_people:
            stem = name.rstrip("aeiouyаеёиоуыэюяәөұүі")
            if " " not in name and len(stem) >= 4:
                self._stems.setdefault(stem[:4], []).append(stem)
            # and by sound, across scripts: Казахстана for Kazakhstan
            sound = sound_key(name).rstrip("aeiou")
            if " " not in name and len(sound) >= 5:
                self._stems.setdefault(sound[:4], []).append(sound)
        self.mentions: list = []  # person ids and Candidates, in the order the article names them
        self.text = ""  # the whole article, for appositions that come before the quote
        self._in_article: dict = {}
        self._known: tuple[int, list] = (-1, [])  # known(), by how many people were proposed

    def start_article(self, text: str) -> None:
        self.mentions, self.text = [], text
        self._known_names: dict[tuple[str, int], bool] = {}
        self._in_article = {}  # what the whole article names, by how many people were proposed when it was read

    def _in_whole_article(self, find) -> list:
        """find (known_in or _candidates_in) of the whole article, read once for each state of the
        proposals (which it depends on), not again for every quotation: a long article has thousands."""
        key = (find.__name__, len(self.proposals.people))
        if key not in self._in_article:
            self._in_article[key] = find(self.text)
        return self._in_article[key]

    def known(self) -> list[tuple[str, str, str]]:
        """(id, name, role) of every person in the registry or proposed in this batch, each spelling
        of a name once, longest names first; remembered until someone is proposed."""
        key = len(self.proposals.people)
        if self._known[0] != key:
            people = [
                (p.id, name, p.role or "")
                for p in self.registries["people"].values()
                for name in p.spellings
            ]
            people += [(p.id, p.name, p.role) for p in self.proposals.people.values()]
            self._known = (key, sorted(people, key=lambda p: -len(p[1])))
        return self._known[1]

    def note(self, text: str) -> None:
        """Record the people a stretch of narrative names, in order, for a later 'he said'."""
        found = [(position, key) for key, position in self.known_in(text)]
        found += [(match.start(), candidate) for match, candidate in self._candidates_in(text)]
        self.mentions += [key for _, key in sorted(found, key=lambda item: item[0])]

    def resolve(self, words: str) -> str | None:
        """The id of who said a quote, from the lead-in and attribution around it (None if unknown)."""
        known = self.known_in(words)
        if known:
            speaker = known[0][0]
        else:
            candidates = self._candidates_in(words)
            if candidates:
                speaker = self.propose(candidates[0][1])
            else:
                speaker = self._by_surname(words) or self._by_role(words) or self._by_pronoun(words)
        if speaker:
            self.mentions.append(speaker)
        return speaker

    def known_in(self, text: str) -> list[tuple[str, int]]:
        """(id, position) of registry and proposed people named in the text: full name, surname, close spelling."""
        found = []
        words = None  # the text's capitalised words and how they sound, once needed
        for person_id, name, _ in self.known():
            surname = name.split()[-1]
            for needle in (name, surname):
                match = whole_words(needle).search(text)
                if match:
                    found.append((person_id, match.start()))
                    break
            else:
                if len(surname) < 5:
                    continue
                if words is None:
                    words = [
                        (w.start(), sound_key(w.group())) for w in CAPITALISED_WORD.finditer(text)
                    ]
                wanted = sound_key(surname)
                for start, spelled in words:
                    # Nazarbaev for Nazarbayev, Карабаев for Karabayev, Розенблюм for Rosenblum
                    if spelled[0] == wanted[0] and fuzz.ratio(spelled, wanted) >= 85:
                        found.append((person_id, start))
                        break
        return sorted(found, key=lambda item: item[1])

    def _is_known(self, name: str) -> bool:
        """known_in for a name alone, remembered: an article repeats the same names many times."""
        key = (name, len(self.proposals.people))
        if key not in self._known_names:
            self._known_names[key] = bool(self.known_in(name))
        return self._known_names[key]

    def _candidates_in(self, text: str) -> list[tuple[re.Match, Candidate]]:
        """Names of people not in the registry: 'Governor Tamara Olsen', 'Tamara Olsen, head of …'."""
        found = []
        for match in CAPITALISED_RUN.finditer(text):
            words = match.group().split()
            while words and words[0].lower() in NOT_NAMES:
                words = words[1:]
            last_title = max(
                (
                    i
                    for i, w in enumerate(words)
                    if w.lower().strip(".") in TITLES or w.lower() in TITLES
                ),
                default=-1,
            )
            title, name = words[: last_title + 1], self.name_words(words[last_title + 1 :])
            if not name or (len(name) < 2 and not title) or len(name) > 3:
                continue
            full = " ".join(name).rstrip(".,")
            if (
                full.lower() in self.not_people
                or any(w.lower() in NOT_NAMES for w in name)
                or self._is_known(full)
            ):
                continue
            found.append((match, Candidate(full, " ".join(title))))
        return found

    def interviewee(self, label: str | None, head: str) -> str | None:
        """Who answers an interview: named by the answers' label ('DAS Ellison'), else the first person
        the headline and the paragraphs before the questions name (proposed if new)."""
        if label:
            found = self.resolve(label)
            if found:
                return found
        known = self.known_in(head)
        if known:
            return known[0][0]
        candidates = self._candidates_in(head)
        return self.propose(candidates[0][1]) if candidates else None

    def name_words(self, words: list[str]) -> list[str]:
        """The words of a person's name in a run of capitalised words: not the acronyms, places or
        organizations around it ('США Ерлан Сапаров', 'Казахстане Питер Ковальски'); given name, then
        initials or a patronymic if any, then surname."""
        while words and _is_acronym(words[0]):
            words = words[1:]
        # A name is unbroken: the last run of words with no acronym (short: a longer word in capitals is
        # a surname) or place among them ('Жұлдыз FM Законы Казахстана' holds none of two words)
        runs: list[list[str]] = [[]]
        for word in words:
            if _is_acronym(word, 4) or self._names_a_place(word):
                runs.append([])
            else:
                runs[-1].append(word)
        words = next((run for run in reversed(runs) if run), [])
        if len(words) > 2 and not all(
            INITIAL.match(w) or PATRONYMIC.search(w) for w in words[1:-1]
        ):
            words = words[-2:]
        words = [self._surname_case(w) if len(w) > 3 and w.isupper() else w for w in words]
        return words[:-1] + [_without_case_ending(words[-1])] if words else words

    def _surname_case(self, word: str) -> str:
        """A surname set in capitals ('РОТМАНМЕН': Kazakh papers print an interviewee's so, case ending
        and all) as the text writes it elsewhere ('Ротман'), else in title case."""
        for found in re.finditer(rf"(?<!\w){re.escape(word[:4].capitalize())}\w*", self.text):
            if word.startswith(found.group().upper()) and not found.group().isupper():
                return found.group()
        return word.capitalize()

    def _names_a_place(self, word: str) -> bool:
        """A place, organization or publication name the article has, in any case ending ('Казахстане',
        'Астане' for Kazakhstan, Astana): its stem without a final vowel, and at most three letters more."""
        word = word.lower().rstrip(".,")
        if any(
            word.startswith(stem)
            and (len(word) - len(stem) <= 3 or KAZAKH_CASE.fullmatch(word[len(stem) :]))
            for stem in self._stems.get(word[:4], ())
        ):
            return True
        sound = sound_key(word)
        return any(
            sound.startswith(stem) and len(sound) - len(stem) <= 5
            for stem in self._stems.get(sound[:4], ())
        )

    def _by_surname(self, words: str) -> str | None:
        """'Olsen said' after 'Tamara Olsen, head of …' earlier in the article."""
        for _, candidate in self._in_whole_article(self._candidates_in):
            if re.search(rf"(?<![\w-]){re.escape(candidate.name.split()[-1])}(?![\w-])", words):
                return self.propose(candidate)
        return None

    def _by_role(self, words: str) -> str | None:
        """'the Ambassador': the person the article mentioned last with that role, or any it mentions."""
        for match in THE_ROLE.finditer(words):
            titles = [
                word.lower() for word in match.group("role").split() if word.lower() in TITLES
            ]
            if not titles:
                continue
            role = titles[-1]
            roles = {person_id: person_role.lower() for person_id, _, person_role in self.known()}
            for key in reversed(self.mentions):
                if isinstance(key, str) and role in roles.get(key, ""):
                    return key
                if isinstance(key, Candidate) and role in key.title.lower():
                    return self.propose(key)
            for person_id, _ in self._in_whole_article(self.known_in):
                if role in roles.get(person_id, ""):
                    return person_id
        return None

    def _by_pronoun(self, words: str) -> str | None:
        return self.last_named() if PRONOUN.search(words) or ROLE_WORDS.search(words) else None

    def last_named(self) -> str | None:
        """The person the article named last (proposed if new), for 'he said' and quotes on their own."""
        if not self.mentions:
            return None
        last = self.mentions[-1]
        return self.propose(last) if isinstance(last, Candidate) else last

    def propose(self, candidate: Candidate) -> str:
        """A ready-to-review registry entry for a new speaker; the same name is proposed once."""
        surname_match = [
            p
            for p in self.proposals.people.values()
            if p.name.split()[-1] == candidate.name.split()[-1]
        ]
        if surname_match:
            return surname_match[0].id
        name = self._nominative(self._full_name(candidate.name))
        role = self._role(name) or candidate.title or f"{PLACEHOLDER} role of {name}"
        person_id = person_id_of(name)
        taken = set(self.registries["people"]) | set(self.proposals.people)
        base, counter = person_id, 2
        while person_id in taken:
            person_id, counter = f"{base}-{counter}", counter + 1
        employer = None if role.startswith(PLACEHOLDER) else self._employer(role)
        person = ProposedPerson(person_id, name, role[:1].upper() + role[1:], employer)
        self.proposals.people[person_id] = person
        return person_id

    def _nominative(self, name: str) -> str:
        """A Cyrillic name as the text writes it in its shortest form, the nominative as a rule
        ('Питером Мэлоуном' → 'Питер Мэлоун' when the caption names him so)."""
        words = name.split()
        if not words or not all(re.match(r"[А-ЯЁӘҒҚҢӨҰҮҺІ]", word) for word in words):
            return name
        pattern = r"[^\S\n]+".join(
            re.escape(word[: max(3, len(word) - 3)]) + r"\w{0,4}" for word in words
        )
        forms = {m.group() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", self.text)}
        return min(forms, key=len) if forms else name

    def _full_name(self, name: str) -> str:
        """'Zhaksylykov' → 'Almasadam Zhaksylykov' when the article names him in full somewhere."""
        if " " in name:
            return name
        for _, candidate in self._in_whole_article(self._candidates_in):
            if candidate.name.endswith(" " + name):
                return candidate.name
        return name

    def _role(self, name: str) -> str | None:
        """The role the article gives a name: 'Tamara Olsen, head of …,', 'the head of …, Colonel Serik
        Mukanov', 'Trade attaché Gulnara Ismailova'."""
        escaped = re.escape(name)
        # a transcript's header: the name on a line of its own, the role on the next
        below = re.search(rf"(?m)^{escaped}[^\S\n]*\n(?P<role>[^\n]{{3,90}})$", self.text)
        if below and _is_role(below.group("role")):
            return below.group("role").strip()
        after = re.search(escaped + APPOSITION, self.text)
        if after and _is_role(after.group("role")):
            return after.group("role").strip()
        before = re.search(
            rf"(?:^|[.!?]\s+|,\s+)(?:the|The)\s+(?P<role>[^,.;:“”\"«»()]{{3,90}}),\s+(?:{NAME_WORD}\s+)*?{escaped}",
            self.text,
            re.M,
        )
        if before and _is_role(before.group("role")):
            return before.group("role").strip()
        descriptor = re.search(
            rf"(?:^|[.!?:,;“”\"«»]\s*)(?P<role>[^.!?:,;“”\"«»\n]{{3,40}}?)[^\S\n]+{escaped}",
            self.text,
            re.M,
        )
        if (
            descriptor
            and _is_role(descriptor.group("role"))
            and len(descriptor.group("role").split()) <= 4
            and descriptor.group("role")[:1].isupper()
        ):
            return descriptor.group("role").strip()
        return None

    def _employer(self, role: str) -> str | None:
        """The organization a role names ('spokesperson for the Ministry of Energy'), known or proposed."""
        for organization in self.registries["organizations"].values():
            if organization.name in role:
                return organization.id
        match = EMPLOYER.search(role)
        if not match:
            return None
        name = re.sub(r"(\s+(of|and|for|on))+$", "", match.group("name")).rstrip(".,")
        if (
            (len(name.split()) < 2 and not re.search(r"[A-Z].*[A-Z]", name))
            or NOT_EMPLOYERS.search(name)
            or name.lower() in self.not_people
        ):
            return None
        organization_id = slug(name)
        if organization_id not in self.registries["organizations"]:
            self.proposals.organizations.setdefault(
                organization_id, ProposedOrganization(organization_id, name)
            )
        return organization_id


# Kazakh case endings of three letters that follow a name ('Альварезбен': with Alvarez; 'Блинкеннің':
# Blinken's); the shorter ones also end many names, and are left alone.
NAME_CASE_ENDING = re.compile(
    r"(?<=[а-яёәғқңөұүһі]{4})(мен|бен|пен|ның|нің|дың|дің|тың|тің|нан|нен|дан|ден|тан|тен)$"
)


def _without_case_ending(surname: str) -> str:
    return NAME_CASE_ENDING.sub("", surname)


def person_id_of(name: str) -> str:
    """A proposed person's id: given name and surname as a name parser (nameparser) reads them, no
    initials, middle names or patronymic ('Margaret T. Ellison' → margaret-ellison, 'Данияр Болатович
    Кенжебаев' → daniyar-kenzhebaev)."""
    from nameparser import HumanName

    parsed = HumanName(name)
    return slug(" ".join(filter(None, [parsed.first, parsed.last]))) or slug(name) or "person"


# a word that may be a surname spelled another way (known_in)
CAPITALISED_WORD = re.compile(r"(?<![\w-])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]{4,}(?![\w-])")


@functools.lru_cache(maxsize=4096)  # the same few names are looked for in every paragraph
def whole_words(name: str) -> re.Pattern:
    """A name as whole words: not part of a longer word or hyphenated name."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def _is_acronym(word: str, longest: int = 0) -> bool:
    """'США', 'МИД', 'NATO', and with a Kazakh case ending 'АҚШ-тың': capitals only, not an initial;
    at most `longest` letters if given."""
    letters = [c for c in word.split("-")[0] if c.isalpha()]
    if longest and len(letters) > longest:
        return False
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_role(text: str) -> bool:
    """An apposition that names a role ('head of the water authority'), not a clause ('who presented…')."""
    words = text.split()
    first = words[0].lower() if words else ""
    return (
        bool(words)
        and len(words) <= 12
        and first not in NOT_ROLES
        and not first.endswith("ed")
        and not SAY.search(text)
        and not FINITE_VERB.search(text)
        and first not in NOT_NAMES - {"the"}
    )
