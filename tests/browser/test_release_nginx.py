"""The release behind its own nginx, in Debian Chromium: every page under the strict
Content-Security-Policy (the nginx header, which also governs the workers, and the
pages' <meta>), with no violation, no console error and no broken request; the checker page reaches
ready and checks the example; at the root and under a sub-path.

The servers are tests/conftest.py's ``nginx_site`` and ``nginx_site_under_path``
(the session's release, unpacked, served by deploy/serve-nginx.sh). The service
worker is allowed here, as for a visitor.
"""

from __future__ import annotations

import urllib.parse

import pytest

from playwright.sync_api import Browser, Page, Request
from tests.browser.sweep import broken, sweep

READY_MS = 120_000
pytestmark = pytest.mark.timeout(900)

# Every violation the document sees (workers' violations reach the console).
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
}, true);
"""


@pytest.fixture(params=["root", "sub-path"])
def server(request, nginx_site, nginx_site_under_path):  # noqa: ANN001, ANN201 - tests/conftest.py fixtures
    return nginx_site if request.param == "root" else nginx_site_under_path


def begin(browser: Browser, url: str) -> tuple[Page, list[str], list[Request]]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(READY_MS)
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    seen: list[Request] = []
    context.on("request", lambda r: seen.append(r))
    page.add_init_script(VIOLATIONS)
    page.goto(url, wait_until="commit")
    return page, console, seen


def settle(visit: tuple[Page, list[str], list[Request]], ready: str | None = None) -> tuple[Page, list[str], list[Request]]:
    page = visit[0]
    page.wait_for_load_state("load")
    if ready:
        page.wait_for_selector(ready, state="attached")
    page.wait_for_load_state("networkidle")
    return visit


def visit(browser: Browser, url: str, ready: str | None = None) -> tuple[Page, list[str], list[Request]]:
    return settle(begin(browser, url), ready)


def test_every_page_runs_under_the_policy_with_no_violation(browser: Browser, server, nav_pages) -> None:  # noqa: ANN001
    problems = {}
    readiness = {"checker/": "[data-checker-state='ready']", "batch/": "[data-batch-state='ready']"}
    visits = sweep(nav_pages, start=lambda nav_page: (nav_page, begin(browser, server.url(nav_page.url))),
                   finish=lambda started: settle(started[1], readiness.get(started[0].url)),
                   close=lambda started: started[1][0].context.close())
    for nav_page, (page, console, seen) in visits:
        found = {
            "violations": page.evaluate("window.__violations"),
            "console": console,
            "not local": [r.url for r in seen if urllib.parse.urlsplit(r.url).scheme not in ("data", "blob")
                          and not r.url.startswith(server.base_url)],
            "broken": broken(seen),
        }
        csp = page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content")
        if not csp or "script-src 'self' 'wasm-unsafe-eval'" not in csp:
            found["meta"] = [str(csp)]
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[nav_page.src] = found
        page.context.close()
    assert problems == {}


def test_the_checker_reaches_ready_and_checks_the_example(browser: Browser, server) -> None:  # noqa: ANN001
    page, console, _ = visit(browser, server.url("checker/"), "[data-checker-state='ready']")
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    assert console == [] and page.evaluate("window.__violations") == []
    # The policy is in force: an inline script put into the page does not run.
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__inline = 1"; document.head.append(s); }""")
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__inline") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")
    page.context.close()


def test_the_browser_gets_the_wasm_in_brotli_as_application_wasm(browser: Browser, nginx_site) -> None:  # noqa: ANN001
    context = browser.new_context(locale="zh-CN", service_workers="block")
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r) if "pyodide.asm.wasm" in r.url else None)
    page.goto(nginx_site.url("checker/"))
    page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)
    assert len(responses) == 1
    headers = responses[0].headers
    assert headers["content-type"] == "application/wasm" and headers["content-encoding"] == "br"
    context.close()
