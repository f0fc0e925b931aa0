"""Escaping and headings: what the editor typed is what the reader sees, and MkDocs gets the headings it would make."""

from html.parser import HTMLParser

import markdown
import pytest
from helpers import ROOT  # noqa: F401

from newsbuild.render import Headings, escape_text

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "**bold** and _em_ [link](javascript:alert(1))",
    "# not a heading",
    '{: onclick="alert(1)" }',
    "Tom &amp; Jerry &lt;b&gt; &#60;",
    "a | b | c ``` ~~~ !!! note",
    "</p></div><!-- x --><![CDATA[ y ]]>",
    "Қазақстан — Казахстан, עברית, 🇰🇿, zero\u200bwidth",
]


class _Parsed(HTMLParser):
    """What a browser's parser makes of markup: its elements, its text, and one attribute's value."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.title = [], "", None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.title = dict(attrs).get("title", self.title)

    def handle_data(self, data):
        self.text += data


def test_text_stays_text_in_content_and_attributes():
    for text in HOSTILE:
        content = _Parsed(f"<p>{escape_text(text)}</p>")
        assert content.tags == ["p"] and content.text == text, text
        attribute = _Parsed(f'<a title="{escape_text(text)}">x</a>')
        assert attribute.tags == ["a"] and attribute.title == text and attribute.text == "x", text


def test_unicode_passes_through_untouched_and_ascii_spaces_collapse():
    text = "Қазақстан — Казахстан, עברית, 🇰🇿, zero\u200bwidth, no\u00a0break"
    assert escape_text(text) == text
    assert escape_text(" two  spaces,\ttab\nand line ") == "two spaces, tab and line"


def test_headings_give_mkdocs_the_title_as_typed():
    import html

    for title in (
        "AT&T <b>; x",
        "Tom &amp; Jerry (2023)",
        "*not* _emphasis_ \\ [link](x)",
        'say "no"',
    ):
        headings = Headings()
        headings.add(1, escape_text(title), "", None)
        _, found = headings.resolve("")
        assert html.unescape(found[0][2]) == title  # Material escapes it once more in <title>


def test_heading_ids_are_those_python_markdown_gives():
    """The ids the toc extension gives the same headings: slugs, repeats numbered, and no id taken twice."""
    titles = [
        (1, "Themes"),
        (2, "Themes"),
        (2, "2023"),
        (3, "August 2023"),
        (2, "Қазақстан"),
        (2, "Қазақстан"),
        (2, "Kazakhstan–U.S. Relations"),
        (2, "Key facts"),
    ]
    headings = Headings()
    body = "\n".join(headings.add(level, escape_text(text), "", None) for level, text in titles)
    body += '\n<div id="themes_2">x</div>'
    body, found = headings.resolve(body)

    source = (
        "\n\n".join(f"{'#' * level} {text}" for level, text in titles)
        + '\n\n<div id="themes_2">x</div>\n'
    )
    md = markdown.Markdown(extensions=["toc"])
    md.convert(source)
    expected, pending = [], list(md.toc_tokens)
    while pending:
        token = pending.pop(0)
        expected.append([token["level"], token["id"], token["name"]])
        pending[:0] = token["children"]
    assert found == expected
    for _, anchor, _ in found:
        assert body.count(f'id="{anchor}"') == 1 and f'href="#{anchor}"' in body


def test_a_heading_id_never_repeats_an_explicit_one():
    headings = Headings()
    body = headings.add(1, escape_text("Key facts"), "", None) + headings.add(
        2, "Key facts", "", "key-facts"
    )
    body, found = headings.resolve(body)
    assert [anchor for _, anchor, _ in found] == ["key-facts_1", "key-facts"]


def test_a_nul_in_text_cannot_pose_as_a_heading_id():
    """Text from mkdocs.yml (the site name) is not checked like source text: a NUL must not act as the
    marker of a heading's id. Browsers drop NUL from text; it is written as U+FFFD."""
    headings = Headings()
    body = headings.add(1, escape_text("Site \x000\x00 name"), "", None) + headings.add(
        2, escape_text("Next"), "", None
    )
    body, found = headings.resolve(body)
    assert "\x00" not in body and [anchor for _, anchor, _ in found] == ["site-0-name", "next"]
    assert found[0][2] == "Site \ufffd0\ufffd name"


def test_front_matter_gives_mkdocs_back_every_value_exactly():
    from mkdocs.utils.meta import get_data

    from newsbuild.render import front_matter

    texts = [
        "a\u2028b",
        "next\x85line",
        "no\u00a0break",
        "tab\there",
        "emoji 😀",
        'q"uote: # x',
        "---",
        "",
    ]
    data = {"description": texts[0], "search": {"boost": 2}, "texts": texts}
    body, meta = get_data(front_matter(data) + "\n\n# Title\n")
    assert meta == data and body.strip() == "# Title"


@pytest.mark.parametrize(
    "quote, pulled",
    [
        (
            "We saw an increase from the U.S. and U.S. companies. We see it growing,",
            "We saw an increase from the U.S. and U.S. companies.",
        ),
        (
            "Mr. Smith met Gen. Jones in Astana. Then they left,",
            "Mr. Smith met Gen. Jones in Astana.",
        ),
        ("It is one sentence,", "It is one sentence,"),
        ("Was it good? We agreed it was.", "Was it good?"),
        ("Мы откроем переговоры. Это важно,", "Мы откроем переговоры."),
        ("Біз келісімге қол қойдық. Бұл маңызды.", "Біз келісімге қол қойдық."),
        ("The C5+1 met. Then it ended.", "The C5+1 met."),
        ("He said “Yes.” Then he left.", "He said “Yes.”"),
    ],
)
def test_a_pull_quote_is_the_quotes_first_sentence(quote, pulled):
    from newsbuild.render import first_sentence

    assert first_sentence(quote) == pulled


@pytest.mark.parametrize(
    "quote, attribution, language, shown",
    [
        ("We will sign it this year", "she said.", "en", "“We will sign it this year,”"),
        ("We will sign it this year,", "she said.", "en", "“We will sign it this year,”"),
        ("Will we sign it?", "she asked.", "en", "“Will we sign it?”"),
        ("We will sign it this year.", None, "en", "“We will sign it this year.”"),
        ("It costs $3 billion", "the minister said.", "en", "“It costs $3 billion,”"),
        ("Мы подпишем его в этом году", "сказала она.", "ru", "«Мы подпишем его в этом году»,"),
        ("Мы подпишем его в этом году.", "сказала она.", "ru", "«Мы подпишем его в этом году»,"),
        ("Подпишем ли мы его?", "спросила она.", "ru", "«Подпишем ли мы его?»"),
        ("Біз оған қол қоямыз", "деді ол.", "kk", "«Біз оған қол қоямыз»,"),
        ("Wir unterschreiben es", "sagte sie.", "de-CH", "„Wir unterschreiben es“,"),
        ("<b>&</b>", "she said.", "en", "“&lt;b&gt;&amp;&lt;/b&gt;”"),  # escaped, never markup
    ],
)
def test_a_quote_is_set_in_its_languages_marks_with_the_comma_the_sentence_goes_on_with(
    quote, attribution, language, shown
):
    """Through the page environment, as the templates call it: the article's language chooses."""
    from types import SimpleNamespace

    from newsbuild.render import create_environment

    template = create_environment().from_string("{{ quoted(text, article, attribution) }}")
    article = SimpleNamespace(language=language)
    rendered = template.render(
        text=quote, article=article, attribution=attribution, site_language="en"
    )
    assert rendered == shown


def test_a_quote_of_initials_only_has_one_sentence_whatever_its_length():
    """Every dot follows an initial: no sentence ends, and each candidate looks at one word only."""
    from newsbuild.render import first_sentence

    quote = "A. B. " * 100_000 + "C."
    assert first_sentence(quote) == quote


def test_links_between_pages_are_those_posixpath_relpath_gives():
    """Every link's address from the folder of its page: the shortcut the renderer takes for docs/
    paths gives what posixpath.relpath does, for pages in the same, a parent, a child and an unrelated
    folder, at the top and nested."""
    import posixpath
    from itertools import product

    from newsbuild.render import relative_path

    folders = ["", "articles", "themes", "themes/trade", "themes/trade/2023", "people", "a", "ab"]
    files = ["index.html", "articles/x.html", "themes/trade.html", "themes/trade/2023.html"]
    files += ["themes/trade/2023/08.html", "media/p/photo-96.webp", "a/b/c.html", "ab.html"]
    for target, here in product(files, folders):
        assert relative_path(target, here) == posixpath.relpath(target, here or "."), (target, here)
