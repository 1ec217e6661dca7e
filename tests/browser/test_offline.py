"""Offline after one visit, and a new release in one step: the service worker
(sw.js, site_hooks/service_worker.py; registered by assets/javascripts/offline.js)
with the release behind its own nginx, in Debian Chromium.

- After one visit to 在线自评, with the network cut (``context.set_offline``): the
  checker page loads and reaches ready, checks the example, and a doc page loads;
  every request is answered from the service worker's cache. At the root and
  under a sub-path. The wasm binary alone is left to the browser's HTTP cache (the
  compiled code is kept with it); with that cache emptied, offline, the page
  compiles the service worker's copy.
- A new release on the server: the page keeps showing the old release, whole,
  says 已更新 and offers 重新加载; after it, every page is the new release and the
  old files are gone from the cache.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from playwright.sync_api import Browser, BrowserContext, Page

READY_MS = 120_000
pytestmark = pytest.mark.timeout(900)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(locale="zh-CN")  # service workers allowed
    yield ctx
    ctx.close()


def first_visit(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.set_default_timeout(READY_MS)
    page.goto(url)
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    # offline.js registers the service worker once the runtime is ready; it marks
    # the page when the whole site is kept.
    page.wait_for_selector("html[data-offline='ready']", state="attached")
    return page


@pytest.mark.parametrize("mount", ["root", "sub-path"])
def test_after_one_visit_the_checker_and_the_docs_work_offline(context: BrowserContext, nginx_site,  # noqa: ANN001
                                                                nginx_site_under_path, mount: str) -> None:
    server = nginx_site if mount == "root" else nginx_site_under_path
    page = first_visit(context, server.url("checker/"))
    context.set_offline(True)
    served = []
    context.on("requestfinished", lambda r: served.append(r))
    failed = []
    # (A request cut short by the next navigation is aborted, not failed for want of a network.)
    context.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}") if "ERR_ABORTED" not in r.failure else None)
    page.goto(server.url("checker/"))
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    page.goto(server.url("standard/"))
    assert "认定标准" in page.title()
    page.goto(server.url("batch/?workers=2"))
    page.wait_for_selector("[data-batch-state='ready']", state="attached")
    assert failed == []
    # The pages' requests and their workers' (the runtime at its versioned URLs)
    # were answered by the service worker; the wasm binary, which it leaves to the
    # browser, by the HTTP cache (there is no network).
    not_kept = [r.url for r in served if r.response() and not r.response().from_service_worker
                and r.service_worker is None]
    assert not_kept and all("/pyodide.asm.wasm?v=" in url for url in not_kept), not_kept


def test_the_wasm_comes_through_the_browsers_cache_not_the_service_worker(context: BrowserContext,
                                                                                 nginx_site) -> None:  # noqa: ANN001
    """docs/sw_pass_through.js: Chromium reuses a module's compiled code only for a
    response it fetched itself; the service worker answers everything else."""
    page = first_visit(context, nginx_site.url("checker/"))
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(nginx_site.url("checker/"))
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    assert page.evaluate("() => Boolean(navigator.serviceWorker.controller)")
    wasm = [r for r in responses if "pyodide.asm.wasm" in r.url]
    assert len(wasm) == 1 and not wasm[0].from_service_worker
    assert all(r.from_service_worker for r in responses if r.url.endswith((".css", ".html", "/checker/")))


def test_offline_with_the_http_cache_emptied_the_page_compiles_the_kept_copy(context: BrowserContext,
                                                                             nginx_site) -> None:  # noqa: ANN001
    """The wasm is left to the browser's HTTP cache; with that cache gone and no network,
    the page compiles the service worker's copy (pyodide_start.js)."""
    page = first_visit(context, nginx_site.url("checker/"))
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    page.goto(nginx_site.url("checker/"))
    page.wait_for_selector("[data-checker-state='ready']", state="attached")
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")


# ---------------------------------------------------------------------------
# A new release


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()  # noqa: S324 - Workbox's revision


def next_release(old: Path, new: Path) -> str:
    """A copy of the release `old` as the next release would be: the home page
    changed (and its revision in sw.js). Returns the new home page's mark."""
    shutil.copytree(old, new)
    mark = "（本站第二版）"
    home = new / "index.html"
    before = md5(home)
    home.write_text(home.read_text(encoding="utf-8").replace("</h1>", f"{mark}</h1>", 1), encoding="utf-8")
    sw = new / "sw.js"
    text = sw.read_text(encoding="utf-8")
    assert text.count(before) == 1
    sw.write_text(text.replace(before, md5(home)), encoding="utf-8")
    for changed in (home, sw):  # nginx would send the old compressed siblings
        for suffix in (".br", ".gz"):
            changed.with_name(changed.name + suffix).unlink()
    return mark


@pytest.fixture
def swapped_server(release, make_nginx_server, tmp_path: Path):  # noqa: ANN001, ANN201
    """nginx serving `current`, a link to the release, which the test can point at the next one."""
    first = release.unpack(tmp_path / "first")
    mark = next_release(first, tmp_path / "second")
    current = tmp_path / "served" / "current"
    current.parent.mkdir()
    current.symlink_to(first)
    return make_nginx_server(current), current, tmp_path / "second", mark


def test_a_new_release_says_updated_and_reload_switches_every_page(context: BrowserContext, swapped_server) -> None:  # noqa: ANN001
    server, current, second, mark = swapped_server
    page = first_visit(context, server.url("checker/"))
    page.goto(server.url(""))
    assert mark not in page.inner_text("h1")

    current.unlink()
    current.symlink_to(second)  # the new release is on the server
    page.reload()
    page.wait_for_selector("[data-site-update]", state="visible")
    assert "已更新" in page.inner_text("[data-site-update]")
    # Until the visitor reloads, every page is still the old release, whole.
    assert mark not in page.inner_text("h1")
    other = context.new_page()
    other.goto(server.url(""))
    assert mark not in other.inner_text("h1")

    with page.expect_navigation():
        page.click("[data-site-update] button")
    page.wait_for_load_state("load")
    assert mark in page.inner_text("h1")
    other.wait_for_function(f"() => document.querySelector('h1').textContent.includes({mark!r})", timeout=30_000)
    # The old release's files are gone from the cache: only the new revisions remain.
    keys = page.evaluate("""async () => {
        const keys = [];
        for (const name of await caches.keys()) keys.push(...(await (await caches.open(name)).keys()).map(r => r.url));
        return keys; }""")
    homes = [key for key in keys if key.startswith(f"{server.base_url}index.html?")]
    assert homes == [f"{server.base_url}index.html?__WB_REVISION__={md5(second / 'index.html')}"]
