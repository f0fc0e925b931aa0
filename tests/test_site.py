"""End to end: the real source becomes a site with every sentence of the seed article."""

import re

from helpers import (
    ROOT,
    article_text,
    normalise,
    run_builder,
    run_builder_here,
    run_mkdocs,
    seed_body_sentences,
)

ARTICLE_HTML = "articles/rosenblum-kazakh-american-relations.html"


def test_article_page_has_every_body_sentence_of_the_seed(built_site):
    _, site = built_site
    text = article_text((site / ARTICLE_HTML).read_text(encoding="utf-8"))
    sentences = seed_body_sentences()
    assert len(sentences) >= 20
    missing = [s for s in sentences if normalise(s) not in text]
    assert missing == []


def test_every_quote_is_set_as_text_naming_its_speaker_once(built_site):
    """In the text, as news pages set quotes: the speaker named by the words around the quote as
    published (linked where they name him), never again after it; one quote pulled out large."""
    _, site = built_site
    html = (site / ARTICLE_HTML).read_text(encoding="utf-8")
    quotes = re.findall(r'<p class="article-quote" id="q-[0-9a-f]+">(.*?)</p>', html, re.S)
    assert len(quotes) == 4
    speaker = '<a href="../people/daniel-rosenblum.html">Rosenblum</a>'
    assert [quote.rsplit("”", 1)[1] for quote in quotes] == [
        f" said {speaker}.",
        " he said.",
        f" said {speaker}.",
        " the Ambassador said.",
    ]
    assert "Daniel Rosenblum</cite>" not in html and "— <a" not in "".join(quotes)
    pulled = re.findall(
        r'<aside class="pull-quote" aria-hidden="true"[^>]*>(.*?)</aside>', html, re.S
    )
    assert len(pulled) == 1
    assert (
        "“We saw a significant increase in direct investment from the U.S. and U.S. companies.”"
        in (pulled[0])
    )


def test_hub_pages_exist(built_site):
    _, site = built_site
    for page in [
        "index.html",
        "archive.html",
        "themes/index.html",
        "themes/sanctions.html",
        "people/daniel-rosenblum.html",
        "organizations/silk-way-tv.html",
        "places/astana.html",
        "about.html",
    ]:
        assert (site / page).is_file(), page


def test_second_build_rewrites_nothing(project):
    assert run_builder_here(project).returncode == 0
    again = run_builder_here(project)
    assert again.returncode == 0
    assert " 0 page(s) written" in again.stdout


def test_no_page_requests_a_third_party_host(built_site):
    _, site = built_site
    offenders = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            if re.search(r'(?:src|href)="(?:https?:)?//', tag) and 'rel="canonical"' not in tag:
                offenders.append((page.name, tag))
    assert offenders == []


def test_same_source_gives_identical_docs_and_site(project, tmp_path):
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for run in range(2):
        # each build a process of its own with its own hash seed: no order may depend on either
        seed = {"PYTHONHASHSEED": str(run + 1)}
        assert run_builder(project, env_extra=seed).returncode == 0
        site = tmp_path / f"site{run}"
        assert run_mkdocs(project, "-d", str(site), env_extra={**epoch, **seed}).returncode == 0
        docs = {
            p.relative_to(project / "docs"): p.read_bytes()
            for p in (project / "docs").rglob("*.md")
        }
        files = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        outputs.append((docs, files))
        for generated in (project / "docs" / "articles").glob("*.md"):
            generated.unlink()  # force the second run to regenerate
    assert outputs[0][0] == outputs[1][0]
    differing = [path for path in outputs[0][1] if outputs[0][1][path] != outputs[1][1].get(path)]
    assert differing == []


def test_the_readmes_install_lines_are_the_ones_ci_runs():
    """A fresh machine set up with the README's lines is the machine CI tests on."""

    def install_lines(text: str) -> list[str]:
        joined = text.replace("\\\n", " ")
        return [
            " ".join(line.replace("sudo ", "").split())
            for line in joined.splitlines()
            if "apt-get install" in line and not line.lstrip().startswith("#")
        ]

    readme = install_lines((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = install_lines((ROOT / ".ci/run").read_text(encoding="utf-8"))
    assert readme and readme == ci
