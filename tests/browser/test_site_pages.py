"""Every page of the nav in Debian Chromium, each visited once for all of these: clean
console, no foreign host, no broken request, no serious or critical axe-core
violation (axe-core from node_modules); and Chinese search, the home page's weight,
print.

The site is the session's one build (tests/conftest.py), served by a real HTTP
server on a free port. Under a sub-path (every URL relative) and under the strict
Content-Security-Policy, the same pages are swept behind the release's own nginx:
test_release_nginx.py, which looks for console errors, requests that leave the site
and broken requests as well.
"""

from __future__ import annotations

import json

import pytest
from tests.browser.recorded import page_opener
from tests.browser.sweep import broken, sweep

pytestmark = pytest.mark.timeout(600)

SETTLE_MS = 500  # let deferred scripts (search worker, checker worker start) report errors


def begin(open_page, server, url_path: str):
    return open_page(server.url(url_path), wait_until="commit")


def settle(record):
    record.page.wait_for_load_state("networkidle")
    record.page.wait_for_timeout(SETTLE_MS)
    return record


def visit(open_page, server, url_path: str):
    return settle(begin(open_page, server, url_path))


def loading_problems(record, server) -> dict[str, list[str]]:
    found = {
        "console errors": record.console_errors(),
        "requests to other hosts": record.foreign_requests(server.origin),
        "broken requests": broken(record.requests),
    }
    if not record.requests or not record.requests[0].url.startswith(server.base_url):
        found["navigation"] = ["the page itself was not requested from the local server"]
    if record.hosts() != {f"127.0.0.1:{server.port}"}:
        found["hosts"] = sorted(record.hosts())
    return {k: v for k, v in found.items() if v}


def serious_violations(page, axe_script, name: str) -> list[str]:
    page.evaluate(axe_script.read_text(encoding="utf-8"))  # not a <script>: the CSP allows no inline one
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    violations = json.loads(result)["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    print(f"axe {name}: {len(violations)} violation(s), {len(serious)} serious/critical")  # pytest -s
    return serious


@pytest.fixture(scope="module")
def nav_sweep(browser, nav_pages, site_server, axe_script) -> dict[str, dict]:
    """Every nav page, visited once, a few at a time: what its loading showed and what
    axe found in it, by source file."""
    seen = {}
    with page_opener(browser) as open_page:
        visits = sweep(nav_pages, start=lambda nav_page: begin(open_page, site_server, nav_page.url),
                       finish=settle, close=lambda record: record.page.context.close())
        for nav_page, record in visits:
            seen[nav_page.src] = {"loading": loading_problems(record, site_server),
                                  "axe": serious_violations(record.page, axe_script, nav_page.src)}
            record.page.context.close()
    return seen


def test_every_nav_page_loads_clean_and_local(nav_sweep):
    problems = {src: found["loading"] for src, found in nav_sweep.items() if found["loading"]}
    assert problems == {}


def test_no_serious_accessibility_violation(nav_sweep):
    serious = {src: found["axe"] for src, found in nav_sweep.items() if found["axe"]}
    assert serious == {}


@pytest.mark.parametrize("query", ["研发经费", "工业互联网"])
def test_chinese_search_finds_the_standard(open_page, site_server, query):
    record = open_page(site_server.url(""), wait_until="networkidle")
    page = record.page
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.fill(query)
    box.press("End")  # Material's search listens to keyup
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    hrefs = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    assert any("/standard/" in h for h in hrefs), hrefs
    assert record.foreign_requests(site_server.origin) == []


def test_home_page_transfer_size(open_page, site_server):
    record = visit(open_page, site_server, "")
    size = record.transferred_bytes()
    print(f"home page: {len(record.requests)} requests, {size} bytes transferred")
    # Material's bundle, its style sheets, the search worker and index: well under 1.5 MB
    assert 0 < size < 1_500_000


def test_print_shows_the_document_only(open_page, site_server):
    """Printed, a form page is the form: no header, navigation or footer; tables kept."""
    record = open_page(site_server.url("form/industry/"))
    page = record.page
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.evaluate("getComputedStyle(document.querySelector('.form-table table')).display") == "table"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
