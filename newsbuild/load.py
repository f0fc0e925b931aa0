"""YAML files → plain data, with the line and column of every value.

Scalars are read with YAML 1.2 core rules, not PyYAML's YAML 1.1 ones, so an
unquoted `no` stays the text "no" and `2023-08-14` stays the text the editor
wrote. Duplicate keys, aliases and explicit tags are reported, never followed
or executed: nothing is constructed from a tag.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, SourceError

_YAML = "tag:yaml.org,2002:"
_ACCEPTED_TAGS = {
    _YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_DEFAULT_TAG = {
    yaml.ScalarNode: _YAML + "str",
    yaml.SequenceNode: _YAML + "seq",
    yaml.MappingNode: _YAML + "map",
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Composes nodes only. PyYAML's implicit typing of every plain scalar (YAML 1.1 rules, in
    Python) is skipped: plain_scalar() types them instead. Explicit tags are still kept on their
    nodes, for _Walker to reject."""

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        return _DEFAULT_TAG[kind]


_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
MAX_DEPTH = 64
# Characters with no business in text: C0 and C1 controls other than tab and newline (U+0085 too),
# surrogates, noncharacters, bidirectional embeddings, overrides and isolates (they can make a name
# display reversed), and the line and paragraph separators (YAML and JavaScript read them as line
# breaks). Double-quoted YAML can spell any of them with an escape (\u009f), so every scalar is checked.
FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069\u2028\u2029"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)


def forbidden_character_message(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "a surrogate"
    elif code in (0x2028, 0x2029):
        kind = "a line or paragraph separator"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidirectional control: it can make text display reversed"
    else:
        kind = "a noncharacter"
    return f"character U+{code:04X} is not allowed ({kind}): delete it"


@dataclass
class Document:
    """One parsed YAML file: its data and where each value was written."""

    path: str
    data: object
    positions: dict = field(default_factory=dict)  # field path → (line, column)
    schema_problems: list = field(default_factory=list)  # filled in by validation
    digest: str = ""  # of the file's bytes: what pages made from it depend on

    def where(self, field_path) -> tuple[int, int]:
        """Position of the value at field_path, or of its nearest parent that has one."""
        field_path = tuple(field_path)
        while field_path not in self.positions and field_path:
            field_path = field_path[:-1]
        return self.positions.get(field_path, (1, 1))

    def problem(self, field_path, message: str) -> Problem:
        line, column = self.where(field_path)
        return Problem(self.path, line, column, dotted(field_path), message)


def dotted(field_path) -> str:
    """('body', 3, 'text') → 'body.3.text'."""
    return ".".join(str(part) for part in field_path)


MAX_DIGITS = 40  # an unquoted number longer than this is a mistake (Python also refuses to read 4,300 digits)


def plain_scalar(text: str):
    """Value of an unquoted scalar under the YAML 1.2 core schema."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _position(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, path: str, text: str = ""):
        self.path = path
        self.lines = text.split("\n")
        self.positions: dict = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def report(self, node, field_path, message):
        line, column = _position(node)
        self.problems.append(Problem(self.path, line, column, dotted(field_path), message))

    def check_characters(self, node, value: str, field_path) -> None:
        """Report the first forbidden character of a scalar, where it was typed if it was typed raw."""
        bad = FORBIDDEN_CHARACTER.search(value)
        if not bad:
            return
        for line in range(node.start_mark.line, min(node.end_mark.line + 1, len(self.lines))):
            column = self.lines[line].find(
                bad.group(), node.start_mark.column if line == node.start_mark.line else 0
            )
            if column >= 0:
                break
        else:
            # written as an escape: point at the value
            line, column = (
                node.start_mark.line,
                node.start_mark.column,
            )
        self.problems.append(
            Problem(
                self.path,
                line + 1,
                column + 1,
                dotted(field_path),
                forbidden_character_message(bad.group()),
            )
        )

    def walk(self, node, field_path=()):
        if id(node) in self.seen:
            self.report(
                node,
                field_path,
                "anchors and aliases (&name, *name) are not supported: write the value out in full",
            )
            return None
        self.seen.add(id(node))
        self.positions[field_path] = _position(node)
        if node.tag not in _ACCEPTED_TAGS:
            self.report(
                node,
                field_path,
                f"YAML tag '{node.tag.replace(_YAML, '!!')}' is not allowed: remove it, values are plain text, numbers, lists and mappings",
            )
            return None
        if len(field_path) > MAX_DEPTH:
            self.report(node, field_path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, yaml.ScalarNode):
            self.check_characters(node, node.value, field_path)
            if not node.style and _INT.match(node.value) and len(node.value) > MAX_DIGITS:
                self.report(
                    node,
                    field_path,
                    f"a number of {len(node.value):,} digits: no quantity has more than "
                    f"{MAX_DIGITS}; check it, or put it in quotes if it is text",
                )
                return None
            # C loader: "", Python: None
            return plain_scalar(node.value) if not node.style else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, field_path + (index,)) for index, item in enumerate(node.value)]
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ACCEPTED_TAGS:
                self.report(key_node, field_path, "keys must be plain text")
                continue
            key = key_node.value
            self.check_characters(key_node, key, field_path + (key,))
            if key in mapping:
                first_line = self.positions[field_path + (key,)][0]
                self.report(
                    key_node,
                    field_path + (key,),
                    f"duplicate key '{key}' (first given on line {first_line}): keep one",
                )
                continue
            self.positions[field_path + (key,)] = _position(value_node)
            mapping[key] = self.walk(value_node, field_path + (key,))
        return mapping


def decode(path: str, raw: bytes) -> str:
    """UTF-8 (with or without a BOM), or a SourceError at the first byte that is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            [
                Problem(
                    path,
                    line,
                    column,
                    "",
                    f"byte 0x{raw[error.start]:02x} is not UTF-8: save the file as UTF-8",
                )
            ]
        )


_INDENTED_KEY = re.compile(r"[ \t]+[^\s:#\"'][^:#]*")


def syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error where the mistake is, in plain words, with the fix. The parser's own
    wording ("could not find expected ':'", reported on the line after) is kept for the rest."""
    problem = error.problem or error.context or ""
    mark = error.problem_mark or error.context_mark
    lines = text.split("\n")
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    message = f"YAML syntax: {problem}"
    if "cannot start any token" in problem and line_text[mark.column : mark.column + 1] == "\t":
        message = "YAML syntax: a tab: indent with spaces, not tabs"
    elif problem == "could not find expected ':'" and error.context_mark:
        mark = error.context_mark  # the key itself, not the line after it
        message = "YAML syntax: a key without its colon: write 'key: value' (add ':' after the key)"
    elif problem == "mapping values are not allowed in this context" and mark:
        if _INDENTED_KEY.fullmatch(line_text[: mark.column]):
            message = "YAML syntax: this line is indented more than the line before: line up the keys of one mapping"
        else:
            message = (
                "YAML syntax: a colon and a space inside unquoted text: put the whole text in quotes, "
                'e.g. summary: "Trade: up 5%"'
            )
    elif (
        "end of stream" in problem
        and error.context == "while scanning a quoted scalar"
        and error.context_mark
    ):
        mark = error.context_mark
        message = "YAML syntax: a quoted text is never closed: add the closing quote"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, "", message)


def parse(path: str, raw: bytes) -> Document:
    """Parse one YAML file given as bytes; raise SourceError with its problems."""
    text = decode(path, raw)
    if not text.strip():
        raise SourceError([Problem(path, 1, 1, "", "the file is empty")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise SourceError([syntax_problem(path, text, error)])
    except yaml.YAMLError as error:
        raise SourceError([Problem(path, 1, 1, "", f"YAML syntax: {error}")])
    if node is None:
        raise SourceError([Problem(path, 1, 1, "", "the file has no content, only comments")])
    walker = _Walker(path, text)
    data = walker.walk(node)
    if walker.problems:
        raise SourceError(walker.problems)
    return Document(path, data, walker.positions)


def is_regular_file(path: Path) -> bool:
    """A regular file, or a link to one."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # reading it reports what is wrong


def load(path: Path, display_path: str | None = None) -> Document:
    if not is_regular_file(path):  # a FIFO would wait for ever, a device never end
        raise SourceError(
            [
                Problem(
                    display_path or str(path),
                    1,
                    1,
                    "",
                    "is not a regular file (a pipe, a device "
                    "or a folder): replace it with a YAML file, or remove it",
                )
            ]
        )
    raw = Path(path).read_bytes()
    document = parse(display_path or str(path), raw)
    document.digest = hashlib.sha1(raw).hexdigest()
    return document
