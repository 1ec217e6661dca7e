"""The pages' Pyodide start-up (assets/javascripts/pyodide_start.js on the page,
pyodide_boot.js in the worker), in Debian Chromium against a real server.

The page compiles pyodide.asm.wasm with WebAssembly.compileStreaming (Chromium keeps
the compiled code of a page's module in its cache, not of a worker's) and posts the
WebAssembly.Module to its workers; Pyodide instantiates that module. These tests pin
the path: the binary is requested once, by the page, never by a worker (so a
Pyodide upgrade that loads it another way fails here), one compile serves all of the
批量初审 page's workers, and a failed compile reaches the error state and 重试
(the 批量初审 page's own failure test is in test_batch_page.py).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from bench import browser_bench
from tests.browser.browser_options import CONTEXT, WASM
from playwright.sync_api import Browser, Page, Request, Route

READY_MS = 120_000

pytestmark = pytest.mark.timeout(600)

# Records every worker's "ready" message (what pyodide_boot.js says about the binary).
READY_SPY = """
(() => {
  window.__ready = [];
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "ready") window.__ready.push({ url: String(url), wasm: event.data.wasm });
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""


@pytest.fixture(scope="module")
def server(make_site_server) -> str:  # noqa: ANN001 - tests/conftest.py fixture
    return make_site_server("/").origin


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**CONTEXT)
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    tab.add_init_script(READY_SPY)
    yield tab
    context.close()


def wasm_requests(page: Page) -> list[Request]:
    seen: list[Request] = []
    # Context-level: the workers' requests too.
    page.context.on("request", lambda request: seen.append(request) if "pyodide.asm.wasm" in request.url else None)
    return seen


def referrer_path(request: Request) -> str:
    return urllib.parse.urlsplit(request.headers.get("referer", "")).path


def test_the_checker_page_compiles_the_runtime_and_its_worker_never_fetches_it(page: Page, server: str) -> None:
    seen = wasm_requests(page)
    page.goto(f"{server}/checker/")
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    assert len(seen) == 1, [r.url for r in seen]
    # The page asked (its referrer is the page, a worker's would be worker.js) ...
    assert referrer_path(seen[0]) == "/checker/", seen[0].headers
    # ... at the Pyodide release's version, so a new release never pairs an old binary with new JS.
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(seen[0].url).query)["v"] == ["314.0.7"]
    # And Pyodide instantiated the page's module (pyodide_boot.js saw its own placeholder come back).
    worker = page.evaluate("new URL(document.querySelector('[data-worker-url]').dataset.workerUrl, document.baseURI).href")
    assert page.evaluate("window.__ready") == [{"url": worker, "wasm": "page"}]
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")


@pytest.mark.parametrize("path", ["/checker/", "/batch/"])
def test_the_compile_starts_once_the_page_is_parsed(page: Page, server: str, path: str) -> None:
    """The bytes the compile consumes are main-thread tasks: started while the page is
    parsed, they held the text area's first frame back (bench.browser_bench, paste)."""
    page.add_init_script(browser_bench.PROBE)  # the first worker's marks, in the page's time
    page.goto(f"{server}{path}")
    page.wait_for_function("() => window.__boot", timeout=READY_MS)
    started, _done = page.evaluate("window.pyodide_runtime.compiled_ms")
    parsed = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    asked = page.evaluate("window.__boot.wasm_wanted")  # or sooner, if the worker asked first
    assert 0 < parsed < started or 0 < asked - 1 <= started, (parsed, asked, started)


def test_the_batch_page_compiles_once_for_all_its_workers(page: Page, server: str) -> None:
    seen = wasm_requests(page)
    page.goto(f"{server}/batch/?workers=3")
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchWorkersReady === '3'", timeout=READY_MS)
    assert len(seen) == 1, [r.url for r in seen]
    assert referrer_path(seen[0]) == "/batch/"
    ready = page.evaluate("window.__ready")
    assert len(ready) == 3 and {r["wasm"] for r in ready} == {"page"}, ready


def test_a_failed_compile_shows_the_error_and_retry_compiles_again(page: Page, server: str) -> None:
    seen = wasm_requests(page)
    page.route(WASM, lambda route: route.abort())
    page.goto(f"{server}/checker/")
    page.wait_for_selector("[data-checker-state='error']", state="attached")
    assert page.is_visible("[data-checker-error]")
    assert "运行环境" in page.inner_text("[data-checker-error-message]")
    assert "Failed to fetch" in page.inner_text("[data-checker-error-cause]")
    assert [referrer_path(r) for r in seen] == ["/checker/"]  # the page's compile failed, no worker tried
    page.unroute(WASM)
    page.click("[data-checker-retry]")
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    assert page.is_hidden("[data-checker-error]")
    assert [referrer_path(r) for r in seen] == ["/checker/", "/checker/"]
    assert [r["wasm"] for r in page.evaluate("window.__ready")] == ["page"]


def test_a_server_without_the_wasm_type_still_works(page: Page, server: str) -> None:
    """compileStreaming refuses a binary that is not served as application/wasm (an IIS
    without the MIME map): the page compiles it from the bytes instead."""

    def octet_stream(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.route(WASM, octet_stream)
    page.goto(f"{server}/checker/")
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    assert [r["wasm"] for r in page.evaluate("window.__ready")] == ["page"]
