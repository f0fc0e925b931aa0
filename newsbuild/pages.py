"""Which pages the site has and what each one needs. No I/O, no templating."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from . import oembed, reading_sets
from .feeds import feed_pages
from .i18n import N_, translate
from .listing import Listing, html_path, listing
from .metadata import article_head, newest, share_image
from .model import MONTHS, Article, Corpus, Entity
from .page import Excerpt, Page
from .stories import Stories

RELATED_LIMIT = 5
NEIGHBOURS = (
    12  # articles on each side in date order considered as related, per shared person or theme
)
HOME_LATEST = 6
ENTITY_KINDS = {  # their titles, translated where shown
    "people": N_("People"),
    "organizations": N_("Organizations"),
    "places": N_("Places"),
}


def related_articles(corpus: Corpus) -> dict[str, list[Article]]:
    """For each article, others ranked by the people (counted twice) and themes they share,
    then by date; never its own versions in other languages, and one version of each other story.

    Candidates are, for each person and theme of the article, the articles nearest in
    date that share it: a theme or a prolific speaker can span thousands of articles,
    and weighing all of them for every article would make the build quadratic.
    """
    # "people/id" or "themes/id" → its articles' positions, newest first
    members = defaultdict(list)
    bits: dict[str, int] = {}  # each person and theme → its bit in the articles' masks
    masks = []  # per article: (its people, its themes) as bit masks, which intersect and count fast
    keys_of = []  # per article: its people's and themes' keys
    for index, article in enumerate(corpus.articles):
        people = [f"people/{p.id}" for p in article.all_people]
        themes = [f"themes/{t.id}" for t in article.all_themes]
        masks.append(
            tuple(
                sum({1 << bits.setdefault(key, len(bits)) for key in keys})
                for keys in (people, themes)
            )
        )
        keys_of.append(people + themes)
        for key in people + themes:
            members[key].append(index)
    place = {(key, index): i for key, indexes in members.items() for i, index in enumerate(indexes)}
    related = {}
    for index, article in enumerate(corpus.articles):
        people, themes = masks[index]
        candidates = set()
        for key in keys_of[index]:
            i = place[(key, index)]
            candidates.update(members[key][max(0, i - NEIGHBOURS) : i + NEIGHBOURS + 1])
        candidates.discard(index)
        ranked = sorted(
            (
                -2 * (people & masks[other][0]).bit_count()
                - (themes & masks[other][1]).bit_count(),
                other,
            )
            for other in candidates
        )
        chosen, stories = [], {article.story} if article.story else set()
        for _, other in ranked:
            story = corpus.articles[other].story
            if story and story in stories:
                continue
            stories.add(story)
            chosen.append(corpus.articles[other])
            if len(chosen) == RELATED_LIMIT:
                break
        related[article.id] = chosen
    return related


def mentions_index(corpus: Corpus) -> dict[Entity, list[Article]]:
    """Entity → the articles that mention it (people, organizations, places), newest first."""
    index = defaultdict(list)
    for article in corpus.articles:
        for entity in article.all_people + article.all_organizations + article.places:
            index[entity].append(article)
    return index


def theme_excerpts(corpus: Corpus) -> dict[str, list[Excerpt]]:
    """Every block and fact tagged with each theme, newest article first."""
    excerpts = defaultdict(list)
    for article in corpus.articles:
        for block in article.body:
            for theme in block.themes:
                excerpts[theme.id].append(Excerpt(article, block, block.kind))
        for fact in article.facts:
            for theme in fact.themes:
                excerpts[theme.id].append(Excerpt(article, fact, "fact"))
    return excerpts


def archive_groups(articles: list[Article]):
    """[(year, [(month name or None, [articles])])], newest first."""
    years = []
    for year, in_year in groupby(articles, key=lambda a: a.published.year):
        months = [
            (MONTHS[month] if month else None, list(group))
            for month, group in groupby(in_year, key=lambda a: a.published.month)
        ]
        years.append((year, months))
    return years


LISTING = {"search": {"exclude": True}}  # listing pages stay out of the search index
KIND_LABELS = {  # a search result's label, in the site's language (entity_result)
    "people": N_("Person"),
    "organizations": N_("Organization"),
    "places": N_("Place"),
    "themes": N_("Theme"),
}


def article_result(article: Article, language: str = "en") -> dict:
    """What a search result shows of an article: its date (in its language) and publication; its
    language, which search analyses it in."""
    return {
        "kind": "article",
        "label": translate(language, N_("Article")),
        "language": article.language or language,
        "date": article.published.display_in(article.language or language),
        "publication": article.publication.name,
        "lead": article.summary,
    }


def entity_result(entity: Entity, language: str = "en") -> dict:
    """A person, organization, place or theme is found by its name and what it is, shown as such."""
    # role and description are separate statements: "U.S. Ambassador to Kazakhstan. American diplomat; …"
    role = entity.role.rstrip() if entity.role else ""
    if role and entity.description and role[-1] not in ".!?…":
        role += "."
    lead = " ".join(text for text in (role, entity.description) if text)
    label = translate(language, KIND_LABELS[entity.kind])
    return {"kind": "entity", "label": label, "title": entity.name, "lead": lead}


def listing_pages(
    pages: Listing, template: str, context, meta: dict, all_sources: tuple, stories: Stories
) -> list[Page]:
    """A page for each part of a listing. context(part) gives the part's own context. The first
    page also shows totals, so it depends on every article of the listing; each page on the other
    versions of the stories it lists, which it names."""
    made = []
    for part in pages.parts:
        pager = pages.pager(part) if pages.paginated else None
        links = {
            "prev": html_path(part.newer.path) if part.newer else None,
            "next": html_path(part.older.path) if part.older else None,
        }
        made.append(
            Page(
                part.path,
                template,
                {
                    **context(part),
                    "part": part,
                    "pager": pager,
                    # Only the first page of a listing is a search result, if any: the others repeat what it leads to.
                    "meta": {
                        **(
                            meta
                            if part is pages.parts[0]
                            else {k: v for k, v in meta.items() if k != "result"}
                        ),
                        "lastmod": newest(part.shown),
                        **({"pager": links} if pager else {}),
                    },
                },
                stories.with_versions(all_sources if part is pages.parts[0] else part.shown),
                pages.key(part) if pager else "",
            )
        )
    return made


def initial(name: str) -> str:
    """The letter a name is filed under: its first letter without accents, upper case; '#' if none."""
    import unicodedata

    for char in unicodedata.normalize("NFKD", name):
        if char.isalpha():
            return char.upper()
    return "#"


def letter_slug(letter: str) -> str:
    """A letter as a file name: a-z as itself, others by code point (Қ → u049a), '#' → other."""
    if "A" <= letter <= "Z":
        return letter.lower()
    return "other" if letter == "#" else f"u{ord(letter):04x}"


def entity_index_pages(
    kind: str, title: str, entities: list[Entity], mentioned_in: dict, limit: int, everything: tuple
) -> list[Page]:
    """The index of a registry: one page, or when long, a page of letters and a page per letter."""
    meta = {**LISTING, "lastmod": newest(list(everything))}
    context = {"title": title, "mentioned_in": mentioned_in, "letters": [], "letter": None}
    if len(entities) <= limit:
        return [
            Page(
                f"{kind}/index.md",
                "entity_index.html.j2",
                {**context, "entities": entities, "meta": meta},
                everything,
            )
        ]
    letters: dict[str, list[Entity]] = {}
    for entity in entities:
        letters.setdefault(initial(entity.name), []).append(entity)
    pages, index = [], []
    for letter, filed in letters.items():
        chunks = [filed[i : i + limit] for i in range(0, len(filed), limit)]
        for number, chunk in enumerate(chunks, 1):
            path = f"{kind}/index/{letter_slug(letter)}{'' if number == 1 else f'-{number}'}.md"
            label = letter if len(chunks) == 1 else f"{letter} ({number})"
            index.append((label, path, len(chunk)))
            pages.append(
                Page(
                    path,
                    "entity_index.html.j2",
                    {**context, "entities": chunk, "letter": label, "meta": meta},
                    everything,
                )
            )
    for page in pages:
        page.context["letters"] = index
    pages.insert(
        0,
        Page(
            f"{kind}/index.md",
            "entity_index.html.j2",
            {**context, "entities": [], "letters": index, "letter": None, "meta": meta},
            everything,
        ),
    )
    return pages


def withdrawal_pages(article: Article, site) -> list[Page]:
    """At a withdrawn article's address and its embed's: a notice, kept out of search engines. The
    article's address still leads portals to its oEmbed answer, which now embeds the notice."""
    meta = {**LISTING, "robots": "noindex", "lastmod": article.modified.iso}
    page_meta = {**meta, **oembed.discovery(article, site)}
    return [
        Page(
            article.page, "withdrawn.html.j2", {"article": article, "meta": page_meta}, (article,)
        ),
        Page(
            f"embed/{article.id}.md",
            "withdrawn.html.j2",
            {"article": article, "meta": {"template": "embed.html", **meta}},
            (article,),
        ),
    ]


@dataclass
class Indexes:
    """What several kinds of page look up, computed once per build from the corpus."""

    related: dict[str, list[Article]]
    excerpts: dict[str, list[Excerpt]]  # theme id → its excerpts, newest article first
    # Listings show a story once (newsbuild/stories.py): these list one version of each.
    mentions: dict[Entity, list[Article]]
    quotes_by_speaker: dict[Entity, list[Excerpt]]
    articles_by_theme: dict[str, list[Article]]
    listed: list[Article]  # every story once, newest first
    everything: tuple[Article, ...]
    newest_date: str | None  # the content date of every page that lists all articles
    stories: Stories

    @classmethod
    def of(cls, corpus: Corpus, site_language: str = "en") -> Indexes:
        stories = Stories(corpus.articles, site_language)
        quotes_by_speaker = defaultdict(list)
        articles_by_theme = defaultdict(list)
        for article in corpus.articles:
            for block in article.quotes:
                quotes_by_speaker[block.speaker].append(Excerpt(article, block, "quote"))
            for theme in article.all_themes:
                articles_by_theme[theme.id].append(article)
        mentions = mentions_index(corpus)
        return cls(
            related=related_articles(corpus),
            excerpts=theme_excerpts(corpus),
            mentions=defaultdict(list, {e: stories.listed(a) for e, a in mentions.items()}),
            quotes_by_speaker=quotes_by_speaker,
            articles_by_theme=defaultdict(
                list, {t: stories.listed(a) for t, a in articles_by_theme.items()}
            ),
            listed=stories.listed(corpus.articles),
            everything=tuple(corpus.articles),
            newest_date=newest(corpus.articles),
            stories=stories,
        )

    def theme_counts(self, themes: list[Entity]) -> dict[str, int]:
        return {theme.id: len(self.articles_by_theme[theme.id]) for theme in themes}


def alternates(article: Article, stories: Stories) -> dict:
    """Front matter naming the page of each version of the article's story, itself too, by language:
    the head's and the sitemap's hreflang links."""
    versions = stories.versions(article)
    if not versions:
        return {}
    every = sorted([article, *versions], key=stories.language)
    return {
        "alternates": [{"hreflang": stories.language(a), "href": html_path(a.page)} for a in every]
    }


def article_pages(
    corpus: Corpus, indexes: Indexes, site, banners: dict, photos: dict
) -> list[Page]:
    stories = indexes.stories
    return [
        Page(
            article.page,
            "article.html.j2",
            {
                "article": article,
                "related": indexes.related[article.id],
                "versions": stories.versions(article),
                "banner": banners.get(article.id),
                "meta": {
                    "result": article_result(article, site.language),
                    **article_head(
                        article, share_image(article, photos), site.site_url, site.language
                    ),
                    **oembed.discovery(article, site),
                    **alternates(article, stories),
                },
            },
            stories.with_versions((article, *indexes.related[article.id])),
        )
        for article in corpus.articles
    ]


def embed_pages(corpus: Corpus, banners: dict) -> list[Page]:
    """Each article without the site around it, for iframes in other sites and portals."""
    return [
        Page(
            f"embed/{article.id}.md",
            "embed.html.j2",
            {
                "article": article,
                "banner": banners.get(article.id),
                "meta": {"template": "embed.html", **LISTING, "lastmod": article.modified.iso},
            },
            (article,),
        )
        for article in corpus.articles
    ]


def theme_pages(corpus: Corpus, indexes: Indexes, site, photos: dict) -> list[Page]:
    """The index of themes, then each theme's excerpts (split by year and month when long) and feeds."""
    themes = corpus.entities("themes")
    pages = [
        Page(
            "themes/index.md",
            "themes_index.html.j2",
            {
                "themes": themes,
                "counts": indexes.theme_counts(themes),
                "meta": {**LISTING, "lastmod": indexes.newest_date},
            },
            indexes.everything,
        )
    ]
    for theme in themes:
        feed_links = {
            "atom": f"feeds/themes/{theme.id}.xml",
            "json": f"feeds/themes/{theme.id}.json",
            "title": theme.name,
        }
        by_article = defaultdict(list)
        for excerpt in indexes.excerpts[theme.id]:
            by_article[excerpt.article].append(excerpt)
        on_theme = indexes.articles_by_theme[theme.id]
        totals = {
            "excerpt_count": sum(len(by_article[a]) for a in on_theme),
            "article_count": len(on_theme),
        }
        pages += listing_pages(
            listing(
                theme.page,
                on_theme,
                lambda a: max(1, len(by_article[a])),
                site.listing_items,
                site.language,
            ),
            "theme.html.j2",
            lambda part: {
                "theme": theme,
                "articles": part.articles,
                **totals,
                "excerpts": [e for a in part.articles for e in by_article[a]],
            },
            {**LISTING, "feeds": feed_links, "result": entity_result(theme, site.language)},
            tuple(on_theme),
            indexes.stories,
        )
        pages += feed_pages(
            on_theme,
            f"{theme.name} · {site.site_name}",
            f"themes/{theme.id}",
            theme.page,
            site,
            photos,
        )
    return pages


def entity_pages(corpus: Corpus, indexes: Indexes, site, kind: str) -> list[Page]:
    """A registry's index, then each person's, organization's or place's quotes and articles."""
    title = translate(site.language, ENTITY_KINDS[kind])
    limit = site.listing_items
    entities = corpus.entities(kind)
    mentioned_in = {e.id: indexes.mentions[e] for e in entities}
    pages = entity_index_pages(kind, title, entities, mentioned_in, 4 * limit, indexes.everything)
    for entity in entities:
        quotes = defaultdict(list)
        for quote in indexes.quotes_by_speaker.get(entity, []):
            quotes[quote.article].append(quote)
        mentioning = mentioned_in[entity.id]
        pages += listing_pages(
            listing(entity.page, mentioning, lambda a: 1 + len(quotes[a]), limit, site.language),
            "entity.html.j2",
            lambda part: {
                "entity": entity,
                "kind_title": title,
                "articles": part.articles,
                "quotes": [q for a in part.articles for q in quotes[a]],
            },
            {**LISTING, "result": entity_result(entity, site.language)},
            tuple(mentioning),
            indexes.stories,
        )
    return pages


def archive_pages(corpus: Corpus, indexes: Indexes, site) -> list[Page]:
    """Every story by year and month, newest first, in pages of twice the listing size; and when the
    site has articles in several languages, the same for every article of each language."""
    stories = indexes.stories
    by_language = defaultdict(list)
    for article in corpus.articles:
        by_language[stories.language(article)].append(article)
    languages = (
        [
            (language, f"languages/{language}.md", len(articles))
            for language, articles in sorted(by_language.items())
        ]
        if len(by_language) > 1
        else []
    )
    lists = [("archive.md", None, indexes.listed)]
    lists += [(path, language, by_language[language]) for language, path, _ in languages]
    pages = []
    for path, language, articles in lists:
        pages += listing_pages(
            listing(path, articles, lambda a: 1, 2 * site.listing_items, site.language),
            "archive.html.j2",
            lambda part, language=language, articles=articles: {
                "years": archive_groups(part.articles),
                "count": len(articles),
                "language": language,
                "languages": languages,
            },
            LISTING,
            indexes.everything,
            stories,
        )
    return pages


def offline_page() -> Page:
    """What the service worker shows offline for a page not saved (newsbuild/service_worker.py)."""
    return Page("offline.md", "offline.html.j2", {"meta": {**LISTING, "robots": "noindex"}})


def home_page(corpus: Corpus, indexes: Indexes) -> Page:
    """The lead story, the latest, the themes with the most articles and the archive's figures."""
    articles = indexes.listed
    themes = corpus.entities("themes")
    theme_counts = indexes.theme_counts(themes)
    key_figures = [(a, f) for a in articles for f in a.facts if f.number is not None][:6]
    years = [a.published.year for a in corpus.articles]
    figures = {
        "articles": len(corpus.articles),
        "first_year": min(years, default=None),
        "last_year": max(years, default=None),
        "publications": len({a.publication.id for a in articles}),
        **{kind: len(corpus.entities(kind)) for kind in ("people", "organizations", "themes")},
    }
    # Themes with the most articles first; each with its newest headline.
    front_themes = sorted(
        (
            (t, theme_counts[t.id], next(iter(indexes.articles_by_theme[t.id]), None))
            for t in themes
        ),
        key=lambda entry: -entry[1],
    )
    return Page(
        "index.md",
        "home.html.j2",
        {
            "lead": articles[0] if articles else None,
            "latest": articles[1 : HOME_LATEST + 1],
            "themes": front_themes,
            "key_figures": key_figures,
            "figures": figures,
            "meta": {**LISTING, "hide": ["toc"], "lastmod": indexes.newest_date},
        },
        indexes.everything,
    )


def site_pages(corpus: Corpus, site, edition=None, photos: dict | None = None) -> list[Page]:
    """Every generated page with its template and context, kind by kind; site gives the name, address
    and listing size. edition (newsbuild/lifecycle.py) adds the notices of withdrawn articles and the
    banners of previews; photos (newsbuild/photos.py) the processed photos, by image path."""
    photos = photos or {}
    banners = edition.banners if edition else {}
    indexes = Indexes.of(corpus, site.language)
    pages = article_pages(corpus, indexes, site, banners, photos)
    pages += embed_pages(corpus, banners)
    for article in edition.withdrawn if edition else ():
        pages += withdrawal_pages(article, site)
    pages += feed_pages(corpus.articles, site.site_name, "site", "index.md", site, photos)
    pages += oembed.oembed_pages(
        corpus.articles, edition.withdrawn if edition else (), site, photos
    )
    pages += theme_pages(corpus, indexes, site, photos)
    for kind in ENTITY_KINDS:
        pages += entity_pages(corpus, indexes, site, kind)
    pages += archive_pages(corpus, indexes, site)
    pages += reading_sets.manifests(pages)
    pages.append(home_page(corpus, indexes))
    pages.append(offline_page())
    for page in pages:  # listings name each story's other languages
        page.context["stories"] = indexes.stories
    return pages
