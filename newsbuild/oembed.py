"""An oEmbed provider as static files (https://oembed.com/): for every article, oembed/<id>.json, which a
portal that speaks oEmbed finds through the article page's discovery link and embeds from the article's
address alone. No I/O.

oEmbed answers carry absolute addresses (the portal is another site), so there are none without the site's
address (SITE_URL): the build then says so (NOTICE). The nginx config serves them as application/json with CORS for the
listed portal origins (deploy/nginx-site.conf).
"""

from __future__ import annotations

import html
import json

from .metadata import address
from .model import Article
from .page import Page

FOLDER = "oembed"
# The embed's size in CSS pixels; readers' portals scale the iframe to their column, and the embed page
# (templates/embed.html.j2) reflows to any width.
WIDTH, HEIGHT = 640, 600
THUMBNAIL_MIN_WIDTH = 480  # the narrowest photo variant at least this wide serves as thumbnail
NOTICE = (
    "oEmbed: no oembed/*.json written and no discovery links: oEmbed needs absolute addresses; set "
    "SITE_URL (e.g. SITE_URL=https://news.example.org/ make site) for portals to embed articles by address"
)


def path_of(article: Article) -> str:
    return f"{FOLDER}/{article.id}.json"


def document(article: Article, site, photos: dict, withdrawn: bool = False) -> dict:
    """The oEmbed answer (type rich) for an article: its embed page in an iframe. A withdrawn article's
    embed address shows the withdrawal notice, and its answer names no photo."""
    here = path_of(article)
    frame = address(f"embed/{article.id}.html", site.site_url, here)
    title = ("Withdrawn: " if withdrawn else "") + article.title
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "author_name": article.author or article.publication.name,
        "provider_name": site.site_name,
        "provider_url": site.site_url,
        "html": (
            f'<iframe src="{html.escape(frame, quote=True)}" width="{WIDTH}" height="{HEIGHT}" '
            f'title="{html.escape(title, quote=True)}" style="border: 0" loading="lazy"></iframe>'
        ),
        "width": WIDTH,
        "height": HEIGHT,
    }
    lead = None if withdrawn else article.lead_photo
    if lead is not None:
        variants = photos[lead.image].variants
        thumbnail = next((v for v in variants if v.width >= THUMBNAIL_MIN_WIDTH), variants[-1])
        data.update(
            thumbnail_url=address(thumbnail.jpeg, site.site_url, here),
            thumbnail_width=thumbnail.width,
            thumbnail_height=thumbnail.height,
        )
    return data


def oembed_pages(articles, withdrawn, site, photos: dict) -> list[Page]:
    """The oEmbed answers of the published and withdrawn articles; none without site.site_url."""
    if not site.site_url:
        return []
    return [
        Page(path_of(a), "json", {"data": document(a, site, photos, is_withdrawn)}, (a,))
        for group, is_withdrawn in ((articles, False), (withdrawn, True))
        for a in group
    ]


def discovery(article: Article, site) -> dict:
    """What the article page's head needs for the discovery link (overrides/main.html)."""
    if not site.site_url:
        return {}
    return {
        "oembed": {
            "href": address(path_of(article), site.site_url, article.page),
            "title": article.title,
        }
    }


def json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
