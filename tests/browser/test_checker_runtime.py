"""What the self-assessment page's worker fetches to get ready, in a real browser:
the checker wheel alone (no pydantic), and every file of ours at this build's version.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page, Request  # noqa: E402

READY_MS = 90_000
pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    yield tab
    context.close()


def test_ready_loads_the_checker_wheel_alone_and_versioned_boot_code(page: Page, make_site_server) -> None:  # noqa: ANN001
    origin = make_site_server("/").origin
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    page.context.on("request", record)  # context-level: the worker's requests too
    page.goto(f"{origin}/checker/")
    page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)
    wheels = sorted(urllib.parse.urlsplit(url).path.rsplit("/", 1)[1] for url in seen if url.endswith(".whl"))
    assert len(wheels) == 1 and wheels[0].startswith("cluster_checker-"), wheels
    assert not [url for url in seen if "pydantic" in url]
    boot = [url for url in seen if "/pyodide_boot.js" in url]
    worker = [url for url in seen if "/checker/worker.js" in url]
    assert boot and worker
    version = urllib.parse.parse_qs(urllib.parse.urlsplit(worker[0]).query)["v"]
    assert all(urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("v") == version for url in boot), boot
