"""Headless Chromium (Debian's, never a downloaded one) for the HTML view tests."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium missing: apt-get install chromium")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield instance
        instance.close()


class Page:
    """A loaded view: the Playwright page, the requests it made, its dialogs and errors."""

    def __init__(self, browser, path: Path, viewport: dict | None = None):
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 800})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # Anything but file: and data: would leave the machine: record it, then refuse it.
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else route.abort()
            ),
        )
        self.page.goto(path.resolve().as_uri())
        # The page's CSP forbids eval, so wait on an attribute rather than a JS predicate.
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def settled(self) -> None:
        """Wait until the page's own camera animation has finished (it sets data-moving)."""
        self.page.wait_for_selector("body:not([data-moving])", state="attached", timeout=10_000)


@pytest.fixture
def open_view(browser):
    pages: list[Page] = []

    def _open(path: Path, viewport: dict | None = None) -> Page:
        pages.append(Page(browser, path, viewport))
        return pages[-1]

    yield _open
    for p in pages:
        p.page.close()
