"""Interviews in question-and-answer form, for the importer: which paragraphs are questions, which are
answers, who asked.

A question is a paragraph that ends with a question mark and is marked as a turn of the conversation: by
a label ('Q:', 'Question:', 'F:', 'Вопрос:', 'Сұрақ:', an outlet's or a journalist's name) or by a
leading dash, as Russian and Kazakh papers print interviews. Two such questions make an interview: from
the first on, every paragraph that is not a question is an answer, the answers' labels ('A:', 'DAS
Ellison:') and dashes left out of the text, and a closing credit ('Interviewed by …', 'Беседовала …',
'Әңгімелескен …') names the interviewer. The importer turns questions into `question:` blocks and
answers into the interviewee's quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .import_quotes import DASH_LEAD

# Labels that name a role in the conversation, not a person or an outlet.
QUESTION_LABELS = {"q", "question", "вопрос", "в", "сұрақ", "с"}
ANSWER_LABELS = {"a", "answer", "ответ", "о", "жауап", "ж"}
LABEL = re.compile(r"(?P<label>[^\s:?!«»“”\"\[][^:?!«»“”\"]{0,40}?)\s*:\s+(?=\S)")
# a label on a line of its own, naming who speaks in the paragraphs after it ('Тимоти Беннет:')
LABEL_ALONE = re.compile(r"[^\s:?!«»“”\"\[][^:?!«»“”\".]{0,40}?\s*:")
QUESTION_END = re.compile(r"\?[\s\"”»’)\]]*$")
SIGN_OFF = re.compile(
    r"(?P<credit>interviewed by|interview by|беседовал[аи]?|интервью записал[аи]?|"
    r"әңгімелескен|сұхбаттасқан|сұхбат алған)\s+(?P<name>[^.!?]{3,60}?)\.?\s*$",
    re.I,
)
# An outlet named in a web address's shape: Zakon.kz, Forbes.kz, tengrinews.kz
OUTLET = re.compile(
    r"(?<![\w.])(?P<outlet>[A-Za-zА-Яа-я][\w-]*\.(?:kz|com|ru|org|net|uz|kg|info))\b"
)
# An interview given to an outlet: 'told Zakon.kz', 'рассказал Zakon.kz', 'в интервью Forbes.kz'
TOLD = re.compile(
    rf"(?:told|said to|interview with|рассказал[аи]?|сообщил[аи]?|в интервью|интервью|айтты)\s+{OUTLET.pattern}",
    re.I,
)
BRACKETED = re.compile(r"\[(?P<outlet>[^\]\n]{2,40})\]")


@dataclass
class Turn:
    line: int
    kind: str  # "question", "answer", or "label" (a speaker's label on its own line: no text)
    text: str
    label: str | None = None  # the label as written ('Question:'): kept among the removals


@dataclass
class Interview:
    start: int  # index of the first question among the paragraphs
    turns: list[Turn] = field(default_factory=list)
    interviewer: str | None = None
    answer_label: str | None = None  # the first answer label that names someone ('DAS Ellison')
    sign_off: tuple[int, str] | None = None  # the closing credit's line, as written


def _turn(line: int, text: str) -> tuple[Turn, bool]:
    """The paragraph as a turn (question unless shown otherwise), and whether it is marked as one."""
    label = LABEL.match(text)
    if label and len(label.group("label").split()) <= 5:
        return Turn(line, "question", text[label.end() :].strip(), label.group()), True
    dash = DASH_LEAD.match(text)
    if dash:
        return Turn(line, "question", text[dash.end() :].strip()), True
    return Turn(line, "question", text.strip()), False


def _is_question(turn: Turn, marked: bool) -> bool:
    if not marked or not QUESTION_END.search(turn.text):
        return False
    return _label_word(turn.label) not in ANSWER_LABELS


def _label_word(label: str | None) -> str:
    return label.rstrip(": ").strip().lower() if label else ""


def find(
    paragraphs: list[tuple[int, str]], before: str, author: str | None = None
) -> Interview | None:
    """The interview among the paragraphs (line, text), or None; `before` is the text above them
    (headline, standfirst), where the outlet an interview was given to is often named; `author` the
    byline's, who asked when the questions' label names only the outlet ('VOX:')."""
    turns = [_turn(line, text) for line, text in paragraphs]
    questions = [i for i, (turn, marked) in enumerate(turns) if _is_question(turn, marked)]
    if len(questions) < 2:
        return None
    interview = Interview(questions[0])
    for index in range(questions[0], len(paragraphs)):
        turn, _ = turns[index]
        line, text = paragraphs[index]
        if index in questions:
            interview.turns.append(turn)
            continue
        credit = SIGN_OFF.search(text)
        if credit and len(text) < 120:
            interview.sign_off = (line, text)
            interview.interviewer = _name_case(credit.group("name"))
            continue
        if LABEL_ALONE.fullmatch(text.strip()) and len(text.split()) <= 5:
            turn.kind, turn.label, turn.text = "label", text.strip(), ""
        else:
            turn.kind = "answer"
        word = _label_word(turn.label)
        if turn.label and word not in ANSWER_LABELS and interview.answer_label is None:
            interview.answer_label = turn.label.rstrip(": ")
        interview.turns.append(turn)
    if interview.interviewer is None:
        interview.interviewer = _asker(
            interview,
            before + "\n" + "\n".join(text for _, text in paragraphs[: questions[0]]),
            author,
        )
    return interview


def _asker(interview: Interview, before: str, author: str | None = None) -> str | None:
    """Who asked: an outlet named in the head whose name the questions' label begins ('F:' for
    [Forbes.kz], 'TENGRINEWS:' for Tengrinews.kz); the byline's author when the label is an outlet's
    name in capitals ('VOX:'); the label when it names someone; the outlet the interview was given to."""
    labels = [
        t.label.rstrip(": ").strip() for t in interview.turns if t.kind == "question" and t.label
    ]
    label = labels[0] if labels else ""
    if label and label.lower() not in QUESTION_LABELS:
        outlets = [m.group("outlet") for m in BRACKETED.finditer(before)]
        outlets += [m.group("outlet") for m in OUTLET.finditer(before)]
        for outlet in outlets:
            if outlet.lower().startswith(label.lower()):
                return outlet
        if label.isupper() and len(label) > 1 and author:
            return author
        if len(label) > 1:
            return label
    told = TOLD.search(before)
    return told.group("outlet") if told else None


def _name_case(name: str) -> str:
    """'Айгүл НҰРБЕКОВА' → 'Айгүл Нұрбекова': a surname set in capitals, as papers print it, in title case."""
    return " ".join(
        word.capitalize() if len(word) > 1 and word.isupper() else word for word in name.split()
    )
