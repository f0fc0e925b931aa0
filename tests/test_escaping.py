"""Property: any text in any text field reaches the page as exactly that text."""

import re

import markdown
from helpers import ROOT, article_text, normalise, unsafe_markup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbuild.build import SiteSettings, render_pages
from newsbuild.load import FORBIDDEN_CHARACTER
from newsbuild.model import load_corpus

ARTICLE_PAGE = "articles/rosenblum-kazakh-american-relations.md"
ARTICLE_SOURCE = "source/articles/rosenblum-kazakh-american-relations.yaml"

# Everything the source takes: no control characters, surrogates, non-characters or bidirectional
# controls (the loader's FORBIDDEN_CHARACTER, which test_unicode_property.py tries one by one).
yaml_text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff\x85"
        ),
        min_size=1,
        max_size=80,
    )
    .map(lambda t: FORBIDDEN_CHARACTER.sub("", t))
    .filter(lambda t: re.search(r"\S", t))
)
markup_words = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![i](data:x)",
        "**b** _i_ `c`",
        '{: onclick="alert(1)" }',
        "!!! note",
        "{{ 7*7 }}",
        "{% raw %}",
        "<!-- material/tags -->",
        "---",
        "| a | b |",
        "&amp; &lt;",
        "\\*",
        "1. ",
        "# ",
        "> ",
        "Қазақстан",
        "שלום",
        "🇰🇿",
        "a\u200bb",
        ":smile:",
    ]
)
# Text starting with the importer's "FILL IN:" marker is reported as a placeholder still to fill in, by design.
field_text = st.one_of(
    yaml_text, st.lists(st.one_of(markup_words, yaml_text), min_size=1, max_size=5).map(" ".join)
).filter(lambda text: not text.lstrip().startswith("FILL IN:"))

MKDOCS_EXTENSIONS = ["attr_list", "md_in_html", "fenced_code", "pymdownx.escapeall", "toc"]


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding text exactly."""
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        + '"'
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=field_text,
    dateline=field_text,
    paragraph=field_text,
    quote=field_text,
    attribution=field_text,
    caption=field_text,
    fact=field_text,
    person=field_text,
)
def test_any_text_renders_literally(
    tmp_path_factory, title, dateline, paragraph, quote, attribution, caption, fact, person
):
    source = tmp_path_factory.mktemp("src")
    for path in (ROOT / "source").rglob("*.yaml"):
        target = source / path.relative_to(ROOT / "source")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    article = source / "articles" / "rosenblum-kazakh-american-relations.yaml"
    text = article.read_text(encoding="utf-8")
    text = re.sub(
        r"^title: .*$", lambda _: f"title: {yaml_string(title)}", text, count=1, flags=re.M
    )
    text = text.replace("dateline: ASTANA", f"dateline: {yaml_string(dateline)}")
    text = text.replace(
        "  - paragraph: >-\n      In relation to cooperation on the policy of sanctions, the Ambassador emphasized that he is\n      currently satisfied with the work done together with Kazakhstan on this issue.",
        f"  - paragraph: {yaml_string(paragraph)}",
    )
    text = text.replace(
        "continue,\n    speaker: daniel-rosenblum\n    attribution: he said.",
        f"continue, {quote.replace(chr(10), ' ')}\n    speaker: daniel-rosenblum\n    attribution: {yaml_string(attribution)}",
    )
    text = text.replace(
        "caption: Ambassador Daniel Rosenblum and Ainur Imangali during an interview Silk Way TV Channel.",
        f"caption: {yaml_string(caption)}",
    )
    text = text.replace("value: about 17 or 18", f"value: {yaml_string(fact)}")
    article.write_text(text, encoding="utf-8")
    people = source / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "name: Daniel Rosenblum", f"name: {yaml_string(person)}"
        ),
        encoding="utf-8",
    )

    pages = render_pages(load_corpus(source), SiteSettings("Test site"))
    body = pages[ARTICLE_PAGE].split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=MKDOCS_EXTENSIONS)
    assert unsafe_markup(html) == []
    shown = article_text(f"<article>{html}</article>")
    for expected in (title, dateline, paragraph, attribution, caption, fact, person):
        assert normalise(expected) in shown, expected
