"""Markdown from Jinja2 templates, with every content value escaped by default.

Every `{{ expression }}` passes through `finalize`: plain values are escaped so
they render as the literal text the editor wrote, and only `Markdown` values
made by the helpers below (links, URLs, anchors) pass through as markup.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2

from .problems import FrontMatterError

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

# Characters that can start Markdown or HTML syntax anywhere in a line, in this order: the
# backslash first; the entities last, so the "&" and ";" they add are not escaped again, and "&"
# before the entities that contain it. Parentheses too, so that all of a text is one run of plain
# characters, escapes and entities, which newsbuild/text_runs.py hands to Python-Markdown in one step.
# Other punctuation (commas, periods, quotes, hyphens …) is plain text mid-line.
_ESCAPES = [("\\", "\\\\")] + [(c, "\\" + c) for c in "`*_[]{}|!#~()"] + [
    ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]
# Characters that only mean something at the start of a line: lists, rules, setext headings.
_LEADING = re.compile(r"^(?:[-+=:]|\d+[.)])")
_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_ODD_SPACES = ("  ", "\t", "\r", "\n", "\f", "\v")
_cache: dict[str, "Markdown"] = {}
_BLANK_LINES = re.compile(r"\n\n\n+")  # not \n{3,}: ten times slower on long pages
_IDENT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


class Markdown(str):
    """Markup made by the builder itself: emitted as is."""


def escape_markdown(value) -> Markdown:
    """Plain text → Markdown that renders as exactly that text.

    HTML-significant characters become entities and every character that can
    open Markdown syntax is backslash-escaped (CommonMark and
    pymdownx.escapeall both honour this), so no Markdown, HTML or attr_list
    syntax survives.
    Runs of ASCII whitespace become one space, as HTML would show them.
    """
    if isinstance(value, Markdown):
        return value
    value = str(value)
    escaped = _cache.get(value)
    if escaped is None:
        text = value.strip(" \t\r\n\f\v")
        if any(space in text for space in _ODD_SPACES):  # rare: skip the regular expression otherwise
            text = _ASCII_SPACE.sub(" ", text)
        for char, replacement in _ESCAPES:  # str.replace per character is far faster than translate()
            if char in text:
                text = text.replace(char, replacement)
        leading = _LEADING.match(text)
        if leading:
            text = text[: leading.end() - 1] + "\\" + text[leading.end() - 1:]
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


@lru_cache(maxsize=None)  # bounded: docs/ paths × the few folders pages are in
def _relative(target: str, here: str) -> str:
    return escape_url(posixpath.relpath(target, here or "."))


@jinja2.pass_context
def url(context, target: str, anchor: str | None = None) -> Markdown:
    """Relative URL from the page being rendered to a docs/ path (plus anchor)."""
    relative = _relative(target, context["page_dir"])
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
        return base + target if base else _relative(target, context["page_dir"])
    frame = address(f"embed/{ident(article.id)}.html")
    script = address("assets/embed.js")
    title = html.escape(article.title, quote=True)
    snippet = (f'<iframe class="newsbuild-embed" src="{frame}" title="{title}"\n'
               f'        style="width: 100%; height: 600px; border: 0" loading="lazy"></iframe>\n'
               f'<script src="{script}" async></script>')
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", snippet)), default=0))
    return Markdown(f"{fence} html\n{snippet}\n{fence}")


# The width a photo takes: the whole phone screen; about 42rem of the text column from tablets on.
PHOTO_SIZES = "(min-width: 60em) 42rem, 100vw"
THUMBNAIL_WIDTH = 96  # CSS pixels on cards; the narrowest variant is sharp enough up to three times that


def _attribute(text: str) -> str:
    """Content text as an HTML attribute value or element text: one line, every markup character escaped."""
    return html.escape(" ".join(str(text).split()), quote=True)


@jinja2.pass_context
def photo_figure(context, media, lead: bool = False) -> Markdown:
    """A photo as a raw HTML figure: WebP and JPEG variants for the browser to choose from by width, its
    size (no layout shift), and caption and credit escaped. The lead photo loads first; others when near."""
    photo, here = context["photos"][media.image], context["page_dir"]
    webp = ", ".join(f"{_relative(v.webp, here)} {v.width}w" for v in photo.variants)
    jpeg = ", ".join(f"{_relative(v.jpeg, here)} {v.width}w" for v in photo.variants)
    fallback = next((v for v in photo.variants if v.width >= 1024), photo.largest)
    loading = 'fetchpriority="high"' if lead else 'loading="lazy" decoding="async"'
    return Markdown(
        f'<figure class="article-figure article-photo">\n'
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{PHOTO_SIZES}">'
        f'<img src="{_relative(fallback.jpeg, here)}" srcset="{jpeg}" sizes="{PHOTO_SIZES}" '
        f'width="{photo.width}" height="{photo.height}" alt="{_attribute(media.alt)}" {loading}></picture>\n'
        f'<figcaption>{_attribute(media.caption)} <span class="credit">Photo: {_attribute(media.credit)}</span></figcaption>\n'
        f'</figure>')


@jinja2.pass_context
def thumbnail(context, article) -> Markdown:
    """A small picture of the article's lead photo for cards and lists ('' without one); decorative
    beside the headline it illustrates, so its alt text is empty."""
    media = article.lead_photo
    if media is None:
        return Markdown("")
    variant = context["photos"][media.image].smallest
    height = round(THUMBNAIL_WIDTH * variant.height / variant.width)
    return Markdown(f'<img class="card-thumbnail" src="{_relative(variant.webp, context["page_dir"])}" '
                    f'width="{THUMBNAIL_WIDTH}" height="{height}" alt="" loading="lazy" decoding="async">')


def external(href: str, text: str) -> Markdown:
    """A link to an absolute http(s) URL that the schema has already checked."""
    if not href.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {href!r}")
    return Markdown(f"[{escape_markdown(text)}]({escape_url(href)})")


def quoted_alone(text: str) -> str:
    """A quote shown out of its article: the comma that led into "said X" becomes a full stop,
    as editors set excerpted quotes. The article itself keeps the words as published."""
    stripped = text.rstrip()
    return stripped[:-1] + "." if stripped.endswith(",") else text


def nowrap(text: str) -> str:
    """Text that never breaks across lines, such as a date ("14 August 2023"): no-break spaces."""
    return str(text).replace(" ", "\u00a0")


def create_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        finalize=escape_markdown,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.globals.update(url=url, link=link, links=links, external=external, embed_snippet=embed_snippet,
                       front_matter=front_matter, photo_figure=photo_figure, thumbnail=thumbnail)
    env.filters.update(ident=ident, quoted_alone=quoted_alone, nowrap=nowrap)
    return env


def create_markup_environment() -> jinja2.Environment:
    """For XML and HTML templates (feeds): Jinja's own autoescaping."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class Renderer:
    """Renders a page by its template's kind: *.md.j2 as Markdown, *.xml.j2 as XML, 'json-feed' as JSON Feed."""

    def __init__(self):
        _cache.clear()  # one build's texts; `mkdocs serve` makes a Renderer per rebuild
        self.env = create_environment()
        self.markup_env = create_markup_environment()
        self._item_html: dict[str, str] = {}

    def item_html(self, article) -> str:
        """An article's full text for feeds; an article is in several feeds, so it is rendered once."""
        if article.id not in self._item_html:
            template = self.markup_env.get_template("feed_item.html.j2")
            self._item_html[article.id] = template.render(article=article).strip()
        return self._item_html[article.id]

    def render(self, template: str, page_path: str, context: dict) -> str:
        if template == "json-feed":
            return json_feed(context["feed"], self.item_html)
        if template.endswith(".xml.j2"):
            feed = dict(context["feed"], items=[dict(i, html=self.item_html(i["article"])) for i in context["feed"]["items"]])
            return self.markup_env.get_template(template).render(feed=feed)
        text = self.env.get_template(template).render(page_path=page_path, page_dir=posixpath.dirname(page_path), **context)
        text = _BLANK_LINES.sub("\n\n", text).lstrip("\n")
        if "meta" in context:
            check_front_matter(page_path, text, context["meta"])
        return text


def json_feed(feed: dict, item_html) -> str:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the full text of each article."""
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed["title"],
        "home_page_url": feed["home"],
        "feed_url": feed["self"],
        "language": "en",
        "authors": [{"name": feed["site_name"]}],
        "items": [
            {
                "id": item["id"],
                "url": item["url"],
                "title": item["article"].title,
                "summary": item["article"].summary,
                "content_html": item_html(item["article"]),
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


# What YAML does not take raw (PyYAML's reader: C1 controls, surrogates, U+FFFE, U+FFFF) or reads as a
# line break (U+0085, U+2028, U+2029). The source rejects all of these; they are escaped here too, so
# that front matter can never fail to parse: MkDocs would then show the whole block as page text.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def front_matter(data: dict) -> Markdown:
    """YAML front matter holding data: JSON is YAML, so any text value stays intact.
    One key per line (readable), each value on one line (json's fast C encoder only works without indent)."""
    entries = ",\n".join(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items())
    entries = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", entries)  # JSON and YAML read \uXXXX alike
    return Markdown("---\n{\n" + entries + "\n}\n---")


def check_front_matter(page_path: str, text: str, data: dict) -> None:
    """Read the page's front matter with MkDocs' own reader and compare it with what was written."""
    from mkdocs.utils.meta import get_data

    body, read_back = get_data(text)
    if read_back != data or body.startswith("---"):
        raise FrontMatterError(f"{page_path}: MkDocs would not read back the page's metadata as written "
                               f"(wrote {data!r}, read {read_back!r}); please report this as a bug")
