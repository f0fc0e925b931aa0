"""Drafts, scheduled articles, updates with corrections, and withdrawals, checked on the built site:
article pages, listings, person and theme pages, feeds, search, sitemap, JSON-LD and embeds."""

from __future__ import annotations

import json
import re

import pytest
from helpers import build_site, copy_project, run_builder_here, searchable_pages

JANUARY_2025 = "1735732800"  # 2025-01-01 12:00 UTC, as SOURCE_DATE_EPOCH
JUNE_2025 = "1748779200"  # 2025-06-01 12:00 UTC

ARTICLE = """\
title: "{title}"
publication: astana-times
published: "{published}"
dateline: ASTANA
source_url: https://astanatimes.example/{id}
summary: Summary of the {id} article.
people: [daniel-rosenblum]
themes: [sanctions]
{extra}body:
  - paragraph: "Body text {id} on sanctions cooperation."
    themes: [sanctions]
"""
ARTICLES = {
    "lifecycle-draft": ("A Draft Still Being Written", "2024-05-01", "status: draft\n"),
    "lifecycle-scheduled": ("An Embargoed Interview", "2025-06-01", ""),
    "lifecycle-corrected": (
        "A Story Updated and Corrected",
        "2024-03-01",
        'updated: "2024-03-03"\ncorrections:\n'
        '  - date: "2024-03-02"\n    text: "An earlier version gave the wrong year for the agreement."\n'
        '  - date: "2024-03-03"\n    text: "The ambassador\'s title was corrected."\n',
    ),
    "lifecycle-withdrawn": (
        "A Story Withdrawn",
        "2024-04-01",
        'status: withdrawn\nwithdrawn_note: "The article repeated claims we could not verify."\n',
    ),
    # 1 June in Astana, still 31 May in UTC
    "lifecycle-timed": (
        "A Story Filed Before Dawn",
        "2024-06-01T02:15:00+06:00",
        'updated: "2024-06-01 18:00Z"\n',
    ),
}
LISTINGS = ["archive.html", "index.html", "themes/sanctions.html", "people/daniel-rosenblum.html"]


def add_articles(project):
    for article_id, (title, published, extra) in ARTICLES.items():
        text = ARTICLE.format(id=article_id, title=title, published=published, extra=extra)
        (project / "source" / "articles" / f"{article_id}.yaml").write_text(text, encoding="utf-8")


def build_site_at(project, epoch):
    # with an address, so that the sitemap lists pages
    return build_site(
        project, env_extra={"SOURCE_DATE_EPOCH": epoch, "SITE_URL": "https://news.example/"}
    )


def shown_everywhere(site, article_id) -> dict[str, bool]:
    """Where an article appears: its page, the listings, the feeds, the search index, the sitemap, its embed."""
    title = ARTICLES[article_id][0]
    found = {page: title in (site / page).read_text(encoding="utf-8") for page in LISTINGS}
    found["feeds"] = any(
        title in (site / "feeds" / name).read_text(encoding="utf-8")
        for name in ("site.xml", "site.json")
    )
    found["search"] = f"articles/{article_id}.html" in searchable_pages(site)
    found["sitemap"] = f"articles/{article_id}.html" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    found["page"] = (site / "articles" / f"{article_id}.html").exists()
    found["embed"] = (site / "embed" / f"{article_id}.html").exists()
    return found


@pytest.fixture(scope="module")
def lifecycle_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("lifecycle") / "project")
    add_articles(project)
    return project, build_site_at(project, JANUARY_2025)


def test_a_draft_is_nowhere_on_the_site(lifecycle_project):
    _, site = lifecycle_project
    assert not any(shown_everywhere(site, "lifecycle-draft").values())


def test_a_scheduled_article_appears_with_the_first_build_on_its_day(lifecycle_project, tmp_path):
    project, site = lifecycle_project
    assert not any(shown_everywhere(site, "lifecycle-scheduled").values())
    later = copy_project(tmp_path / "later")
    add_articles(later)
    assert all(shown_everywhere(build_site_at(later, JUNE_2025), "lifecycle-scheduled").values())


def test_check_lists_what_is_scheduled_drafted_and_withdrawn(lifecycle_project):
    project, _ = lifecycle_project
    result = run_builder_here(project, "check", env_extra={"SOURCE_DATE_EPOCH": JANUARY_2025})
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"scheduled: .*lifecycle-scheduled\.yaml: appears with the first build on or after "
        r"1 June 2025 \(00:00 UTC\)",
        result.stdout,
    )
    assert re.search(r"draft: .*lifecycle-draft\.yaml", result.stdout)
    assert re.search(r"withdrawn: .*lifecycle-withdrawn\.yaml", result.stdout)


def test_an_update_and_its_corrections_show_on_the_page_the_embed_and_in_every_date(
    lifecycle_project,
):
    _, site = lifecycle_project
    page = (site / "articles" / "lifecycle-corrected.html").read_text(encoding="utf-8")
    assert "March 2024 · Updated 3 March 2024" in re.sub(r"<[^>]+>", "", page).replace("\xa0", " ")
    corrections = re.search(r'<aside class="corrections">(.*?)</aside>', page, re.S).group(1)
    assert corrections.index("wrong year") < corrections.index("title was corrected")
    assert "wrong year" in (site / "embed" / "lifecycle-corrected.html").read_text(encoding="utf-8")
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert (data["datePublished"], data["dateModified"]) == ("2024-03-01", "2024-03-03")
    atom = (site / "feeds" / "site.xml").read_text(encoding="utf-8")
    entry = next(e for e in atom.split("<entry>") if "A Story Updated and Corrected" in e)
    assert (
        "<published>2024-03-01T00:00:00Z</published>" in entry
        and "<updated>2024-03-03T00:00:00Z</updated>" in entry
    )
    item = next(
        i
        for i in json.loads((site / "feeds" / "site.json").read_text(encoding="utf-8"))["items"]
        if i["title"] == "A Story Updated and Corrected"
    )
    assert item["date_modified"] == "2024-03-03T00:00:00Z"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"lifecycle-corrected\.html</loc>\s*<lastmod>2024-03-03</lastmod>", sitemap)
    assert all(shown_everywhere(site, "lifecycle-corrected").values())


def test_a_date_and_time_is_shown_and_published_at_its_moment_in_its_zone(lifecycle_project):
    project, site = lifecycle_project
    page = (site / "articles" / "lifecycle-timed.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page).replace("\xa0", " ")
    assert "1 June 2024, 02:15 UTC+06:00 · Updated 1 June 2024, 18:00 UTC" in text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert (data["datePublished"], data["dateModified"]) == (
        "2024-06-01T02:15:00+06:00",
        "2024-06-01T18:00:00Z",
    )
    atom = (site / "feeds" / "site.xml").read_text(encoding="utf-8")
    entry = next(e for e in atom.split("<entry>") if "A Story Filed Before Dawn" in e)
    assert (
        "<published>2024-05-31T20:15:00Z</published>" in entry
        and "<updated>2024-06-01T18:00:00Z</updated>" in entry
    )
    # filed under the day its readers saw on it, not the UTC one
    archive = (site / "archive.html").read_text(encoding="utf-8")
    assert (
        archive.index('<h3 id="june-2024">')
        < archive.index("A Story Filed Before Dawn")
        < archive.index('<h3 id="march-2024">')
    )


def test_an_article_scheduled_to_the_minute_appears_with_the_first_build_after_it_without_a_source_change(
    tmp_path,
):
    project = copy_project(tmp_path / "project")
    article = ARTICLE.format(
        id="lifecycle-embargo",
        title="An Embargo Until Nine",
        published="2025-06-01T09:00+06:00",
        extra="",
    )
    (project / "source" / "articles" / "lifecycle-embargo.yaml").write_text(
        article, encoding="utf-8"
    )
    page = project / "docs" / "articles" / "lifecycle-embargo.md"
    # 03:00 UTC: due, though no file changed
    for epoch, shown in (
        (1748746799, False),  # 2025-06-01 02:59:59 UTC = 08:59:59 in Astana
        (1748746799, False),  # again: nothing to do
        (1748746800, True),
    ):
        result = run_builder_here(project, env_extra={"SOURCE_DATE_EPOCH": str(epoch)})
        assert result.returncode == 0, result.stderr
        assert page.exists() == shown, epoch
    result = run_builder_here(project, "check", env_extra={"SOURCE_DATE_EPOCH": "1748746799"})
    assert (
        "lifecycle-embargo.yaml: appears with the first build on or after 1 June 2025, 09:00 UTC+06:00"
        in result.stdout
    )


def test_a_withdrawn_article_leaves_a_notice_at_its_address_and_nothing_else(lifecycle_project):
    _, site = lifecycle_project
    found = shown_everywhere(site, "lifecycle-withdrawn")
    assert found.pop("page") and found.pop("embed")  # the addresses keep working, with the notice
    assert not any(found.values()), found
    for page in ("articles/lifecycle-withdrawn.html", "embed/lifecycle-withdrawn.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
        assert "This article has been withdrawn." in html and "could not verify" in html
        assert "Body text lifecycle-withdrawn" not in html


def test_oembed_answers_embed_the_notice_of_a_withdrawn_article_and_nothing_of_a_draft(
    lifecycle_project,
):
    _, site = lifecycle_project
    withdrawn = json.loads((site / "oembed/lifecycle-withdrawn.json").read_text(encoding="utf-8"))
    assert withdrawn["title"] == "Withdrawn: A Story Withdrawn"
    assert 'src="https://news.example/embed/lifecycle-withdrawn.html"' in withdrawn["html"]
    assert "thumbnail_url" not in withdrawn
    # a portal that follows the withdrawn address finds the answer that embeds the notice
    page = (site / "articles/lifecycle-withdrawn.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate " type="application/json+oembed" '
        'href="https://news.example/oembed/lifecycle-withdrawn.json"' in page
    )
    assert not (site / "oembed/lifecycle-draft.json").exists()
    assert not (site / "oembed/lifecycle-scheduled.json").exists()
    corrected = json.loads((site / "oembed/lifecycle-corrected.json").read_text(encoding="utf-8"))
    assert corrected["title"] == "A Story Updated and Corrected"


def test_a_preview_shows_drafts_and_scheduled_articles_with_a_banner(lifecycle_project, tmp_path):
    project, _ = lifecycle_project
    result = run_builder_here(
        project, "build", "--drafts", env_extra={"SOURCE_DATE_EPOCH": JANUARY_2025}
    )
    assert result.returncode == 0, result.stderr
    draft = (project / "docs" / "articles" / "lifecycle-draft.md").read_text(encoding="utf-8")
    assert "Draft: not published." in draft and "lifecycle-banner" in draft
    scheduled = (project / "docs" / "articles" / "lifecycle-scheduled.md").read_text(
        encoding="utf-8"
    )
    assert (
        "Scheduled: published by the first build on or after 1 June 2025 (00:00 UTC)."
        in scheduled.replace("\\", "")
    )
    assert "lifecycle-draft" in (project / "docs" / "archive.md").read_text(encoding="utf-8")
    # a site build leaves them out again
    result = run_builder_here(project, env_extra={"SOURCE_DATE_EPOCH": JANUARY_2025})
    assert (
        result.returncode == 0
        and not (project / "docs" / "articles" / "lifecycle-draft.md").exists()
    )


@pytest.mark.parametrize(
    "extra, field, message",
    [
        ('updated: "2023-07-01"\n', "updated", "2023-07-01 is before the publication date 2023-08"),
        (
            'corrections:\n  - date: "2023-07-30"\n    text: A fix.\n',
            "corrections.0.date",
            "is before the publication date",
        ),
        ("status: archived\n", "status", "archived"),
        (
            'published: "2023-08-14T09:30"\n',
            "published",
            "a time needs its time zone: add Z for UTC",
        ),
        ('published: "2023-08-14T24:30Z"\n', "published", "24:30 is not a time of day"),
        ('published: "2023-08-14T09:30+15:00"\n', "published", "+15:00 is not a time zone offset"),
        (
            'published: "2023-08-14 at 9"\n',
            "published",
            "is not a date: write 2023, 2023-08, 2023-08-14, or a date and time",
        ),
        ("status: withdrawn\n", "status", "a withdrawn article needs a withdrawn_note"),
        ('withdrawn_note: "Why."\n', "withdrawn_note", "only a withdrawn article has a note"),
    ],
)
def test_lifecycle_mistakes_are_located_and_explained(project, extra, field, message):
    path = project / "source" / "articles" / "rosenblum-kazakh-american-relations.yaml"
    text = path.read_text(encoding="utf-8")
    if extra.startswith("published:"):
        text = text.replace('published: "2023-08"\n', extra)
    else:
        text = text.replace("dateline: ASTANA\n", "dateline: ASTANA\n" + extra)
    path.write_text(text, encoding="utf-8")
    result = run_builder_here(project, "check")
    assert result.returncode == 1
    assert re.search(
        rf"rosenblum-kazakh-american-relations\.yaml:\d+:\d+: {re.escape(field)}: .*{re.escape(message)}",
        result.stderr,
    ), result.stderr
