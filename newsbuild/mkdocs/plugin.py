"""The newsbuild MkDocs plugin: what only the renderer can do for the site, in the order of MkDocs' events.

    plugins:
      - search
      - offline
      - newsbuild:
          listing_items: 40

Each event method below calls the plugin's parts in the order they must run; the parts live in this
folder (generated pages, the dirty build, search, the preview) and in the renderer-neutral modules of
the package (npm assets, CSP hashes, the 404 page). Every reliance on MkDocs or Material behaviour
that no supported extension point offers is in compat.py. The plugin's state lives on the plugin
object (and in newsbuild/state/site_records.py, the records a dirty build takes from the last one).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .. import csp, not_found, reading_sets, service_worker
from ..assets import FONT_CSS, SHIM_SITE_PATH, AssetError, published_assets
from ..compiled_templates import compiled_templates
from ..i18n import translate, translations
from ..search_index import SearchIndex, SearchIndexError
from ..settings import LISTING_ITEMS, SiteSettings, check_listing_items
from ..state import SEARCH_CACHE, store
from ..state.manifest import read_manifest
from ..state.site_records import SiteState
from . import compat, dirty_build
from .generated_pages import GeneratedPage, nav_titles
from .preview import Preview, watch_hand_written


class ListingItems(options.Type):
    """A whole number of 1 or more, by the rule build_pages.py applies to the same option."""

    def __init__(self):
        super().__init__(int, default=LISTING_ITEMS)

    def run_validation(self, value):
        wrong = check_listing_items(value)
        if wrong:
            raise options.ValidationError(wrong)
        return value


class NewsbuildConfig(base.Config):
    # Long listings (theme, person, archive pages) are split by year and month past this many excerpts.
    listing_items = ListingItems()
    # Each generated page's HTML held compressed until its turn to be written: a large archive builds
    # in less memory. Off, the same site is built.
    hold_pages_compressed = options.Type(bool, default=True)


# Pages outside the nav (articles, themes, people …) highlight the header tab of their section's hub.
SECTION_OF_FOLDER = {
    "articles": "archive.md",
    "embed": "archive.md",
    "archive": "archive.md",
    "themes": "themes/index.md",
    "people": "people/index.md",
    "organizations": "organizations/index.md",
    "places": "places/index.md",
}


def interface_language(config) -> str:
    """The site's language (theme.language): its interface's, and its articles' unless they say."""
    return config.theme.get("language") or "en"


def translate_nav(items, language: str) -> None:
    """The titles mkdocs.yml's nav gives, in the interface's language (the catalog has them: babel.cfg
    extracts them from mkdocs.yml); a title the catalog lacks stays as written."""
    for item in items:
        title = compat.nav_title(item)
        if title:
            compat.set_nav_title(item, translate(language, title))
        translate_nav(getattr(item, "children", None) or (), language)


class NewsbuildPlugin(BasePlugin[NewsbuildConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.state = SiteState()
        self.preview = Preview()
        self.serving = False
        self.search: SearchIndex | None = None
        self.page_hashes: dict[str, list[str]] = {}  # page address → its inline scripts' hashes
        self.template_hashes: set[str] = set()
        self.activated: list = []  # hub pages marked active for the page being rendered

    def settings(self, config) -> SiteSettings:
        return SiteSettings(
            site_name=config.site_name,
            site_url=config.site_url or None,
            listing_items=self.config.listing_items,
            language=config.theme.get("language") or "en",
        )

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.state.on_disk = not self.serving  # `mkdocs serve` keeps the state in memory only
        self.state.dirty = dirty
        if dirty:
            compat.silence_dirty_build_warning()

    def on_config(self, config):
        if SHIM_SITE_PATH not in config.extra.get("polyfills", []):
            raise PluginError(
                f"mkdocs.yml must list {SHIM_SITE_PATH} in extra.polyfills, or search breaks offline"
            )
        if FONT_CSS not in config.extra_css:
            raise PluginError(
                f"mkdocs.yml must list {FONT_CSS} in extra_css, or pages fall back to other fonts"
            )
        if self.search:
            self.search.stop()  # left running by a build that failed before its end
        self.search = SearchIndex(store(config.docs_dir, SEARCH_CACHE), interface_language(config))
        self.page_hashes.clear()
        self.template_hashes.clear()
        self.state.begin(config)
        translations.cache_clear()  # a catalog edited since the last build (make serve)
        # the permalinks' title on hand-written pages (the builder's pages have theirs: render.py)
        toc = config.mdx_configs.get("toc")
        if toc is not None and toc.get("permalink"):
            toc["permalink_title"] = translate(interface_language(config), "Permanent link")
        # the palette toggle's names (titles and labels of Material's header button)
        for option in config.theme.get("palette") or []:
            toggle = option.get("toggle") if isinstance(option, dict) else None
            if toggle and toggle.get("name"):
                toggle["name"] = translate(interface_language(config), toggle["name"])
        return config

    @staticmethod
    def root(config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_pre_build(self, *, config):
        if self.serving:  # `make site` runs build_pages.py itself, with its exit codes
            self.preview.regenerate(self.root(config), Path(config.docs_dir), self.settings(config))

    def on_files(self, files, *, config):
        site, docs = Path(config.site_dir), Path(config.docs_dir)
        try:
            for asset in published_assets(self.root(config) / "node_modules"):
                source = str(asset.source) if asset.source else None
                files.append(
                    File.generated(
                        config, asset.site_path, abs_src_path=source, content=asset.content
                    )
                )
        except AssetError as error:
            raise PluginError(str(error)) from None
        dirty_build.remove_what_a_clean_build_lacks(self.state, files, site)
        dirty_build.mark_edited_pages(self.state, files, docs)
        titles = nav_titles(config.nav)
        generated = read_manifest(docs)
        for file in files.documentation_pages():
            if file.src_uri in generated:
                GeneratedPage(
                    titles.get(file.src_uri), file, config, self.config.hold_pages_compressed
                )
        return files

    def on_nav(self, nav, *, config, files):
        dirty_build.follow_the_nav(self.state, nav, files)
        translate_nav(nav.items, interface_language(config))
        return nav

    def on_env(self, env, *, config, files):
        # _() in overrides/ (the site's footer): the project's catalog, in the interface's language
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations(interface_language(config)), newstyle=True)
        compat.keep_compiled_templates(env, compiled_templates("theme"))
        return env

    @event_priority(-100)  # after every other plugin has seen the page's HTML
    def on_page_content(self, html, *, page, config, files):
        if isinstance(page, GeneratedPage):
            page.hold_next()  # MkDocs sets the page's content to what this returns
        return html

    @event_priority(100)  # before the search plugin and the theme read the page
    def on_page_context(self, context, *, page, config, nav):
        if compat.search_enabled(config):
            try:
                self.search.add_page(page.url, page.meta, page.content)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            if isinstance(page, GeneratedPage):  # a hand-written page's meta stays as written
                compat.leave_out_of_materials_index(page)
        hub = SECTION_OF_FOLDER.get(page.file.src_uri.split("/")[0])
        if hub and page not in nav.pages:  # a hub is highlighted by Material itself
            for item in nav.pages:
                if item.file.src_uri == hub:
                    compat.set_active(item, True)
                    self.activated.append(item)
        return context

    def on_post_page(self, output, *, page, config):
        self.page_hashes[page.url] = sorted(csp.inline_script_hashes(output))
        while self.activated:
            compat.set_active(self.activated.pop(), False)
        if isinstance(page, GeneratedPage):
            page.release()
        return output

    def on_post_template(self, output_content, *, template_name, config):
        if template_name == not_found.PAGE:
            output_content = not_found.relative_links(output_content, config.site_url)
        # Static templates (404.html, sitemap.xml) do not pass through on_post_page.
        self.template_hashes.update(csp.inline_script_hashes(output_content))
        return output_content

    # After Material's search plugin writes search_index.json, before its offline plugin (-100) copies
    # it into search_index.js.
    @event_priority(-50)
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        if compat.search_enabled(config):
            try:
                self.search.write(site, self.state, lambda: self.state.other_search_keys(config))
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
        # A dirty build renders only the pages that changed: the others' hashes are the last build's.
        pages = {**self.state.previous("csp"), **self.page_hashes}
        pages = {address: pages[address] for address in self.state.pages if address in pages}
        self.state.keep("csp", pages)
        csp.write_hashes(site, self.template_hashes.union(*pages.values()))
        reading_sets.complete(site)
        service_worker.write(site)  # after every other file: its build id is a digest of them
        if self.serving:
            self.preview.show_problems(site)
        dirty_build.list_site(self.state, site)
        self.state.finish(config)

    def on_build_error(self, *, error):
        if self.search:
            self.search.stop()

    def on_shutdown(self):
        compat.let_the_dirty_build_warning_through()

    def on_serve(self, server, *, config, builder):
        watch_hand_written(server, Path(config.docs_dir))
        return server
