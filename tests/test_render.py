"""Escaping: what the editor typed is what the reader sees."""

import markdown

from helpers import ROOT  # noqa: F401
from newsbuild.render import escape_markdown

EXTENSIONS = ["attr_list", "md_in_html", "fenced_code", "pymdownx.escapeall", "toc", "admonition", "tables"]


def rendered(text: str) -> str:
    return markdown.markdown(str(escape_markdown(text)), extensions=EXTENSIONS)


def test_markup_in_text_stays_text():
    cases = {
        "<script>alert(1)</script>": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "**bold** and _em_ [link](javascript:alert(1))": "<p>**bold** and _em_ [link](javascript:alert(1))</p>",
        "# not a heading": "<p># not a heading</p>",
        "1. not a list": "<p>1. not a list</p>",
        "2) nor this": "<p>2) nor this</p>",
        "- nor this": "<p>- nor this</p>",
        "--- nor a rule": "<p>--- nor a rule</p>",
        "+ nor this": "<p>+ nor this</p>",
        "~~~ nor a fence": "<p>~~~ nor a fence</p>",
        "``` nor this": "<p>``` nor this</p>",
        "Title ##": "<p>Title ##</p>",
        "!!! note": "<p>!!! note</p>",
        "a | b | c": "<p>a | b | c</p>",
        "Tom &amp; Jerry": "<p>Tom &amp;amp; Jerry</p>",
    }
    for text, html in cases.items():
        assert rendered(text) == html, text


def test_headings_give_mkdocs_the_title_as_typed():
    import html

    from mkdocs.structure.pages import _ExtractTitleTreeprocessor

    for title in ("AT&T <b>; x", "Tom &amp; Jerry (2023)", "*not* _emphasis_ \\ [link](x)"):
        md = markdown.Markdown(extensions=EXTENSIONS)
        extractor = _ExtractTitleTreeprocessor()
        extractor._register(md)
        md.convert(f"# {escape_markdown(title)}\n\ntext\n")
        assert html.unescape(extractor.title) == title  # Material escapes it once more in <title>


def test_attr_list_braces_cannot_add_attributes():
    html = rendered('text\n{: onclick="alert(1)" }')
    assert "onclick=" not in html.replace("{: onclick=&quot;", "").replace('{: onclick="', "")
    assert "{: onclick=" in html


def test_unicode_passes_through_untouched():
    text = "Қазақстан — Казахстан, עברית, 🇰🇿, zero\u200bwidth"
    assert rendered(text) == f"<p>{text}</p>"


def test_front_matter_gives_mkdocs_back_every_value_exactly():
    from mkdocs.utils.meta import get_data

    from newsbuild.render import front_matter

    texts = ["a\u2028b", "next\x85line", "no\u00a0break", "tab\there", "emoji 😀", 'q"uote: # x', "---", ""]
    data = {"description": texts[0], "search": {"boost": 2}, "texts": texts}
    body, meta = get_data(front_matter(data) + "\n\n# Title\n")
    assert meta == data and body.strip() == "# Title"
