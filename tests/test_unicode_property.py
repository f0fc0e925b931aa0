"""Property: any character in any text field either is refused with a located error, or reaches
every page as exactly that text, through the real pipeline: build_pages, MkDocs' own front-matter
reader, a real `mkdocs build`, and Chromium, where no script runs and content adds no element.

Characters are drawn from every Unicode general category that can cause trouble (Cc, Cf, Co, Cs,
Zl, Zp, Zs, noncharacters, bidirectional controls) mixed with printable ones and markup."""

import json
import re
import shutil

import pytest
from browser import Recorder, chromium
from helpers import ROOT, normalise, run_builder_here, run_mkdocs_here
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newsbuild.load import parse

pytestmark = pytest.mark.browser

ARTICLE = "rosenblum-kazakh-american-relations"
ARTICLES = 3  # each with its own texts, built together

# What handbook/guarantees.md promises to refuse, written out here rather than taken from the builder.
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(p * 0x10000 + e) for p in range(17) for e in (0xFFFE, 0xFFFF)
]
BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def refused(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or char in NONCHARACTERS
        or char in BIDI_CONTROLS
        or char in "\u2028\u2029"
    )


troublesome = st.one_of(
    st.characters(categories=["Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Zs"]),
    st.sampled_from(
        NONCHARACTERS[:4]
        + NONCHARACTERS[-4:]
        + BIDI_CONTROLS
        + ["\ufeff", "\u200b", "\u200d", "\u00ad"]
    ),
)
printable = st.characters(categories=["L", "M", "N", "P", "S"])
markup = st.sampled_from(
    [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=window.__pwned=2>",
        "[x](javascript:window.__pwned=3)",
        '{: onclick="window.__pwned=4" }',
        "**b** _i_ `c`",
        "&amp; &lt;",
        "\\",
        "---",
        "1. ",
        "- ",
        "> ",
        "# ",
        "!!! note",
        "{{ 7*7 }}",
        "<!-- x -->",
        "]]>",
        "\"'",
        "Қазақстан",
        "مرحبا",
        "🇰🇿",
    ]
)
text = st.lists(st.one_of(troublesome, printable, markup), min_size=1, max_size=12).map("".join)

ARTICLE_FIELDS = [
    "title",
    "dateline",
    "summary",
    "caption",
    "credit",
    "fact_label",
    "fact_value",
    "paragraph",
    "quote",
    "lead_in",
    "attribution",
]
REGISTRY_FIELDS = {  # registry, entry, field → where it is shown
    ("people.yaml", "daniel-rosenblum", "name"): "people/daniel-rosenblum.html",
    ("people.yaml", "daniel-rosenblum", "role"): "people/daniel-rosenblum.html",
    ("people.yaml", "daniel-rosenblum", "description"): "people/daniel-rosenblum.html",
    ("organizations.yaml", "silk-way-tv", "name"): "organizations/silk-way-tv.html",
    ("organizations.yaml", "silk-way-tv", "description"): "organizations/silk-way-tv.html",
    ("places.yaml", "astana", "name"): "places/astana.html",
    ("places.yaml", "astana", "description"): "places/astana.html",
    ("themes.yaml", "sanctions", "name"): "themes/sanctions.html",
    ("themes.yaml", "sanctions", "description"): "themes/sanctions.html",
    ("publications.yaml", "astana-times", "name"): f"articles/{ARTICLE}.html",
    ("publications.yaml", "astana-times", "attribution"): f"articles/{ARTICLE}.html",
}


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar for value: printable characters raw, the rest as escapes."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif (
            0x20 <= code <= 0x7E
            or (0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000)
            and code != 0xFEFF
        ):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def to_yaml(value) -> str:
    """value as YAML flow syntax (JSON-like), every string written with yaml_string."""
    if isinstance(value, str):
        return yaml_string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_string(k)}: {to_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_yaml(v) for v in value) + "]"
    return json.dumps(value)


def read(path):
    return parse(str(path), path.read_bytes()).data


def write_source(project, article_texts: list[dict], registry_texts: dict) -> None:
    source = project / "source"
    seed = read(ROOT / "source/articles" / f"{ARTICLE}.yaml")
    (source / "articles" / f"{ARTICLE}.yaml").unlink()
    for index, texts in enumerate(article_texts):
        article = json.loads(json.dumps(seed))
        article.update(title=texts["title"], dateline=texts["dateline"], summary=texts["summary"])
        article["media"][0].update(caption=texts["caption"], credit=texts["credit"])
        article["facts"][0].update(label=texts["fact_label"], value=texts["fact_value"])
        article["body"][0]["paragraph"] = texts["paragraph"]
        quote = article["body"][1]
        quote.update(
            quote=texts["quote"], lead_in=texts["lead_in"], attribution=texts["attribution"]
        )
        article["published"] = f"2023-0{index + 1}"
        name = ARTICLE if index == 0 else f"{ARTICLE}-{index}"
        (source / "articles" / f"{name}.yaml").write_text(to_yaml(article) + "\n", encoding="utf-8")
    for registry in {key[0] for key in REGISTRY_FIELDS}:
        data = read(ROOT / "source" / registry)
        for (file, entry, field), value in registry_texts.items():
            if file == registry:
                data[entry][field] = value
        (source / registry).write_text(to_yaml(data) + "\n", encoding="utf-8")


def cleaned(value: str) -> str:
    """value less the characters the builder refuses; still a text (something not blank)."""
    value = "".join(char for char in value if not refused(char))
    text_start = (
        "" if re.search(r"\S", value) and not value.lstrip().startswith("FILL IN:") else "x "
    )
    return text_start + value


def page_text(page) -> str:
    return normalise(page.evaluate("document.querySelector('article').textContent"))


SAFE_TAGS = {
    "a",
    "article",
    "aside",
    "blockquote",
    "br",
    "button",
    "cite",
    "code",
    "details",
    "div",
    "em",
    "figcaption",
    "dd",
    "dl",
    "dt",
    "figure",
    "h1",
    "h2",
    "h3",
    "hr",
    "li",
    "nav",
    "ol",
    "p",
    "path",
    "pre",
    "section",
    "span",
    "strong",
    "summary",
    "svg",
    "ul",
}
ELEMENTS = """() => [...document.querySelectorAll('article *')].map(e =>
    [e.localName, [...e.attributes].map(a => a.name)])"""


@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    article_texts=st.lists(
        st.fixed_dictionaries({field: text for field in ARTICLE_FIELDS}),
        min_size=ARTICLES,
        max_size=ARTICLES,
    ),
    registry_texts=st.fixed_dictionaries({key: text for key in REGISTRY_FIELDS}),
)
def test_any_character_in_any_field_is_refused_or_shown_as_typed(
    tmp_path_factory, article_texts, registry_texts
):
    from helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("unicode") / "project")

    # 1. As typed: every field holding a refused character is reported, located; nothing is written.
    write_source(project, article_texts, registry_texts)
    expect_refused = any(
        refused(c) for texts in article_texts for t in texts.values() for c in t
    ) or any(refused(c) for t in registry_texts.values() for c in t)
    result = run_builder_here(project)
    if expect_refused:
        assert result.returncode == 1, result.stdout
        lines = [line for line in result.stderr.splitlines() if line.startswith("source/")]
        assert lines and all(
            re.match(r"source/[\w/.-]+\.yaml:\d+:\d+: \S.*: ", line) for line in lines
        ), result.stderr
        assert any("is not allowed" in line or "escape" in line for line in lines), result.stderr
        assert not (project / "docs/articles").exists()
    else:
        assert result.returncode == 0, result.stderr

    # 2. Without the refused characters: built, read back by MkDocs, shown as typed, nothing runs.
    article_texts = [{k: cleaned(v) for k, v in texts.items()} for texts in article_texts]
    registry_texts = {k: cleaned(v) for k, v in registry_texts.items()}
    shutil.rmtree(project / "source")
    shutil.copytree(ROOT / "source", project / "source")
    write_source(project, article_texts, registry_texts)
    result = run_builder_here(project)
    assert result.returncode == 0, result.stderr

    from mkdocs.utils.meta import get_data

    for page in (project / "docs").rglob("*.md"):
        body, meta = get_data(page.read_text(encoding="utf-8"))
        assert not body.startswith("---"), page  # the front matter was read, not left as page text
    result = run_mkdocs_here(project)
    assert result.returncode == 0, result.stderr

    site = project / "site"
    expected = {}
    for index, texts in enumerate(article_texts):
        name = ARTICLE if index == 0 else f"{ARTICLE}-{index}"
        expected[f"articles/{name}.html"] = list(texts.values())
        expected[f"embed/{name}.html"] = [
            texts[f] for f in ("title", "dateline", "summary", "paragraph", "quote")
        ]
    for (_, _, _), shown_on in REGISTRY_FIELDS.items():
        expected.setdefault(shown_on, [])
    for key, value in registry_texts.items():
        expected[REGISTRY_FIELDS[key]].append(value)

    with chromium() as browser:
        page = browser.new_page()  # one tab from page to page
        seen = Recorder().attach(page)
        for path, values in expected.items():
            seen.clear()
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None and seen.dialogs == [], path
            assert seen.page_errors == [], path
            for tag, attributes in page.evaluate(ELEMENTS):
                assert tag in SAFE_TAGS, (path, tag)
                assert not [
                    a for a in attributes if a.startswith("on") or a in ("src", "style", "srcdoc")
                ], (path, tag, attributes)
            shown = page_text(page)
            for value in values:
                assert normalise(value) in shown, (path, value)
            if path.startswith("articles/"):
                title = next(
                    t["title"]
                    for i, t in enumerate(article_texts)
                    if path == f"articles/{ARTICLE if i == 0 else f'{ARTICLE}-{i}'}.html"
                )
                # Material's <title> goes through Jinja's striptags, which joins str.split(): any
                # run of Unicode spaces becomes one space there. The heading keeps them as typed.
                assert " ".join(title.split()) in page.title()
                headline = page.evaluate(
                    "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent).headline"
                )
                assert headline == title
