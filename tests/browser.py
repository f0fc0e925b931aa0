"""Headless Chromium (Debian's package) driven by Playwright, recording what pages do."""

from __future__ import annotations

import atexit
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import pytest

from bench import headless


@dataclass
class Recorder:
    """Requests, console errors, page errors and dialogs seen by one page."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page):
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return self

    def clear(self):
        """Forget what was seen: before the tab goes to its next page (a new tab costs Chromium about
        as much CPU as loading a page)."""
        for seen in (self.requests, self.console_errors, self.page_errors, self.dialogs):
            seen.clear()


# One Chromium per test process, started by the first test that needs it and closed at exit: starting
# one takes about a second, and the suite opens a browser some sixty times.
_running: dict = {}


@atexit.register
def _stop() -> None:
    _running.pop("tab", None)
    if "browser" in _running:
        _running.pop("browser").close()
        _running.pop("playwright").stop()


@contextmanager
def chromium():
    """Headless Chromium. A browser test never skips: without the browser it fails, saying what to install.
    Each use gets the process's browser; the contexts (and their pages) it opened are closed after it."""
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("Playwright is missing: run 'make test', which installs requirements-test.txt")
    if not headless.installed():
        pytest.fail(
            "Chromium is missing: install Debian's chromium (apt-get install chromium), as .ci/run does"
        )
    if "browser" in _running and not _running["browser"].is_connected():
        _stop()  # it crashed: the next test gets a new one
    if "browser" not in _running:
        _running["playwright"] = sync_api.sync_playwright().start()
        _running["browser"] = headless.launch(_running["playwright"])
    browser = _running["browser"]
    before = set(browser.contexts)
    try:
        yield browser
    finally:
        kept = before | {_reading_context()}
        for context in browser.contexts:
            if context not in kept:
                context.close()


def _reading_context():
    tab = _running.get("tab")
    return tab.context if tab is not None and not tab.is_closed() else None


@contextmanager
def reader_tab(width: int = 1280, height: int = 720, color_scheme: str = "light"):
    """The process's reading tab at this size and colour preference: one tab reused from test to test,
    for tests that only read pages from disk. A new tab costs Chromium more CPU than a page load
    in an open one (a renderer process started, the site's scripts compiled cold; see
    handbook/performance/test-suite.md). A test that listens to the page's events, intercepts its
    requests, serves it over HTTP or needs a fresh profile opens its own tab with chromium()."""
    with chromium() as browser:
        if _reading_context() is None:
            _running["tab"] = browser.new_page()
        tab = _running["tab"]
        tab.set_viewport_size({"width": width, "height": height})
        tab.emulate_media(media="no-override", color_scheme=color_scheme)
        try:
            yield tab
        finally:
            try:
                # what the pages kept (Material's palette and search state) goes with the test
                if tab.url.startswith("file:"):
                    tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                tab.goto("about:blank")
            except Exception:  # a crashed or stuck tab: the next test gets a new one
                _running.pop("tab", None)
                with suppress(Exception):
                    tab.context.close()


# Resolves once the element's text is (or is no longer) text, or after the time limit with whether it
# is: watched in the page, one call rather than a poll every few ms. (Playwright's wait_for_function
# evaluates a string, which the site's CSP forbids.)
_WAIT_FOR_TEXT = """([selector, text, showing, limit]) => new Promise(resolve => {
  const element = document.querySelector(selector);
  const done = () => (element.textContent === text) === showing;
  if (done()) return resolve(true);
  const observer = new MutationObserver(() => done() && (observer.disconnect(), resolve(true)));
  observer.observe(element, {childList: true, characterData: true, subtree: true});
  setTimeout(() => (observer.disconnect(), resolve(done())), limit);
})"""


def wait_for_text(page, selector: str, text: str, showing: bool, seconds: float = 20) -> bool:
    """Until the first element selector finds shows text (showing) or something else (not showing);
    False if it did not within the time limit."""
    return page.evaluate(_WAIT_FOR_TEXT, [selector, text, showing, seconds * 1000])
