"""A page with everything it did recorded (requests, console, page errors), and the
factory that opens one: a plain module, so fixtures and test modules import it
(tests/browser/conftest.py's ``open_page`` is this factory, per test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request
from tests.browser.browser_options import CONTEXT


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


@contextmanager
def page_opener(browser: Browser) -> Iterator[Callable[..., RecordedPage]]:
    """``open_(url)`` -> a RecordedPage in a fresh context (or in ``context=``); every
    context it made is closed on leaving."""
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

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()
