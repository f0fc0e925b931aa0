"""What search engines and portals read about a page: front matter values for the page head, JSON-LD,
sitemap dates. No I/O. (The feeds are in feeds.py.)"""

from __future__ import annotations

import json

from .model import Article, Entity, PartialDate


def script_json(data) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' that could end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _thing(entity: Entity, kind: str) -> dict:
    thing = {"@type": kind, "name": entity.name}
    if entity.url:
        thing["url"] = entity.url
    return thing


def news_article(article: Article, language: str = "en") -> dict:
    """schema.org NewsArticle for the article page; language: the article's (its own, or the site's)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "inLanguage": language,
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.published.iso,
        "dateModified": article.modified.iso,
        "dateline": article.dateline,
        "publisher": _thing(article.publication, "Organization"),
        "isBasedOn": article.source_url,
        "articleSection": [t.name for t in article.all_themes],
        "about": [_thing(t, "Thing") for t in article.all_themes],
        "mentions": [_thing(p, "Person") for p in article.all_people]
        + [_thing(o, "Organization") for o in article.all_organizations]
        + [_thing(p, "Place") for p in article.places],
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    return data


def share_image(article: Article, photos: dict) -> dict | None:
    """The lead photo as link previews and search engines take it: the largest JPEG variant (some
    readers of og:image take no WebP), with its size and text alternative."""
    media = article.lead_photo
    if media is None:
        return None
    variant = photos[media.image].largest
    return {
        "path": variant.jpeg,
        "width": variant.width,
        "height": variant.height,
        "alt": media.alt,
    }


def address(path: str, site_url: str | None, here: str) -> str:
    """A docs/ path as a URL: absolute under site_url, else relative to the page at `here`."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "../" * here.count("/") + path


def article_head(
    article: Article, image: dict | None = None, site_url: str | None = None, language: str = "en"
) -> dict:
    """Front matter the page head template turns into meta tags (escaped there). language: the
    site's, which the article's own (if any) replaces."""
    language = article.language or language
    jsonld = news_article(article, language)
    if image:
        jsonld["image"] = {
            "@type": "ImageObject",
            "url": address(image["path"], site_url, article.page),
            "width": image["width"],
            "height": image["height"],
        }
    return {
        "summary": article.summary,
        "lastmod": article.modified.iso,
        "og": {
            "type": "article",
            "locale": language.replace("-", "_"),
            "title": article.title,
            "description": article.summary,
            "published_time": article.published.iso,
            "section": article.all_themes[0].name if article.all_themes else None,
            "tags": [t.name for t in article.all_themes],
            "image": image,
        },
        "jsonld": script_json(jsonld),
    }


def newest(articles: list[Article]) -> str | None:
    """The content date of a page listing these articles: the newest one's."""
    return max((a.published for a in articles), key=PartialDate.earliest).iso if articles else None
