"""Every page of the nav in Debian Chromium: clean console, no foreign host, no
broken request, Chinese search (axe-core over every page: test_site_accessibility.py,
a file of its own so that make test's two workers share the sweeps).

The site is the session's one build (tests/conftest.py), served by a real HTTP
server on a free port, at the root and under /guide/.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.timeout(600)

SETTLE_MS = 500  # let deferred scripts (search worker, checker worker start) report errors


def visit(open_page, server, url_path: str):
    record = open_page(server.url(url_path), wait_until="networkidle")
    record.page.wait_for_timeout(SETTLE_MS)
    return record


def broken(record) -> list[str]:
    out = []
    for request in record.requests:
        response = request.response()
        if request.failure is not None:
            out.append(f"{request.url}: {request.failure}")
        elif response is not None and response.status >= 400:
            out.append(f"{request.url}: HTTP {response.status}")
    return out


@pytest.mark.parametrize("mount", ["root", "sub-path"])
def test_every_nav_page_loads_clean_and_local(open_page, nav_pages, site_server, site_server_under_path, mount):
    server = site_server if mount == "root" else site_server_under_path
    problems: dict[str, dict[str, list[str]]] = {}
    for nav_page in nav_pages:
        record = visit(open_page, server, nav_page.url)
        found = {
            "console errors": record.console_errors(),
            "requests to other hosts": record.foreign_requests(server.origin),
            "broken requests": broken(record),
        }
        if not record.requests or not record.requests[0].url.startswith(server.base_url):
            found["navigation"] = ["the page itself was not requested from the local server"]
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[nav_page.src] = found
        assert record.hosts() == {f"127.0.0.1:{server.port}"}, (nav_page.src, record.hosts())
        record.page.context.close()
    assert problems == {}


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
