"""The reading experience: deep links between articles, themes and people resolve."""

import re

from helpers import page_links, resolve, run_builder_here, searchable_pages

ARTICLE = "articles/rosenblum-kazakh-american-relations.html"


def ids_of(path):
    return page_links(path.read_text(encoding="utf-8"))[0]


def test_every_quote_is_on_its_speakers_page_linking_to_its_anchor(built_site):
    _, site = built_site
    article_html = (site / ARTICLE).read_text(encoding="utf-8")
    anchors = re.findall(r'<p class="article-quote" id="(q-[0-9a-f]+)">', article_html)
    assert len(anchors) == 4
    for anchor in anchors:  # the seed's speaker: Daniel Rosenblum
        speaker_href = "../people/daniel-rosenblum.html"
        speaker_page = (site / ARTICLE).parent / speaker_href
        _, links = page_links(speaker_page.read_text(encoding="utf-8"))
        targets = [resolve(site, speaker_page, href) for href, _ in links]
        assert ((site / ARTICLE).resolve(), anchor) in targets, (speaker_href, anchor)


def test_every_theme_excerpt_links_to_an_existing_anchor(built_site):
    _, site = built_site
    theme_pages = [p for p in (site / "themes").glob("*.html") if p.name != "index.html"]
    assert len(theme_pages) >= 5
    checked = 0
    for page in theme_pages:
        _, links = page_links(page.read_text(encoding="utf-8"))
        for href, _ in links:
            if "/articles/" in href and "#" in href:
                target, fragment = resolve(site, page, href)
                assert fragment in ids_of(target), (page.name, href)
                checked += 1
    assert checked >= 9


def test_people_organizations_and_places_have_pages_and_indexes(built_site):
    _, site = built_site
    assert len(list((site / "people").glob("*.html"))) >= 5  # four people and the index
    for kind in ("organizations", "places"):
        assert (site / kind / "index.html").exists() and len(
            list((site / kind).glob("*.html"))
        ) >= 2


def test_listing_pages_are_kept_out_of_search(built_site):
    _, site = built_site
    locations = searchable_pages(site)
    assert ARTICLE in locations and "people/daniel-rosenblum.html" in locations
    assert "themes/sanctions.html" in locations  # a theme is found by its name, not by its excerpts
    listings = {"index.html", "archive.html", "themes/index.html", "people/index.html"}
    assert locations.isdisjoint(listings)


def test_nav_lists_hubs_not_articles(built_site):
    _, site = built_site
    html = (site / ARTICLE).read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S).group(0)
    labels = re.findall(r"md-tabs__link[^>]*>\s*([^<]+?)\s*<", nav)
    assert labels == ["Home", "Themes", "People", "Organizations", "Places", "Archive", "About"]


def test_editing_one_paragraph_keeps_the_other_anchors(project):
    assert run_builder_here(project).returncode == 0
    page = project / "docs" / "articles" / "rosenblum-kazakh-american-relations.md"
    before = re.findall(r"(?:#|id=\")([pq]-[0-9a-f]+)", page.read_text(encoding="utf-8"))
    source = project / "source/articles/rosenblum-kazakh-american-relations.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("Central Asia is key.", "Central Asia is crucial."), encoding="utf-8"
    )
    assert run_builder_here(project).returncode == 0
    after = re.findall(r"(?:#|id=\")([pq]-[0-9a-f]+)", page.read_text(encoding="utf-8"))
    assert len(before) == len(after) == 9
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [3]  # only the edited paragraph's anchor moved


def _shared_score(article, other):
    return 2 * len(set(article.all_people) & set(other.all_people)) + len(
        set(article.all_themes) & set(other.all_themes)
    )


def test_related_articles_are_those_sharing_most_people_and_themes(tmp_path):
    """On an archive small enough that every sharer is a candidate, the ranking is exact:
    most shared people (counted twice) and themes first, then newest."""
    from bench.synthetic import write_archive
    from newsbuild.model import load_corpus
    from newsbuild.pages import RELATED_LIMIT, related_articles

    corpus = load_corpus(write_archive(tmp_path, 60))
    related = related_articles(corpus)
    order = {a.id: i for i, a in enumerate(corpus.articles)}
    for article in corpus.articles:
        sharers = [o for o in corpus.articles if o is not article and _shared_score(article, o)]
        expected = sorted(sharers, key=lambda o: (-_shared_score(article, o), order[o.id]))[
            :RELATED_LIMIT
        ]
        assert [a.id for a in related[article.id]] == [a.id for a in expected], article.id


def test_related_articles_on_a_large_archive_all_share_something(tmp_path):
    from bench.synthetic import write_archive
    from newsbuild.model import load_corpus
    from newsbuild.pages import RELATED_LIMIT, related_articles

    corpus = load_corpus(write_archive(tmp_path, 600))
    related = related_articles(corpus)
    for article in corpus.articles:
        scores = [_shared_score(article, other) for other in related[article.id]]
        assert len(scores) == RELATED_LIMIT and article not in related[article.id]
        assert all(scores) and scores == sorted(scores, reverse=True), article.id
        # a speaker's other articles come before those that only share a theme
        assert scores[0] >= 2, article.id


def test_quotes_out_of_their_article_end_with_a_full_stop_and_the_article_keeps_the_comma(
    built_site,
):
    from helpers import article_text

    _, site = built_site
    article = article_text((site / ARTICLE).read_text(encoding="utf-8"))
    person = article_text((site / "people/daniel-rosenblum.html").read_text(encoding="utf-8"))
    theme = article_text((site / "themes/trade-investment.html").read_text(encoding="utf-8"))
    assert "diverse areas of the economy,” said Rosenblum." in article
    assert "diverse areas of the economy.”" in person and "areas of the economy,”" not in person
    assert "diverse areas of the economy.”" in theme
