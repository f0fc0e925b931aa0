"""What newsbuild/mkdocs/compat.py relies on, checked against the installed MkDocs, Material and Jinja.

Each test names the upstream behaviour one compat function needs; if an upgrade changes it, the test
fails here, by name, before a site is built wrong.
"""

from __future__ import annotations

import logging
import re

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import event_priority

from newsbuild.mkdocs import compat

CONFIG = """site_name: Compat
use_directory_urls: false
theme:
  name: material
  font: false
  features: [navigation.tabs]
plugins: [search]
nav:
  - Home: index.md
  - Section:
      - Page: section/page.md
"""


@pytest.fixture
def config(tmp_path):
    (tmp_path / "docs" / "section").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (tmp_path / "docs" / "section" / "page.md").write_text(
        "# A page\n\nSome words to find.\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return lambda: load_config(config_file=str(tmp_path / "mkdocs.yml"))


class _AnswerNotModified:
    """A plugin that answers, for every file, that it did not change."""

    def on_files(self, files, config):
        for file in files:
            compat.answer_modified(file, False)
        return files


def test_a_dirty_build_renders_only_the_pages_whose_file_answers_modified(config, tmp_path):
    build(config())
    page = tmp_path / "site" / "section" / "page.html"
    page.write_text("kept", encoding="utf-8")
    (tmp_path / "docs" / "section" / "page.md").write_text("# Changed\n", encoding="utf-8")
    again = config()
    again.plugins["answer"] = _AnswerNotModified()
    build(again, dirty=True)
    assert page.read_text(encoding="utf-8") == "kept"  # MkDocs asked is_modified() and skipped it
    build(config(), dirty=True)
    assert "Changed" in page.read_text(encoding="utf-8")  # by modification time, it would render


def test_the_dirty_build_warning_is_the_one_silenced(config, caplog):
    build(config())
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(config(), dirty=True)
    assert any(r.getMessage().startswith(compat.DIRTY_BUILD_WARNING) for r in caplog.records)
    logger = logging.getLogger("mkdocs.commands.build")
    filters = list(logger.filters)
    try:
        compat.silence_dirty_build_warning()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            build(config(), dirty=True)
        assert not any(
            r.getMessage().startswith(compat.DIRTY_BUILD_WARNING) for r in caplog.records
        )
    finally:
        logger.filters[:] = filters


class _LeaveOut:
    """A plugin that marks the page "Page" as one Material's search leaves out, before it indexes it."""

    @event_priority(100)
    def on_page_context(self, context, page, config, nav):
        if page.url == "section/page.html":
            compat.leave_out_of_materials_index(page)
        return context


def test_a_page_marked_so_is_left_out_of_materials_index(config, tmp_path):
    build(config())
    index = (tmp_path / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "Some words to find" in index and "Welcome" in index
    loaded = config()
    assert compat.search_enabled(loaded)
    loaded.plugins["leave out"] = _LeaveOut()
    build(loaded)
    index = (tmp_path / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "Some words to find" not in index and "Welcome" in index


def test_without_search_there_is_no_index_to_make(config):
    loaded = config()
    loaded.plugins.pop("material/search")
    assert not compat.search_enabled(loaded)


SECTION_TAB_ACTIVE = re.compile(
    r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="section/page.html"'
)


class _MarkSection:
    """A plugin that marks the page "Page" active while the home page is rendered."""

    def on_page_context(self, context, page, config, nav):
        if page.url == "index.html":
            compat.set_active(nav.pages[1], True)
        return context

    def on_post_page(self, output, page, config):
        if page.url == "index.html":
            config.extra["section_active"] = bool(SECTION_TAB_ACTIVE.search(output))
        return output


def test_an_item_marked_active_highlights_its_sections_tab(config):
    loaded = config()
    loaded.plugins["mark"] = _MarkSection()
    build(loaded)
    assert loaded.extra["section_active"]


def test_a_bytecode_cache_given_to_the_environment_is_used():
    cache = _Compiled()
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ 1 + 1 }}"}))
    compat.keep_compiled_templates(env, cache)
    assert env.get_template("t.html").render() == "2"
    assert cache.compiled


class _Compiled(jinja2.BytecodeCache):
    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _Retitle:
    """A plugin that gives each nav item the nav names a title of its own, and notes what it found."""

    def on_nav(self, nav, config, files):
        found = []
        for item in [*nav.items, *nav.items[1].children]:
            found.append(compat.nav_title(item))
            if found[-1]:
                compat.set_nav_title(item, found[-1].upper())
        config.extra["found"] = found
        return nav

    def on_post_page(self, output, page, config):
        if page.url == "index.html":
            config.extra["shown"] = re.findall(r'class="md-tabs__link">\s*([^<]*?)\s*<', output)
        return output


def test_a_title_the_nav_gives_is_found_and_can_be_replaced(config, tmp_path):
    """Home and Section are named by the nav; a page listed without a name has none of its own (its
    heading names it), so it is left alone."""
    (tmp_path / "mkdocs.yml").write_text(
        CONFIG.replace("- Page: section/page.md", "- section/page.md"), encoding="utf-8"
    )
    loaded = config()
    loaded.plugins["retitle"] = _Retitle()
    build(loaded)
    assert loaded.extra["found"] == ["Home", "Section", None]
    assert loaded.extra["shown"] == ["HOME", "SECTION"]
