"""Page bodies as HTML from Jinja2 templates, with every content value escaped by default.

Every template is rendered with Jinja's autoescaping: plain values are escaped so they show as the
literal text the editor wrote, and only `Markup` made by the helpers below (links, headings, photos,
anchors) passes through as markup.

A generated page in docs/ is its front matter and then its body as finished HTML, the
same HTML Python-Markdown made of the Markdown these templates used to write:
newsbuild/mkdocs/generated_pages.py hands it to MkDocs as the page's content, so no Markdown is
parsed for it. Its headings' ids and names, which MkDocs' table of contents needs,
are in the front matter (`headings`).
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
from markdown.extensions.toc import slugify, strip_tags, unique
from markupsafe import Markup, escape

from .compiled_templates import compiled_templates
from .feeds import json_feed
from .i18n import N_, interface_language, translate, translate_plural, translations
from .languages import language_name, quotation_marks
from .model import Article
from .oembed import json_text
from .problems import FrontMatterError
from .write import GENERATED_START

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

_ASCII_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_ODD_SPACES = ("  ", "\t", "\r", "\n", "\f", "\v")
_IDENT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
# Where a heading's id goes until every id on the page is known (escape_text lets no NUL through).
_HEADING_ID = re.compile("\x00([0-9]+)\x00")
# every id on a page the templates wrote (content has no raw ")
ID_ATTRIBUTE = re.compile(r' id="([^"]*)"')


def escape_text(value) -> Markup:
    """Plain text → HTML that shows exactly that text, in element content or a quoted attribute; markup
    a helper made passes as it is.

    Runs of ASCII whitespace become one space, as HTML would show them (a heading's name in the table of
    contents, a link's label). A NUL, which browsers drop and which marks a heading's id until the page
    is complete (Headings), becomes U+FFFD, as a parser shows it.
    """
    if hasattr(value, "__html__"):
        return Markup(value)
    text = str(value).strip(" \t\r\n\f\v")
    if any(space in text for space in _ODD_SPACES):  # rare: no regular expression otherwise
        text = _ASCII_SPACE.sub(" ", text)
    return escape(text.replace("\x00", "\ufffd"))


def ident(value) -> Markup:
    """An id or anchor, checked to be safe inside attributes and URLs."""
    if not _IDENT.match(str(value)):
        raise ValueError(f"unsafe identifier {value!r}")
    return Markup(value)


def url_attribute(url: str) -> str:
    """A URL as a double-quoted attribute value: what does not belong in a URL (spaces, quotes, angle
    brackets …) percent-encoded, and '&' as an entity."""
    return quote(url, safe="/:?#[]@!$&*+,;=%~-._").replace("&", "&amp;")


@lru_cache(maxsize=None)  # bounded: docs/ paths × the few folders pages are in
def _relative(target: str, here: str) -> str:
    """The address of a docs/ file from a page's folder, as an attribute value: a page (.md) by the .html
    file MkDocs writes for it (use_directory_urls is off), any other file by its own name."""
    if target.endswith(".md"):
        target = target[:-3] + ".html"
    return url_attribute(relative_path(target, here))


def relative_path(target: str, here: str) -> str:
    """posixpath.relpath(target, here or ".") for the builder's docs/ paths, which are relative and
    normalized (no ".", "..", or doubled "/"), without its two calls for the working directory."""
    steps, folders = target.split("/"), here.split("/") if here else []
    shared = 0
    while shared < min(len(folders), len(steps) - 1) and steps[shared] == folders[shared]:
        shared += 1
    return "/".join([".."] * (len(folders) - shared) + steps[shared:])


@jinja2.pass_context
def url(context, target: str, anchor: str | None = None) -> Markup:
    """Relative URL from the page being rendered to a docs/ path (plus anchor), for an href."""
    relative = _relative(target, context["page_dir"])
    return Markup(relative + (f"#{ident(anchor)}" if anchor else ""))


@jinja2.pass_context
def link(
    context, target, text=None, anchor: str | None = None, css_class: str | None = None
) -> Markup:
    """A link to an entity or article page, with escaped text."""
    label = escape_text(text if text is not None else getattr(target, "name", None) or target.title)
    attributes = f' class="{css_class}"' if css_class else ""
    if text is None and isinstance(target, Article):  # its headline, in its language
        attributes += str(lang_of(context, target))
    return Markup(f'<a{attributes} href="{url(context, target.page, anchor)}">{label}</a>')


@jinja2.pass_context
def lang_of(context, article) -> Markup:
    """` lang="ru"` for an element holding an article's own text, when the article is in another
    language than the page; nothing otherwise."""
    language = article.language
    if not language or language == context["site_language"]:
        return Markup("")
    return Markup(' lang="{}"').format(language)


@jinja2.pass_context
def in_language(context, article, text: str) -> Markup:
    """A piece of an article's own text inside a line of the site's (a dateline, a caption): in a span
    with the article's language when it is not the page's."""
    lang = lang_of(context, article)
    return Markup("<span{}>{}</span>").format(lang, text) if lang else escape(text)


@jinja2.pass_context
def date_in(context, date, article=None, with_time: bool = False, language=None) -> str:
    """A date as the text around it is written: in the article's language (for a line of its own
    text), else the site's; language: the one of the line's labels (labels_language)."""
    language = language or (article and article.language) or context["site_language"]
    return date.display_with_time_in(language) if with_time else date.display_in(language)


@jinja2.pass_context
def month_of(context, month: str, year: int) -> str:
    """An archive's month heading ("August 2023"; model.MONTHS names it) in the site's language."""
    from .listing import month_label
    from .model import MONTHS

    return month_label(year, MONTHS.index(month), context["site_language"])


@jinja2.pass_context
def gettext(context, message: str) -> str:
    """_() in templates: the interface's words in the site's language (newsbuild/i18n.py)."""
    return translate(context["site_language"], message)


@jinja2.pass_context
def ngettext(context, singular: str, plural: str, number: int) -> str:
    return translate_plural(context["site_language"], singular, plural, number)


@jinja2.pass_context
def labels_language(context, article) -> str:
    """The language of the labels inside an article's text (Updated, Corrections, Photo:, the source
    line): the article's when it has a catalog, else the site's."""
    return interface_language(article.language, context["site_language"])


@jinja2.pass_context
def labels_lang(context, article) -> Markup:
    """` lang="ru"` for an element whose labels are in the article's language, not the page's."""
    language = labels_language(context, article)
    return (
        Markup("")
        if language == context["site_language"]
        else Markup(' lang="{}"').format(language)
    )


@jinja2.pass_context
def label(context, article, message: str, **variables) -> Markup:
    """A label inside an article's text, in labels_language; variables are escaped unless Markup
    (as Jinja's own _() does). Extracted for the catalog as label:2 (babel.cfg)."""
    return Markup(translate(labels_language(context, article), message)) % variables


@jinja2.pass_context
def links(context, targets, separator: str = ", ") -> Markup:
    """Links to several entities, joined."""
    return Markup(separator.join(link(context, target) for target in targets))


class Headings:
    """The headings of the page being rendered. Each gets the id and the permalink Python-Markdown's
    toc extension would give it, from its text (markdown.extensions.toc's own slugify and unique), once
    the whole page is rendered: an id must not repeat one given anywhere else on the page."""

    def __init__(self):
        self.entries: list[
            tuple[int, str | None, str]
        ] = []  # level, id as written (or None), inner HTML

    def add(
        self,
        level: int,
        inner: str,
        attributes: str,
        anchor: str | None,
        title: str = "Permanent link",
    ) -> Markup:
        number = len(self.entries)
        self.entries.append((level, anchor, inner))
        slot = anchor or f"\x00{number}\x00"
        return Markup(
            f'<h{level}{attributes} id="{slot}">{inner}'
            f'<a class="headerlink" href="#{slot}" title="{escape(title)}">&para;</a></h{level}>'
        )

    def resolve(self, body: str) -> tuple[str, list[list]]:
        """The body with each heading's id in place, and [level, id, name] for each heading in order."""
        used = set(ID_ATTRIBUTE.findall(body))
        counters: dict[str, int] = {}
        ids, found = [], []
        for level, anchor, inner in self.entries:
            name = strip_tags(inner)
            anchor = anchor or unique(slugify(html.unescape(name), "-"), used, counters)
            ids.append(anchor)
            found.append([level, anchor, name])
        return _HEADING_ID.sub(lambda m: ids[int(m.group(1))], body), found


@jinja2.pass_context
def heading(context, level: int, inner, attributes: str = "", anchor: str | None = None) -> Markup:
    """A heading with its permalink; inner is text (escaped) or markup from a helper."""
    return context["headings"].add(
        level,
        escape_text(inner),
        attributes,
        anchor and ident(anchor),
        translate(context["site_language"], PERMANENT_LINK),
    )


PERMANENT_LINK = N_("Permanent link")
PHOTO_CREDIT = N_("Photo:")


@jinja2.pass_context
def embed_snippet(context, article) -> Markup:
    """A code block with the iframe and script tags that embed article elsewhere.

    URLs are absolute when mkdocs.yml sets site_url, else relative to this page.
    """
    site_url = context.get("site_url")
    base = site_url.rstrip("/") + "/" if site_url else ""

    def address(target):
        return base + target if base else _relative(target, context["page_dir"])

    frame = address(f"embed/{ident(article.id)}.html")
    script = address("assets/embed.js")
    title = html.escape(article.title, quote=True)
    snippet = (
        f'<iframe class="newsbuild-embed" src="{frame}" title="{title}"\n'
        f'        style="width: 100%; height: 600px; border: 0" loading="lazy"></iframe>\n'
        f'<script src="{script}" async></script>'
    )
    return Markup(
        f'<pre><code class="language-html">{html.escape(snippet, quote=True)}\n</code></pre>'
    )


# The width a photo takes: the whole phone screen; about 42rem of the text column from tablets on.
PHOTO_SIZES = "(min-width: 60em) 42rem, 100vw"
THUMBNAIL_WIDTH = (
    96  # CSS pixels on cards; the narrowest variant is sharp enough up to three times that
)


@jinja2.pass_context
def photo_figure(context, media, lead: bool = False, lang: str = "", article=None) -> Markup:
    """A photo as a raw HTML figure: WebP and JPEG variants for the browser to choose from by width, its
    size (no layout shift), and caption and credit escaped. The lead photo loads first; others when near.
    lang: the article's lang attribute (lang_of), for the alternative text and caption. article: the
    article whose text it is part of (its page, its embed), whose language the credit's label takes."""
    photo, here = context["photos"][media.image], context["page_dir"]
    credit = (
        (label(context, article, PHOTO_CREDIT), labels_lang(context, article))
        if article
        else (
            translate(context["site_language"], PHOTO_CREDIT),
            "",
        )
    )
    webp = ", ".join(f"{_relative(v.webp, here)} {v.width}w" for v in photo.variants)
    jpeg = ", ".join(f"{_relative(v.jpeg, here)} {v.width}w" for v in photo.variants)
    fallback = next((v for v in photo.variants if v.width >= 1024), photo.largest)
    loading = 'fetchpriority="high"' if lead else 'loading="lazy" decoding="async"'
    caption = (
        f"<span{lang}>{escape_text(media.caption)}</span>" if lang else escape_text(media.caption)
    )
    return Markup(
        f'<figure class="article-figure article-photo">\n'
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{PHOTO_SIZES}">'
        f'<img src="{_relative(fallback.jpeg, here)}" srcset="{jpeg}" sizes="{PHOTO_SIZES}" '
        f'width="{photo.width}" height="{photo.height}" alt="{escape_text(media.alt)}"{lang} {loading}></picture>\n'
        f'<figcaption>{caption} <span class="credit"{credit[1]}>{escape_text(credit[0])} '
        f"{escape_text(media.credit)}</span></figcaption>\n"
        f"</figure>"
    )


@jinja2.pass_context
def thumbnail(context, article) -> Markup:
    """A small picture of the article's lead photo for cards and lists ('' without one); decorative
    beside the headline it illustrates, so its alt text is empty."""
    media = article.lead_photo
    if media is None:
        return Markup("")
    variant = context["photos"][media.image].smallest
    height = round(THUMBNAIL_WIDTH * variant.height / variant.width)
    return Markup(
        f'<img class="card-thumbnail" src="{_relative(variant.webp, context["page_dir"])}" '
        f'width="{THUMBNAIL_WIDTH}" height="{height}" alt="" loading="lazy" decoding="async">'
    )


def external(href: str, text: str) -> Markup:
    """A link to an absolute http(s) URL that the schema has already checked."""
    if not href.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {href!r}")
    return Markup(f'<a href="{url_attribute(href)}">{escape_text(text)}</a>')


@jinja2.pass_context
def attributed(context, words: str | None, speaker) -> Markup:
    """The words around a quote as written ("said Rosenblum.", "сказал посол Розенблюм."), the speaker's
    name in them linked to the speaker's page; "" for none. A name is one of the speaker's spellings
    (its name, or its name in another language) or its last word, as a whole word."""
    escaped = escape_text(words or "")
    candidates = [name for name in speaker.spellings if name.split()]
    candidates += [name.split()[-1] for name in candidates]
    for name in candidates:
        found = _whole_word(name).search(escaped)
        if found:
            return Markup(
                escaped[: found.start()] + link(context, speaker, name) + escaped[found.end() :]
            )
    return escaped


@lru_cache(maxsize=None)  # bounded: the speakers' names
def _whole_word(name: str) -> re.Pattern:
    """A name as a whole word of escaped text."""
    return re.compile(rf"(?<!\w){re.escape(escape_text(name))}(?!\w)")


@jinja2.pass_context
def quoted(
    context, text: str, article=None, attribution: str | None = None, alone: bool = False
) -> Markup:
    """A quote in the quotation marks of its language (the article's, else the site's; CLDR's, from
    newsbuild/data/quotation_marks.txt): “…” in English, «…» in Russian and Kazakh. With an
    attribution that goes on with its sentence ("he said."), a comma leads into it: inside the marks in
    English, placed if the text has no mark of its own (“…this year,” he said); after them elsewhere,
    where it takes the place of a full stop («…», сказал он). alone: shown out of its article, without
    that comma (in English a full stop takes its place, as editors set excerpted quotes; elsewhere the
    sentence's stop stands after the marks, and none is shown)."""
    language = (article and article.language) or context["site_language"]
    start, end, comma_inside = quotation_marks(language)
    stripped = text.rstrip()
    # Markup's join escapes each part
    if comma_inside:
        if alone:
            return Markup("").join((start, quoted_alone(text), end))
        if attribution and stripped[-1:].isalnum():  # no mark of its own: the sentence goes on
            return Markup("").join((start, stripped, ",", end))
        return Markup("").join((start, text, end))
    words = stripped.removesuffix(",").removesuffix(".") if attribution or alone else text
    after = "," if attribution and not alone and words[-1:] not in "!?…" else ""
    return Markup("").join((start, words, end, after))


def quoted_alone(text: str) -> str:
    """A quote shown out of its article: the comma that led into "said X" becomes a full stop,
    as editors set excerpted quotes. The article itself keeps the words as published."""
    stripped = text.rstrip()
    return stripped[:-1] + "." if stripped.endswith(",") else text


# A sentence ends at . ! or ? (and a closing mark) before a space and a capital letter, unless the word
# before is an initial or abbreviation (U.S., Mr., Gen.): those hold a dot inside, or are a capital and
# at most two letters.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"'”’)]?)\s+(?=[\"'“‘(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:\S*\.\S+|[A-ZА-Я][a-zа-я]{0,2}\.)$")


def first_sentence(text: str) -> str:
    """A quote's first sentence, for a pull quote (the whole quote if it is one sentence)."""
    for end in _SENTENCE_END.finditer(text):
        # the word before is all that decides: a bounded look, however long the quote
        if not _ABBREVIATION.search(text[max(0, end.start() - 40) : end.start()]):
            return text[: end.start()] + end.group("close")
    return text


def nowrap(text: str) -> str:
    """Text that never breaks across lines, such as a date ("14 August 2023"): no-break spaces."""
    return str(text).replace(" ", "\u00a0")


def create_environment() -> jinja2.Environment:
    """For page bodies: every value escaped as text unless a helper made it (Markup)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,  # an included template ends with a line break like any other line
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=compiled_templates("pages"),
        auto_reload=False,  # each build makes its own environment: no template changes during one
    )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    # the labels inside an article's text, in its language
    env.globals.update(label=label, labels_lang=labels_lang, labels_language=labels_language)
    env.filters.update(month_of=month_of)
    env.globals.update(
        url=url,
        link=link,
        links=links,
        external=external,
        embed_snippet=embed_snippet,
        heading=heading,
        photo_figure=photo_figure,
        thumbnail=thumbnail,
        attributed=attributed,
        quoted=quoted,
        lang_of=lang_of,
        in_language=in_language,
        language_name=language_name,
    )
    env.filters.update(
        ident=ident,
        nowrap=nowrap,
        first_sentence=first_sentence,
        date_in=date_in,
    )
    return env


def create_markup_environment() -> jinja2.Environment:
    """For XML and HTML templates (feeds): Jinja's own autoescaping."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=compiled_templates("feeds"),
        auto_reload=False,
    )
    # a feed entry is rendered with site_language set to its article's
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(quoted=quoted)
    return env


class Renderer:
    """Renders a page by its template's kind: a page's *.html.j2 as its docs/ file (front matter and HTML
    body), *.xml.j2 as XML, 'json-feed' as JSON Feed, 'json' as JSON (oEmbed)."""

    def __init__(self):
        translations.cache_clear()  # a catalog edited since the last build (make serve) is read again
        self.env = create_environment()
        self.markup_env = create_markup_environment()
        self._item_html: dict[str, str] = {}

    def item_html(self, item: dict) -> str:
        """A feed entry's article in full, in its language; an article is in several feeds, so it is
        rendered once."""
        article = item["article"]
        if article.id not in self._item_html:
            template = self.markup_env.get_template("feed_item.html.j2")
            self._item_html[article.id] = template.render(
                article=article, language=item["language"], site_language=item["language"]
            ).strip()
        return self._item_html[article.id]

    def render(self, template: str, page_path: str, context: dict) -> str:
        if template == "json-feed":
            return json_feed(context["feed"], self.item_html)
        if template == "json":
            return json_text(context["data"])
        if template.endswith(".xml.j2"):
            feed = dict(
                context["feed"],
                items=[dict(i, html=self.item_html(i)) for i in context["feed"]["items"]],
            )
            return self.markup_env.get_template(template).render(feed=feed)
        headings = Headings()
        body = self.env.get_template(template).render(
            page_path=page_path, page_dir=posixpath.dirname(page_path), headings=headings, **context
        )
        body, found = headings.resolve(body.strip())
        meta = {**context["meta"], "headings": found}
        text = f"{front_matter(meta)}\n\n{body}\n"
        check_front_matter(page_path, text, meta)
        return text


# What YAML does not take raw (PyYAML's reader: C1 controls, surrogates, U+FFFE, U+FFFF) or reads as a
# line break (U+0085, U+2028, U+2029). The source rejects all of these; they are escaped here too, so
# that front matter can never fail to parse: MkDocs would then show the whole block as page text.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def front_matter(data: dict) -> str:
    """YAML front matter holding data: JSON is YAML, so any text value stays intact.
    One key per line (readable), each value on one line (json's fast C encoder only works without indent)."""
    entries = ",\n".join(
        f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in data.items()
    )
    # JSON and YAML read \uXXXX alike
    entries = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", entries)
    return GENERATED_START.decode() + entries + "\n}\n---"


def check_front_matter(page_path: str, text: str, data: dict) -> None:
    """Read the page's front matter with MkDocs' own reader and compare it with what was written."""
    from mkdocs.utils.meta import get_data

    body, read_back = get_data(text)
    if read_back != data or body.startswith("---"):
        raise FrontMatterError(
            f"{page_path}: MkDocs would not read back the page's metadata as written "
            f"(wrote {data!r}, read {read_back!r}); please report this as a bug"
        )
