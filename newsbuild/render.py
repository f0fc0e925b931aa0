"""Markdown from Jinja2 templates, with every content value escaped by default.

Every `{{ expression }}` passes through `finalize`: plain values are escaped so
they render as the literal text the editor wrote, and only `Markdown` values
made by the helpers below (links, URLs, anchors) pass through as markup.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

# In this order: the backslash first; the entities last, so their "&", "#" and ";"
# are not escaped again, and "&" before the entities that contain it.
_ESCAPES = [("\\", "\\\\")] + [(c, "\\" + c) for c in "!\"#$%'()*+,-./:;=?@[]^_`{|}~"] + [
    ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]
_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_cache: dict[str, "Markdown"] = {}
_IDENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Markdown(str):
    """Markup made by the builder itself: emitted as is."""


def escape_markdown(value) -> Markdown:
    """Plain text → Markdown that renders as exactly that text.

    HTML-significant characters become entities and all other ASCII
    punctuation is backslash-escaped (CommonMark and pymdownx.escapeall
    both honour this), so no Markdown, HTML or attr_list syntax survives.
    Runs of ASCII whitespace become one space, as HTML would show them.
    """
    if isinstance(value, Markdown):
        return value
    value = str(value)
    escaped = _cache.get(value)
    if escaped is None:
        text = _ASCII_SPACE.sub(" ", value).strip()
        for char, replacement in _ESCAPES:  # str.replace per character is far faster than translate()
            if char in text:
                text = text.replace(char, replacement)
        escaped = _cache[value] = Markdown(text)
    return escaped


def ident(value) -> Markdown:
    """An id or anchor, checked to be safe inside attributes and URLs."""
    if not _IDENT.match(str(value)):
        raise ValueError(f"unsafe identifier {value!r}")
    return Markdown(value)


def escape_url(url: str) -> str:
    """Percent-encode what could end a Markdown link destination early."""
    return quote(url, safe="/:?#[]@!$&*+,;=%~-._")


@lru_cache(maxsize=65536)
def _relative(target: str, here: str) -> str:
    return escape_url(posixpath.relpath(target, here or "."))


@jinja2.pass_context
def url(context, target: str, anchor: str | None = None) -> Markdown:
    """Relative URL from the page being rendered to a docs/ path (plus anchor)."""
    relative = _relative(target, posixpath.dirname(context["page_path"]))
    return Markdown(relative + (f"#{ident(anchor)}" if anchor else ""))


@jinja2.pass_context
def link(context, target, text=None, anchor: str | None = None) -> Markdown:
    """A Markdown link to an entity or article page, with escaped text."""
    label = escape_markdown(text if text is not None else getattr(target, "name", None) or target.title)
    return Markdown(f"[{label}]({url(context, target.page, anchor)})")


@jinja2.pass_context
def links(context, targets, separator: str = ", ") -> Markdown:
    """Links to several entities, joined."""
    return Markdown(separator.join(link(context, target) for target in targets))


@jinja2.pass_context
def embed_snippet(context, article) -> Markdown:
    """A fenced code block with the iframe and script tags that embed article elsewhere.

    URLs are absolute when mkdocs.yml sets site_url, else relative to this page.
    """
    site_url = context.get("site_url")
    base = site_url.rstrip("/") + "/" if site_url else ""
    def address(target):
        return base + target if base else _relative(target, posixpath.dirname(context["page_path"]))
    frame = address(f"embed/{ident(article.id)}.html")
    script = address("assets/embed.js")
    title = html.escape(article.title, quote=True)
    snippet = (f'<iframe class="newsbuild-embed" src="{frame}" title="{title}"\n'
               f'        style="width: 100%; height: 600px; border: 0" loading="lazy"></iframe>\n'
               f'<script src="{script}" async></script>')
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", snippet)), default=0))
    return Markdown(f"{fence} html\n{snippet}\n{fence}")


def external(href: str, text: str) -> Markdown:
    """A link to an absolute http(s) URL that the schema has already checked."""
    if not href.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {href!r}")
    return Markdown(f"[{escape_markdown(text)}]({escape_url(href)})")


def create_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        finalize=escape_markdown,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.globals.update(url=url, link=link, links=links, external=external, embed_snippet=embed_snippet)
    env.filters.update(ident=ident)
    return env


class Renderer:
    def __init__(self):
        _cache.clear()  # one build's texts; `mkdocs serve` makes a Renderer per rebuild
        self.env = create_environment()

    def render(self, template: str, page_path: str, context: dict) -> str:
        text = self.env.get_template(template).render(page_path=page_path, **context)
        return re.sub(r"\n{3,}", "\n\n", text).lstrip("\n")
