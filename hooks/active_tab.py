"""MkDocs hook: the header tab of the section a page belongs to is highlighted, for pages not in the nav.

The nav lists hubs only (Home, Themes, People …): an article, theme or person page is
not in it, so Material highlighted no tab there. While such a page is rendered, the
hub of its folder counts as active: articles and their embeds belong to the Archive.
"""

from __future__ import annotations

SECTION_OF_FOLDER = {
    "articles": "archive.md",
    "embed": "archive.md",
    "archive": "archive.md",
    "themes": "themes/index.md",
    "people": "people/index.md",
    "organizations": "organizations/index.md",
    "places": "places/index.md",
}

_activated = []


def on_page_context(context, page, config, nav):
    hub = SECTION_OF_FOLDER.get(page.file.src_uri.split("/")[0])
    if page in nav.pages or not hub:
        return context  # a hub is highlighted by Material itself
    for item in nav.pages:
        if item.file.src_uri == hub:
            item.active = True  # MkDocs marks its parents too, and the tabs show it
            _activated.append(item)
    return context


def on_post_page(output, page, config):
    while _activated:
        _activated.pop().active = False
    return output
