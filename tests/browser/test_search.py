"""The site's search box finds what readers type: dates, figures with their units and
the words of the standard, with the page that says it first (issue 13, point 6).

Queries go through the page's own search box in Chromium (Material's search listens
to keyup: after typing Chinese, press End); the order is the order of the result list.
"""

from __future__ import annotations

import pytest

from checker.law.pack import load_pack
from tests.browser.browser_options import CONTEXT

pytestmark = pytest.mark.timeout(600)

# query -> the pages one of which must come first, and pages that must be found too.
QUERIES = {
    "6月20日": ({"notice/"}, {"notice/"}),
    "6月20日前": ({"notice/"}, {"notice/"}),
    f"{load_pack().info.notice.round_year}年6月20日": ({"notice/"}, {"notice/"}),  # the deadline
    "截止时间": ({"notice/"}, {"notice/"}),
    "40亿元": ({"standard/", "form/industry/"}, {"standard/", "form/industry/"}),
    "15个": ({"standard/", "form/innovation/"}, {"standard/", "form/innovation/"}),
    "万人发明专利": ({"form/innovation/"}, {"standard/", "form/innovation/"}),
    "研发经费": ({"form/innovation/", "standard/"}, {"standard/", "form/innovation/"}),
    "推荐汇总表": ({"annex1/"}, {"annex1/"}),
    # Several words: every word counts (Material sends a Han run's words, and words
    # apart by a space, as separate terms).
    "万人发明专利 拥有量": ({"form/innovation/", "standard/"}, {"standard/", "form/innovation/"}),
    "每万人有效发明专利拥有量": ({"form/innovation/", "standard/"}, {"standard/", "form/innovation/"}),
    "申报 截止时间": ({"notice/"}, {"notice/"}),
    "申报截止时间": ({"notice/"}, {"notice/"}),
    "40亿元 产值": ({"standard/", "form/industry/"}, {"standard/", "form/industry/"}),
}


@pytest.fixture(scope="module")
def search(browser, site_server):  # noqa: ANN001, ANN201 - tests/browser/conftest.py fixtures
    """A function from a query to the result pages (paths under the site), in order."""
    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    page.goto(site_server.url(""), wait_until="networkidle")
    base = site_server.url("")

    def run(query: str) -> list[str]:
        box = page.locator("input[data-md-component='search-query']")
        box.click()
        box.fill(query)
        box.press("End")  # Material's search listens to keyup
        page.wait_for_function(
            "q => document.querySelector('.md-search-result__meta')?.textContent.includes('结果')"
            " && document.querySelector('input[data-md-component=search-query]').value === q", arg=query)
        page.wait_for_timeout(200)
        hrefs = page.eval_on_selector_all(
            "li.md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)")
        return [h.removeprefix(base).split("?")[0].split("#")[0] for h in hrefs]

    yield run
    context.close()


@pytest.mark.parametrize("query", list(QUERIES))
def test_search_finds_the_page_that_says_it_first(search, query):
    first, found = QUERIES[query]
    pages = search(query)
    assert pages, f"{query}: nothing found"
    assert pages[0] in first, (query, pages)
    assert found <= set(pages), (query, pages)


def test_a_page_title_in_the_results_is_never_a_file_name(search):
    # The 附件2 landing page was listed as "Index".
    pages = search("申报表")
    assert "form/" in pages
