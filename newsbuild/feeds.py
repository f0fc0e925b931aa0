"""The feeds: the whole site's and each theme's, as Atom and JSON Feed, with each article's full text.

Which feeds a listing has (feed_pages), what one holds (feed: the newest FEED_LIMIT articles, shared by
both forms), and the JSON Feed form (json_feed); the Atom form is templates/feed.atom.xml.j2 and each
article's text templates/feed_item.html.j2, both rendered with Jinja's autoescaping (render.py). No I/O.
"""

from __future__ import annotations

import datetime
import json
import uuid

from .metadata import address, share_image
from .model import Article, PartialDate
from .page import Page

FEED_LIMIT = 50


def entry_id(site_slug: str, article: Article) -> str:
    """A stable id for an article in every feed: derived from the site and article ids only."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_slug}/articles/{article.id}')}"


def timestamp(date: PartialDate) -> str:
    """RFC 3339 time for feeds, which need a full one: the first moment the date covers, in UTC."""
    return date.earliest().astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed(
    articles: list[Article],
    title: str,
    feed_path: str,
    page_path: str,
    site_name: str,
    site_slug: str,
    site_url: str | None,
    photos: dict | None = None,
    language: str = "en",
) -> dict:
    """One feed's content (newest first), shared by its Atom and JSON Feed forms."""

    def url_of(target: str) -> str:
        return address(target, site_url, feed_path)

    def image(article: Article) -> dict | None:
        found = share_image(article, photos or {})
        return found and {**found, "url": url_of(found["path"])}

    items = articles[:FEED_LIMIT]
    return {
        "title": title,
        "site_name": site_name,
        "language": language,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_slug}/{feed_path}')}",
        "updated": timestamp(max((a.modified for a in items), key=PartialDate.earliest))
        if items
        else "1970-01-01T00:00:00Z",
        "home": url_of(page_path),
        "self": url_of(feed_path),
        "items": [
            {
                "article": a,
                "language": a.language or language,
                "id": entry_id(site_slug, a),
                "url": url_of(a.page.removesuffix(".md") + ".html"),
                "date": timestamp(a.published),
                "modified": timestamp(a.modified),
                "themes": [t.name for t in a.all_themes],
                "image": image(a),
            }
            for a in items
        ],
    }


def feed_pages(
    articles: list[Article], title: str, name: str, page_path: str, site, photos: dict
) -> list[Page]:
    """The Atom and JSON Feed versions of one feed."""
    pages = []
    for suffix, template in ((".xml", "feed.atom.xml.j2"), (".json", "json-feed")):
        path = f"feeds/{name}{suffix}"
        content = feed(
            articles,
            title,
            path,
            page_path.removesuffix(".md") + ".html",
            site.site_name,
            site.slug,
            site.site_url,
            photos,
            site.language,
        )
        pages.append(
            Page(
                path,
                template,
                {"feed": content},
                tuple(item["article"] for item in content["items"]),
            )
        )
    return pages


def json_feed(feed: dict, item_html) -> str:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the full text of each article."""
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed["title"],
        "home_page_url": feed["home"],
        "feed_url": feed["self"],
        "language": feed["language"],
        "authors": [{"name": feed["site_name"]}],
        "items": [
            {
                "id": item["id"],
                "url": item["url"],
                "title": item["article"].title,
                "summary": item["article"].summary,
                "content_html": item_html(item),
                "language": item["language"],
                "date_published": item["date"],
                "date_modified": item["modified"],
                "authors": [{"name": item["article"].publication.name}],
                "tags": item["themes"],
                "external_url": item["article"].source_url,
                **({"image": item["image"]["url"]} if item["image"] else {}),
            }
            for item in feed["items"]
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
