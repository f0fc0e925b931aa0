"""One story in several languages: its versions link each other (on the page, in the head and in the
sitemap, with hreflang), listings show the story once, and every article of a language has its pages.

The site is the shipped one with tests/fixtures/languages/: the visa-centre story in English, Russian
and Kazakh, where only the Russian version names the English one and the Kazakh the Russian (the
versions are joined both ways and through each other), and a Russian and a Kazakh article of their own.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from browser import reader_tab
from helpers import ROOT, copy_project, run_builder_here
from standard_sites import SITE_URL

STORY = {"en": "visa-centre-en", "ru": "visa-centre-ru", "kk": "visa-centre-kk"}
ALONE = {"ru": "c5-trade-ru", "kk": "grain-exports-kk"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақ тілі"}  # CLDR's, each in itself
LABEL = {"en": "Also in:", "ru": "Другие языки:", "kk": "Басқа тілдер:"}  # newsbuild/locale/


def add_language_fixtures(project: Path) -> None:
    for article in (ROOT / "tests/fixtures/languages").glob("*.yaml"):
        shutil.copy(article, project / "source/articles" / article.name)


@pytest.fixture(scope="module")
def site(languages_site):
    """The shipped site with tests/fixtures/languages/ (conftest.py), at SITE_URL: its site dir."""
    return languages_site


def head_alternates(page: str) -> dict[str, str]:
    """hreflang → href of the page head's language versions."""
    return {
        hreflang: href
        for hreflang, href in re.findall(
            r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', page
        )
    }


def test_every_version_links_every_other_with_hreflang_on_the_page_and_in_the_head(site):
    with reader_tab() as page:
        for language, article in STORY.items():
            page.goto((site / f"articles/{article}.html").as_uri())
            links = page.eval_on_selector_all(
                "nav.article-versions a",
                """links => links.map(a => [a.getAttribute('href'), a.hreflang, a.textContent,
                    ['en', 'ru', 'kk'].find(l => a.matches(`:lang(${l})`))])""",
            )
            others = {tag: id for tag, id in STORY.items() if tag != language}
            assert [(href, tag) for href, tag, _, _ in links] == [
                (f"{id}.html", tag) for tag, id in sorted(others.items())
            ]
            # each language named in itself and marked so, the label in the page's language
            assert {tag: name for _, tag, name, _ in links} == {t: NAMES[t] for t in others}
            assert all(tag == computed for _, tag, _, computed in links), links
            # its label in the article's language, as the article's other labels
            label = page.eval_on_selector(
                "nav.article-versions .also-in",
                "(e, l) => [e.firstChild.textContent.trim(), e.matches(`:lang(${l})`)]",
                language,
            )
            assert label == [LABEL[language], True], label
        for language, article in STORY.items():
            html = (site / f"articles/{article}.html").read_text(encoding="utf-8")
            assert head_alternates(html) == {
                tag: f"{SITE_URL}articles/{id}.html" for tag, id in STORY.items()
            }


def test_the_sitemap_names_each_versions_others_and_the_links_are_reciprocal(site):
    urls = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in ElementTree.parse(site / "sitemap.xml").getroot()
    }
    story = {f"{SITE_URL}articles/{id}.html": tag for tag, id in STORY.items()}
    for url, tag in story.items():
        assert urls[url] == {t: u for u, t in story.items()}, url
        for other in urls[url].values():  # whatever a page names names it back
            assert urls[other][tag] == url
    # an article with no other version names none
    assert urls[f"{SITE_URL}articles/{ALONE['ru']}.html"] == {}
    assert urls[f"{SITE_URL}articles/rosenblum-kazakh-american-relations.html"] == {}


def listed(page: str) -> set[str]:
    """The article pages a listing page's content links to by their headline (not the Also in links)."""
    content = page.split('<article class="md-content__inner', 1)[1]
    return {
        href.rsplit("/", 1)[-1].removesuffix(".html")
        for href in re.findall(
            r'<a (?:lang="[^"]+" )?href="((?:\.\./)*articles/[^"#]+)(?:#[^"]*)?"(?! hreflang)',
            content,
        )
    }


def test_listings_show_a_story_once_in_the_sites_language_naming_its_other_languages(site):
    for path in ("archive.html", "index.html", "themes/visas-travel.html", "places/astana.html"):
        page = (site / path).read_text(encoding="utf-8")
        shown = listed(page)
        assert STORY["en"] in shown and not shown & {STORY["ru"], STORY["kk"]}, (path, shown)
        also = re.search(r'<span class="also-in" lang="en">Also in: (.*?)</span>', page)
        assert also, path
        assert re.findall(r'hreflang="([^"]+)"', also[1]) == ["kk", "ru"]
    # the person's quotes: the story's once, and the articles of their own in each language
    person = (site / "people/daniel-rosenblum.html").read_text(encoding="utf-8")
    assert "This will halve the wait" in person and "Это вдвое сократит" not in person
    assert "Мы видим интерес" in person and "Бұл екі ел арасындағы" in person
    # the related articles of a version are never its own other versions
    for article in STORY.values():
        related = (site / f"articles/{article}.html").read_text(encoding="utf-8")
        related = related.split('id="related-articles"', 1)[1].split("</ul>", 1)[0]
        assert not any(f"{other}.html" in related for other in STORY.values()), article


def test_a_page_per_language_lists_every_article_in_it(site):
    archive = (site / "archive.html").read_text(encoding="utf-8")
    for tag in ("en", "kk", "ru"):
        assert f'href="languages/{tag}.html" hreflang="{tag}" lang="{tag}"' in archive
    ru = (site / "languages/ru.html").read_text(encoding="utf-8")
    assert "<h1" in ru and "Articles in Russian" in ru
    assert listed(ru) == {STORY["ru"], ALONE["ru"]}
    assert listed((site / "languages/kk.html").read_text("utf-8")) == {STORY["kk"], ALONE["kk"]}
    english = listed((site / "languages/en.html").read_text("utf-8"))
    assert english == {STORY["en"], "rosenblum-kazakh-american-relations"}


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    add_language_fixtures(project)
    return project


def set_translations(project: Path, article: str, translations: str) -> Path:
    path = project / "source/articles" / f"{article}.yaml"
    text = re.sub(r"translations: .*\n", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("\npublished:", f"\n{translations}\npublished:", 1), "utf-8")
    return path


@pytest.mark.parametrize(
    "article, translations, field, lines_below, message",
    [
        (
            "visa-centre-kk",
            "translations: [visa-centre-r]",
            "translations.0",
            0,
            "no article 'visa-centre-r' in source/articles/ (did you mean 'visa-centre-ru'?)",
        ),
        (
            "visa-centre-kk",
            "translations:\n  - visa-centre-ru\n  - visa-centre-kk",
            "translations.1",
            2,
            "'visa-centre-kk' is this article itself",
        ),
        # two English versions of one story, joined through the Russian one
        (
            "c5-trade-ru",
            "translations: [visa-centre-en]",
            "translations.0",
            0,
            "are both in Russian (ru), and translations join them as versions of one story",
        ),
        (
            "rosenblum-kazakh-american-relations",
            "translations: [visa-centre-kk]",
            "translations.0",
            0,
            "are both in English (en)",
        ),
    ],
)
def test_a_wrong_translation_is_a_located_error_and_nothing_is_written(
    project, article, translations, field, lines_below, message
):
    assert run_builder_here(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    path = set_translations(project, article, translations)
    result = run_builder_here(project)
    assert result.returncode == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    line = (
        1 + lines_below + next(i for i, text in enumerate(lines) if text.startswith("translations"))
    )
    assert re.search(
        rf"source/articles/{article}\.yaml:{line}:\d+: {re.escape(field)}: .*{re.escape(message)}",
        result.stderr,
    ), result.stderr
    after = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert after == before


def test_a_version_removed_is_no_longer_linked(project):
    """The pages build_pages.py writes (docs/: the page's HTML and its head's front matter)."""
    assert run_builder_here(project).returncode == 0
    english = project / "docs/articles/visa-centre-en.md"
    assert 'hreflang="kk"' in english.read_text("utf-8")
    (project / "source/articles/visa-centre-kk.yaml").unlink()
    assert run_builder_here(project).returncode == 0
    text = english.read_text("utf-8")
    assert 'hreflang="ru"' in text and 'hreflang="kk"' not in text
    assert "visa-centre-kk" not in text  # nor in the front matter's alternates
    assert "visa-centre-kk.html" not in (project / "docs/archive.md").read_text("utf-8")


def test_the_benchmarks_archive_in_three_languages_is_one_story_per_three_articles(tmp_path):
    """bench/languages.py's archive: a third of the articles in each language, every three one story
    whose listings show the English version once."""
    from bench.synthetic import write_archive
    from newsbuild.model import load_corpus
    from newsbuild.pages import Indexes

    corpus = load_corpus(write_archive(tmp_path, 9, languages=True), parallel=False)
    assert (
        sorted(a.language or "en" for a in corpus.articles) == ["en"] * 3 + ["kk"] * 3 + ["ru"] * 3
    )
    stories = {a.story for a in corpus.articles}
    assert stories == {tuple(f"article-{i:05d}" for i in range(k, k + 3)) for k in (0, 3, 6)}
    indexes = Indexes.of(corpus, "en")
    assert sorted(a.id for a in indexes.listed) == [
        "article-00000",
        "article-00003",
        "article-00006",
    ]
    english = next(a for a in corpus.articles if a.id == "article-00003")
    assert [v.id for v in indexes.stories.versions(english)] == ["article-00005", "article-00004"]


def test_the_sitemap_of_a_renderer_without_one_names_the_versions_too(tmp_path):
    """`newsbuild finish` writes the sitemap for a renderer that makes none (ProperDocs' own is
    MkDocs'), from the pages' front matter: the same hreflang links."""
    from newsbuild.finish import FinishReport, SourcePage, write_sitemap

    versions = [
        {"hreflang": "en", "href": "articles/visa-centre-en.html"},
        {"hreflang": "ru", "href": "articles/visa-centre-ru.html"},
    ]
    pages = [
        SourcePage(version["href"], {"alternates": versions, "lastmod": "2024-03-12"}, "")
        for version in versions
    ]
    write_sitemap(tmp_path, pages, SITE_URL, FinishReport())
    for url in ElementTree.parse(tmp_path / "sitemap.xml").getroot():
        assert {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")} == {
            version["hreflang"]: SITE_URL + version["href"] for version in versions
        }
