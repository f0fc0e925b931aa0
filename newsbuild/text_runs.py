"""A Python-Markdown extension that reads each run of plain and backslash-escaped text in one step.

The builder escapes every character of content text that could open Markdown or HTML
syntax (`\\*`, `\\<`, `\\(` …). Python-Markdown handles each escape as a separate inline
match and rebuilds the whole text string after each one, so a paragraph of n escapes
costs n × its length: 500 KB of punctuation took minutes. This inline processor runs
before the escape pattern and turns a whole run of plain characters and escapes into
one text node, so rendering is linear in the length of the text.

It changes no output: a run stops at every character that other inline patterns start
from (backticks, emphasis, brackets, parentheses, `<`, `&`, `!`, line ends), starts
only right after one of them (never inside an HTML tag, an entity or a link
destination), and never touches `_` or a space next to a delimiter, which emphasis
rules look at. hooks/generated_pages.py uses it only for the pages the builder
generates, whose Markdown is escaped text inside the templates' fixed markup: a
hand-written page may hold any Markdown (Python-Markdown's own emphasis handling loses
text on some odd inputs, and would lose it differently with runs). tests/test_text_runs.py renders generated pages
and escaped texts of every kind with and without it and compares the HTML.
"""

from __future__ import annotations

from markdown.inlinepatterns import InlineProcessor
from markdown.util import ETX, STX, AtomicString

# Characters a run never contains raw: what other inline patterns start from or look at, the
# placeholders Python-Markdown puts in text (STX, ETX), line breaks and other control characters.
_PLAIN = r"[^\\`*_\[\]{}|!#~<>&()\x00-\x1f \t]"
# An escaped ASCII punctuation mark other than '&', as Markdown and pymdownx.escapeall read it, or one
# of the three entities the builder writes for '&', '<' and '>'.
_ESCAPE = r"\\[!-%'-/:-@\[-`{-~]|&(?:amp|lt|gt);"
_TEXT = rf"(?:{_PLAIN}|{_ESCAPE})"
# A run's first and last character: text that is no space of any kind (emphasis reads a no-break
# space beside '*' as a space, so it must stay raw there).
_EDGE = rf"(?:(?!\s){_PLAIN}|{_ESCAPE})"
RUN = (
    # Starts at the beginning, or right after a character that ends every other inline match
    # (spaces may follow it), or right after '*' (no space: emphasis looks at that character).
    # Never after '<', '&', '_', '(', '#' or a plain character: not inside a tag, an entity, a
    # word or a link destination.
    r"(?:(?<![^`\[\]{}|~>)\n])[ \t]*|(?<=\*))"
    # Begins and ends with text, not space: a space beside '*' or before a line end stays raw.
    rf"{_EDGE}(?:(?:{_TEXT}|[ \t])*{_EDGE})?"
    # Ends where another pattern may start, but not right before '_' (emphasis looks at that).
    rf"(?=[^\S\n]*(?:[`*\[\]{{}}|!#~<>&()\n]|\\(?![!-%'-/:-@\[-`{{-~])|\Z))"
)
_ENTITIES = ("&amp;", "&lt;", "&gt;")
_PUNCTUATION = [chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum() and chr(c) not in "\\&"]
PRIORITY = 185  # after code spans (190), whose backslashes are literal; before escapes (180)


class TextRunProcessor(InlineProcessor):
    def __init__(self, pattern, md):
        super().__init__(pattern, md)
        self.entities: dict[str, str] = {}

    def entity(self, entity: str) -> str:
        """The HTML stash placeholder for an entity, as Markdown's entity pattern makes it: one
        stash entry per page serves every occurrence."""
        if entity not in self.entities:
            self.entities[entity] = self.md.htmlStash.store(entity)
        return self.entities[entity]

    def handleMatch(self, match, data):
        # Each escape becomes the placeholder Markdown's own escape pattern would make (STX, the
        # character's code, ETX), restored only after the tree processors: attr_list must not see a
        # literal '{' from content. Plain str.replace calls: linear, and no Python call per escape.
        # Escaped backslashes go first; replacing left to right keeps every pair aligned.
        text = match.group()
        if "\\" in text:
            text = text.replace("\\\\", f"{STX}92{ETX}")
            for char in _PUNCTUATION:
                if "\\" + char in text:
                    text = text.replace("\\" + char, f"{STX}{ord(char)}{ETX}")
        if "&" in text:  # '&' is never escaped in a run: these are whole entities
            for entity in _ENTITIES:
                if entity in text:
                    text = text.replace(entity, self.entity(entity))
        return AtomicString(text), match.start(), match.end()
