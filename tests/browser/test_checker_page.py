"""The self-assessment page in a real browser (Debian Chromium via Playwright).

The built site is served by a real static server on a free port, at the root and
under a sub-path (/guide/), as a government site might host it. The page's result
is compared with what CPython's `checker.api` says for the same input: the page
only renders, Python decides.

The build, the servers and the browser are the shared session fixtures of
tests/conftest.py and tests/browser/conftest.py.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import api
from checker.law.pack import load_catalogue, load_rules

from tests.browser.browser_options import CONTEXT, WASM
from playwright.sync_api import Browser, Page, Request

ROOT = Path(__file__).resolve().parents[2]
READY_MS = 90_000  # a cold Pyodide start on a slow CI machine
PREFIX = "/guide"

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def server(make_site_server) -> str:  # noqa: ANN001 - tests/conftest.py fixture
    """Origin of the built site served at the root (shared fixtures of tests/conftest.py)."""
    return make_site_server("/").origin


@pytest.fixture(scope="module")
def guide(make_site_server) -> str:  # noqa: ANN001
    """The same site served under a sub-path, as behind a reverse proxy."""
    return make_site_server(PREFIX + "/").base_url


@pytest.fixture
def ready_page(booted_page, server: str) -> Page:  # noqa: ANN001 - tests/browser/conftest.py fixture
    """The module's one booted page, reset: for tests that give it input and read the report."""
    return booted_page(f"{server}/checker/", timeout=READY_MS)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context: for what only a first visit shows (requests, routes, init scripts)."""
    context = browser.new_context(**CONTEXT)
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    yield tab
    context.close()


def requests_of(page: Page) -> list[str]:
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    page.context.on("request", record)  # context-level: the worker's requests too
    return seen


def wait_ready(page: Page) -> None:
    page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)


def run_check(page: Page, text: str) -> dict[str, str]:
    """Paste `text`, run the check, return {check id: status} as the page shows it."""
    page.fill("textarea[data-checker-input]", text)
    page.click("[data-checker-run]")
    page.wait_for_function(
        "() => { const r = document.querySelector('[data-checker-state]');"
        " return r && !r.hasAttribute('data-checker-busy') && r.dataset.checkerReport === 'shown'; }"
    )
    return page.eval_on_selector_all(
        "[data-check-id]", "rows => Object.fromEntries(rows.map(r => [r.dataset.checkId, r.dataset.status]))"
    )


def cpython_report(text: str) -> dict:
    return json.loads(api.check_text_json(text))


def failing_input() -> tuple[str, dict]:
    """The example with its output far below 40 亿元 in every year: not eligible."""
    application = json.loads(api.example_text())
    application["industry"]["total_output"] = dict(zip(load_catalogue().years, ("1.00", "1.10", "1.20")))
    text = json.dumps(application, ensure_ascii=False, indent=2)
    report = cpython_report(text)
    assert report["verdict"] == "not_eligible"
    return text, report


# ---------------------------------------------------------------------------


def test_example_gives_eligible_with_every_check(ready_page: Page) -> None:
    page = ready_page
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    shown = page.eval_on_selector_all(
        "[data-check-id]", "rows => Object.fromEntries(rows.map(r => [r.dataset.checkId, r.dataset.status]))"
    )
    expected = cpython_report(api.example_text())
    assert expected["verdict"] == "eligible"
    assert shown == {check["id"]: check["status"] for check in expected["checks"]}
    assert list(shown) == [rule.id for rule in load_rules()]
    assert page.inner_text("[data-checker-verdict-word]") == "符合"


def test_failing_case_shows_the_failing_check_ids(ready_page: Page) -> None:
    page = ready_page
    text, expected = failing_input()
    shown = run_check(page, text)
    failing = sorted(check["id"] for check in expected["checks"] if check["status"] == "fail")
    assert failing
    assert sorted(cid for cid, status in shown.items() if status == "fail") == failing
    assert page.get_attribute("[data-checker-verdict]", "data-verdict") == "not_eligible"
    assert page.inner_text("[data-checker-verdict-word]") == "不符合"


def test_clause_links_point_to_anchors_that_exist(ready_page: Page, server: str, built_site: Path) -> None:
    page = ready_page
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    hrefs = page.eval_on_selector_all(".report-clause a", "links => links.map(a => a.href)")
    assert hrefs
    pages: dict[str, str] = {}
    for href in hrefs:
        url = urllib.parse.urlsplit(href)
        assert f"{url.scheme}://{url.netloc}" == server
        target = built_site / url.path.lstrip("/") / "index.html"
        html = pages.setdefault(url.path, target.read_text(encoding="utf-8"))
        assert f'id="{urllib.parse.unquote(url.fragment)}"' in html, href


def test_pasted_html_is_never_executed(ready_page: Page) -> None:
    page = ready_page
    hostile = '<img src=x onerror="window.__pwned = 1">'
    seen = requests_of(page)
    count = "nodes => nodes.length"
    scripts_before = page.eval_on_selector_all(".checker script", count)  # the page's own starter
    lines = f"集群名称：{hostile}\n{hostile}：{hostile}\n<script>window.__pwned = 2</script>"
    run_check(page, lines)
    as_json = json.dumps({"cover": {"name": hostile, "operator": hostile}}, ensure_ascii=False)
    run_check(page, as_json)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.eval_on_selector_all(".checker img", count) == 0
    assert page.eval_on_selector_all(".checker script", count) == scripts_before
    assert hostile in page.inner_text("[data-checker-findings]") or hostile in page.inner_text("[data-checker-checks]")
    assert not [url for url in seen if urllib.parse.urlsplit(url).path.endswith("/x")]


def test_reload_restores_the_draft_and_clear_really_clears(page: Page, server: str) -> None:
    page.goto(f"{server}/checker/")
    wait_ready(page)
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    example = page.input_value("textarea[data-checker-input]")
    page.reload()
    # Text and result are back before Python is ready again.
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    assert page.input_value("textarea[data-checker-input]") == example
    page.click("[data-checker-clear]")
    assert page.input_value("textarea[data-checker-input]") == ""
    assert page.evaluate("Object.keys(localStorage).length") == 0
    page.reload()
    page.wait_for_selector("[data-checker-state]", state="attached")
    assert page.input_value("textarea[data-checker-input]") == ""
    assert page.get_attribute("[data-checker-verdict]", "data-verdict") == ""


def test_paste_before_ready_is_checked_once_ready(page: Page, server: str) -> None:
    held: list = []
    page.route(WASM, lambda route: held.append(route))  # hold the runtime back
    page.goto(f"{server}/checker/")
    page.fill("textarea[data-checker-input]", api.example_text())
    assert page.get_attribute("[data-checker-state]", "data-checker-state") == "loading"
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the wasm"
    held[0].continue_()
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")


WORKER_SPY = """
(() => {
  window.__workers = [];
  const Native = window.Worker;
  window.Worker = function (url, options) {
    window.__workers.push({ url: String(url), body: Boolean(document.body) });
    return new Native(url, options);
  };
  window.Worker.prototype = Native.prototype;
})();
"""


def test_one_worker_and_material_deferred(page: Page, server: str) -> None:
    """overrides/checker.html: Material's scripts are deferred and Material still starts;
    the worker started by the page's inline script is the one checker.js uses."""
    page.add_init_script(WORKER_SPY)
    page.goto(f"{server}/checker/")
    wait_ready(page)
    workers = [w for w in page.evaluate("window.__workers") if "/checker/worker.js" in w["url"]]
    assert len(workers) == 1, workers
    assert workers[0]["body"], workers  # the inline script in the application root, while parsing
    assert page.eval_on_selector_all("script[src*='bundle.']", "s => s.map(e => e.defer)") == [True]
    assert page.evaluate("typeof window.document$") == "object"


def test_search_index_waits_for_the_checker_or_the_reader(page: Page, server: str) -> None:
    """The search index is fetched once the reader turns to search, and search works, even while
    the runtime is still loading; with no search, it is fetched when the checker is ready."""
    held: list = []
    page.route(WASM, lambda route: held.append(route))  # hold the runtime back
    seen = requests_of(page)
    page.goto(f"{server}/checker/")  # "load": Material has started (and asked for its index)
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the wasm"
    assert page.get_attribute("[data-checker-state]", "data-checker-state") == "loading"
    assert not [url for url in seen if "search_index.json" in url]
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.fill("研发经费")
    box.press("End")  # Material's search listens to keyup
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    hrefs = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    assert any("/standard/" in h for h in hrefs), hrefs
    held[0].continue_()
    wait_ready(page)

    other = page.context.new_page()
    seen_then: list[str] = []
    other.on("request", lambda request: seen_then.append(request.url))
    other.goto(f"{server}/checker/")
    other.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)
    other.wait_for_load_state("networkidle")
    assert [url for url in seen_then if "search_index.json" in url]


def test_works_under_a_sub_path_with_only_local_requests(page: Page, guide: str) -> None:
    seen = requests_of(page)
    server = guide[: -len(PREFIX + "/")]
    page.goto(f"{guide}checker/")
    wait_ready(page)
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    assert any("/assets/pyodide/pyodide.asm.wasm" in url for url in seen)
    for url in seen:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        assert f"{parts.scheme}://{parts.netloc}" == server, url
        assert parts.path.startswith(PREFIX + "/"), url


def test_ready_loads_the_checker_wheel_alone_and_versioned_boot_code(page: Page, server: str) -> None:
    """Getting ready fetches the checker wheel alone (no pydantic), and the shared
    boot code at the worker's build version."""
    seen = requests_of(page)
    page.goto(f"{server}/checker/")
    wait_ready(page)
    wheels = sorted(urllib.parse.urlsplit(url).path.rsplit("/", 1)[1] for url in seen if url.endswith(".whl"))
    assert len(wheels) == 1 and wheels[0].startswith("cluster_checker-"), wheels
    assert not [url for url in seen if "pydantic" in url]
    boot = [url for url in seen if "/pyodide_boot.js" in url]
    worker = [url for url in seen if "/checker/worker.js" in url]
    assert boot and worker
    version = urllib.parse.parse_qs(urllib.parse.urlsplit(worker[0]).query)["v"]
    assert all(urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("v") == version for url in boot), boot


def test_doc_pages_load_no_pyodide(page: Page, server: str) -> None:
    seen = requests_of(page)
    page.goto(f"{server}/standard/")
    page.wait_for_load_state("networkidle")
    assert seen
    assert not [url for url in seen if "/assets/pyodide/" in url or "worker.js" in url]


def test_blocked_wasm_shows_the_error_state_and_retry_recovers(page: Page, server: str) -> None:
    page.route(WASM, lambda route: route.abort())
    page.goto(f"{server}/checker/")
    page.wait_for_selector("[data-checker-state='error']", state="attached")
    assert page.is_visible("[data-checker-error]")
    assert "运行环境" in page.inner_text("[data-checker-error-message]")
    assert page.inner_text("[data-checker-error-cause]").strip()
    assert page.is_visible("[data-checker-retry]")
    # The paste area stays usable meanwhile.
    page.fill("textarea[data-checker-input]", "集群名称：测试")
    page.unroute(WASM)
    page.click("[data-checker-retry]")
    wait_ready(page)
    assert page.is_hidden("[data-checker-error]")


def filled_example_xlsx() -> bytes:
    """Our .xlsx template filled with the example, as a person would in Excel
    (the templates helper's own filling routine)."""
    from tests.forms.filling import fill  # noqa: PLC0415

    from checker.law.pack import load_catalogue
    from forms.workbook import build_workbook

    return fill(build_workbook(load_catalogue()), json.loads(api.example_text()))


def test_filled_xlsx_gives_the_same_report_as_in_cpython(ready_page: Page) -> None:
    page = ready_page
    data = filled_example_xlsx()
    expected = json.loads(api.check_xlsx(data))
    assert expected["verdict"] == cpython_report(api.example_text())["verdict"]
    page.set_input_files(
        "[data-checker-file]",
        files=[{"name": "申报表.xlsx", "mimeType": "application/octet-stream", "buffer": data}],
    )
    page.wait_for_selector(f"[data-checker-verdict][data-verdict='{expected['verdict']}']", state="attached")
    shown = page.eval_on_selector_all(
        "[data-check-id]", "rows => Object.fromEntries(rows.map(r => [r.dataset.checkId, r.dataset.status]))"
    )
    assert shown == {check["id"]: check["status"] for check in expected["checks"]}
    assert "申报表.xlsx" in page.inner_text("[data-checker-header]")


def test_exported_report_is_pythons_report_byte_for_byte(ready_page: Page) -> None:
    page = ready_page
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    with page.expect_download() as download:
        page.click("[data-checker-export]")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert exported == api.check_text_json(api.example_text())
