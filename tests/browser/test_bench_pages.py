"""What bench/browser_bench.py reads from the pages is there, in Debian Chromium.

The benchmark's figures for the start-up come from the page itself: its probe (an
init script) keeps the worker's boot marks from the "ready" message (pyodide_boot.js),
and its bare page that "compiles & posts" stands for Pyodide started our way without
the site. A renamed mark or a bare page that quietly fell back to the worker's own
compile would give wrong figures, not an error: these tests fail instead.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import browser_bench
from tests.browser.browser_options import CONTEXT
from playwright.sync_api import Browser, Page

READY_MS = 120_000

pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**CONTEXT)
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    tab.add_init_script(browser_bench.PROBE)
    yield tab
    context.close()


def test_the_checker_page_gives_the_bench_every_mark_of_its_phases(page: Page, make_site_server) -> None:  # noqa: ANN001
    server = make_site_server("/").origin
    page.goto(f"{server}/checker/")
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    boot = page.evaluate("() => window.__boot")
    marks = {name for _, start, end in browser_bench.PHASES for name in (start, end) if name}
    assert marks <= set(browser_bench.MARKS) <= set(boot), boot
    # In order, in the page's time (ms since navigation), none before the page began.
    assert [boot[name] for name in browser_bench.MARKS] == sorted(boot[name] for name in browser_bench.MARKS)
    assert 0 < boot["imported"] <= boot["ready"]
    compiled = page.evaluate("() => window.pyodide_runtime.compiled_ms")
    assert len(compiled) == 2 and 0 < compiled[0] <= compiled[1] <= boot["wasm_received"]


def test_the_bare_page_that_compiles_and_posts_never_lets_its_worker_fetch_the_wasm(
    page: Page, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    root = browser_bench.stage(site, tmp_path, compress=False)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(browser_bench.Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        seen: list[str] = []
        page.context.on("request", lambda r: seen.append(r.headers.get("referer", "")) if r.url.endswith(".wasm") else None)
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        page.goto(f"{base}/{browser_bench.BARE_POST}/")
        page.wait_for_selector("body[data-ready-ms]", state="attached")
        # One request, the page's (a worker's referrer would be its worker.js).
        assert seen == [f"{base}/{browser_bench.BARE_POST}/"]
    finally:
        httpd.shutdown()
