"""Headless Chromium (Debian's package) driven by Playwright, recording what pages do."""

from __future__ import annotations

from contextlib import contextmanager
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


@contextmanager
def chromium():
    """Headless Chromium. A browser test never skips: without the browser it fails, saying what to install."""
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("Playwright is missing: run 'make test', which installs requirements-test.txt")
    if not headless.installed():
        pytest.fail(
            "Chromium is missing: install Debian's chromium (apt-get install chromium), as .ci/run does"
        )
    with sync_api.sync_playwright() as playwright:
        browser = headless.launch(playwright)
        try:
            yield browser
        finally:
            browser.close()
