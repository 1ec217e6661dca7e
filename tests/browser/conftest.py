"""Browser fixtures: Debian Chromium through Playwright, with a request log.

Fixtures (the site fixtures of tests/conftest.py are available too):

- ``browser`` -> a session-wide Playwright ``Browser`` (``/usr/bin/chromium`` with
  ``CHROMIUM_ARGS``; Playwright's own browser download is not used).
- ``open_page`` -> factory ``open_page(url, *, context=None, wait_until="load")``
  returning a ``RecordedPage``. Each call gets a fresh browser context (empty cache)
  unless one is passed, so sizes are first-visit sizes. Every request, response,
  console message and page error is recorded from before navigation starts.
  Contexts are closed after the test.
- ``axe_script`` -> Path of axe-core from node_modules (npm pin), to run in a page
  with ``page.evaluate(axe_script.read_text())`` (a <script> tag added to the page
  would be an inline script, which the site's CSP refuses).

Contexts are made with ``browser_options.CONTEXT`` (Chinese, no service worker).

``RecordedPage``: ``.page``, ``.requests`` (every ``Request`` of the page's context
from the moment the page was opened, workers' included), ``.console`` (``ConsoleMessage``), ``.page_errors`` (uncaught exceptions),
``.console_errors()``, ``.hosts()`` (the ``host:port`` of every request),
``.foreign_requests(origin)`` (URLs not on ``origin``), ``.transferred_bytes()``
(headers + bodies of all finished responses, as Chromium counted them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.browser.browser_options import CONTEXT

from playwright.sync_api import (
    Browser, BrowserContext, ConsoleMessage, Page, Request, sync_playwright,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class RecordedPage:
    page: Page
    requests: list[Request] = field(default_factory=list)
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def console_errors(self) -> list[str]:
        return [m.text for m in self.console if m.type == "error"] + self.page_errors

    def hosts(self) -> set[str]:
        return {urlsplit(r.url).netloc for r in self.requests if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")}

    def foreign_requests(self, origin: str) -> list[str]:
        """Every request that is not to ``origin`` (data: and blob: URLs stay in the page)."""
        return [r.url for r in self.requests
                if urlsplit(r.url).scheme not in ("data", "blob") and not r.url.startswith(origin + "/")]

    def transferred_bytes(self) -> int:
        total = 0
        for request in self.requests:
            if request.response() is None:
                continue
            sizes = request.sizes()
            total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        return total


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does it as root)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser):
    contexts: list[BrowserContext] = []

    def open_(url: str, *, context: BrowserContext | None = None, wait_until: str = "load") -> RecordedPage:
        if context is None:
            context = browser.new_context(**CONTEXT)
            contexts.append(context)
        page = context.new_page()
        record = RecordedPage(page)
        # Context-level, so requests made by Web Workers are logged as well (with a
        # shared context, other pages' requests from now on are logged too).
        context.on("request", lambda request: record.requests.append(request))
        page.on("console", lambda message: record.console.append(message))
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))
        page.goto(url, wait_until=wait_until)
        return record

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does it)", pytrace=False)
    return AXE
