"""The 批量初审 page in a real browser (Debian Chromium via Playwright).

The built site is served by real static servers on free ports (at the root and
under /guide/). Five applications are dropped at once: eligible, failing on a
veto, failing a threshold, incomplete, and an unreadable file. The page's order,
statuses and exports are compared with what CPython's ``checker.batch.screen`` says for
the same files: the page only renders, Python decides. The request log must show
no host but the local server. How long 100 applications take is bench/'s
(``python -m bench.batch_bench --site SITE``).

The build, the servers and the browser are the shared session fixtures of
tests/conftest.py and tests/browser/conftest.py, as for the checker page's tests.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import urllib.parse
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.batch import batch_apps

from checker.batch.screen import screen
from checker.law.pack import load_pack
from forms.build import TEMPLATES

from tests.browser.browser_options import CONTEXT
from playwright.sync_api import Browser, Page

READY_MS = 120_000
PREFIX = "/guide"
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def server(make_site_server, built_site: Path) -> str:  # noqa: ANN001 - tests/conftest.py fixture
    """Origin of the built site served at the root (shared fixtures of tests/conftest.py)."""
    assert (built_site / "batch" / "index.html").is_file()
    return make_site_server("/").origin


@pytest.fixture(scope="module")
def guide(make_site_server):  # noqa: ANN001, ANN201
    """The same site served under a sub-path, as behind a reverse proxy."""
    return make_site_server(PREFIX + "/")


@pytest.fixture
def ready_page(booted_page, server: str) -> Page:  # noqa: ANN001 - tests/browser/conftest.py fixture
    """The module's one booted page, reset (清除全部 and the reviewer's fields emptied):
    for tests that give it files or a paste and read the table, a report or an export."""
    return booted_page(f"{server}/batch/", timeout=READY_MS, accept_downloads=True)


@pytest.fixture
def context(browser: Browser):
    """A fresh context: for what only a first visit shows (requests, reloads, routes, a sub-path)."""
    ctx = browser.new_context(**CONTEXT, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context) -> Page:
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    return tab


def payloads(items: list[tuple[str, bytes]]) -> list[dict]:
    mime = {"json": "application/json",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    return [{"name": name, "mimeType": mime.get(name.rsplit(".", 1)[-1], "application/octet-stream"),
             "buffer": data} for name, data in items]


def open_batch(page: Page, url: str) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(url)
    page.wait_for_selector("[data-batch-state='ready']", state="attached", timeout=READY_MS)
    return seen


def drop_files(page: Page, items: list[tuple[str, bytes]]) -> None:
    page.set_input_files("[data-batch-files]", payloads(items))
    page.wait_for_function(
        f"() => document.querySelector('[data-batch-state]').dataset.batchScreened === '{len(items)}'", timeout=READY_MS)


def table_rows(page: Page) -> list[dict]:
    return page.eval_on_selector_all("[data-batch-body] tr", """rows => rows.map(tr => ({
        id: Number(tr.dataset.rowId), verdict: tr.dataset.verdict, rank: Number(tr.dataset.rank),
        name: tr.querySelector('.batch-open').textContent,
        hard: tr.querySelector('[data-cell=hard]').textContent,
        aspects: Object.fromEntries([...tr.querySelectorAll('[data-aspect]')].map(td => [td.dataset.aspect, td.dataset.status])),
        text: tr.innerText,
    }))""")


@pytest.fixture(scope="module")
def five() -> list[tuple[str, bytes]]:
    return batch_apps.five_items()


@pytest.fixture(scope="module")
def expected(five) -> dict:
    return screen(five)


def test_five_applications_order_statuses_and_unreadable(page: Page, server: str, five, expected) -> None:
    # Two workers, whatever this machine's cores: the batch is screened in parts and merged.
    seen = open_batch(page, f"{server}/batch/?workers=2")
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchWorkersReady === '2'")
    drop_files(page, five)
    rows = table_rows(page)
    assert page.get_attribute("[data-batch-state]", "data-batch-workers") == "2"
    assert [r["name"] for r in rows] == [r["name"] for r in expected["rows"]]
    assert [r["verdict"] for r in rows] == ["eligible", "incomplete", "not_eligible", "not_eligible"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    for got, want in zip(rows, expected["rows"]):
        assert got["hard"] == f"{want['hard']['passed']}/{want['hard']['total']}"
        assert got["aspects"] == {k: a["status"] for k, a in want["aspects"].items()}
    # Status is text as well as colour: the pack's words are in the cells.
    status = load_pack().words.status
    by_name = {r["name"]: r for r in rows}
    for want in expected["rows"]:
        for a in want["aspects"].values():
            assert status[a["status"]] in by_name[want["name"]]["text"]
    bad = page.locator("[data-batch-unreadable] li")
    assert bad.count() == 1
    assert "unreadable.xlsx" in bad.inner_text()
    assert expected["unreadable"][0]["reason"] in bad.inner_text()
    hosts = {urllib.parse.urlsplit(u).netloc for u in seen if u.startswith("http")}
    assert hosts == {urllib.parse.urlsplit(server).netloc}, hosts


def test_click_a_row_opens_its_full_report(ready_page: Page, five, expected) -> None:
    page = ready_page
    drop_files(page, five)
    veto = next(r for r in expected["rows"] if r["verdict"] == "not_eligible" and r["aspects"]["veto"]["status"] == "fail")
    page.click(f"[data-batch-open='{veto['id']}']")
    report = page.locator("[data-batch-report]")
    assert report.is_visible()
    assert veto["name"] in page.inner_text("[data-batch-report-title]")
    statuses = dict(page.eval_on_selector_all(
        "[data-batch-report] [data-check-id]", "els => els.map(e => [e.dataset.checkId, e.dataset.status])"))
    assert statuses == {c["id"]: c["status"] for c in veto["report"]["checks"]}
    assert statuses["veto.prohibited_industry"] == "fail"
    # A click anywhere on another row (not its checkbox) opens that row's report.
    other = expected["rows"][0]
    page.click(f"[data-batch-body] tr[data-row-id='{other['id']}'] [data-cell=hard]")
    assert other["name"] in page.inner_text("[data-batch-report-title]")


def test_sorting_by_a_column_and_back(ready_page: Page, five) -> None:
    page = ready_page
    drop_files(page, five)
    page.click("[data-sort='findings']")
    counts = [int(t) for t in page.eval_on_selector_all("[data-cell=findings]", "els => els.map(e => e.textContent)")]
    assert counts == sorted(counts)
    assert page.get_attribute("th[data-col='findings']", "aria-sort") == "ascending"
    page.click("[data-sort='findings']")
    counts = [int(t) for t in page.eval_on_selector_all("[data-cell=findings]", "els => els.map(e => e.textContent)")]
    assert counts == sorted(counts, reverse=True)
    page.click("[data-sort='rank']")
    assert [r["rank"] for r in table_rows(page)] == [1, 2, 3, 4]


def test_exports_download_the_filled_summary_and_the_comparison(ready_page: Page, five, expected) -> None:
    page = ready_page
    drop_files(page, five)
    page.fill("[data-batch-bureau]", "样例市经济和信息化局")
    page.fill("[data-batch-contact]", "王五 13800000000")
    # The eligible row is preselected; the reviewer adds the threshold one.
    threshold = next(r for r in expected["rows"] if r["source"] == "threshold.json")
    page.check(f"[data-batch-select='{threshold['id']}']")
    with page.expect_download() as got:
        page.click("[data-batch-export='summary-xlsx']")
    assert got.value.suggested_filename == next(t for t in TEMPLATES if t.filename == "annex1-summary.xlsx").named(
        load_pack().catalogue)
    ws = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[2][0] == "市州经信部门：（盖章）样例市经济和信息化局"
    assert rows[3][0] == "联系人和手机：王五 13800000000"
    body = rows[7:]  # under the header, the guidance row and the hidden keys (附件1's layout)
    assert [r[1] for r in body] == [batch_apps.NAMES["eligible"], batch_apps.NAMES["threshold"]]
    assert [r[0] for r in body] == [1, 2]
    assert body[0][2:6] == ["样例区汽车零部件产业园管理委员会", "湖北省样例市样例区", "汽车零部件", "2009年"]
    findings = page.locator("[data-export-finding='summary.intro_length']")
    assert findings.count() == 1 and batch_apps.NAMES["threshold"] in findings.inner_text()

    with page.expect_download() as got:
        page.click("[data-batch-export='summary-docx']")
    d = docx.Document(io.BytesIO(Path(got.value.path()).read_bytes()))
    assert [row.cells[1].text for row in d.tables[0].rows[2:]] == [batch_apps.NAMES["eligible"], batch_apps.NAMES["threshold"]]

    with page.expect_download() as got:
        page.click("[data-batch-export='comparison-csv']")
    data = Path(got.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [line[1] for line in lines[1:]] == [r["name"] for r in expected["rows"]] + ["unreadable"]

    with page.expect_download() as got:
        page.click("[data-batch-export='comparison-xlsx']")
    ws = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
    assert [c for c in next(ws.iter_rows(values_only=True))][:4] == ["序号", "集群名称", "来源", "结论"]


def test_session_survives_a_reload(page: Page, server: str, five) -> None:
    open_batch(page, f"{server}/batch/")
    drop_files(page, five)
    page.fill("[data-batch-bureau]", "样例市经济和信息化局")
    before = [r["name"] for r in table_rows(page)]
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchRestored === '1'")
    assert [r["name"] for r in table_rows(page)] == before
    assert page.input_value("[data-batch-bureau]") == "样例市经济和信息化局"
    page.click("[data-batch-clear]")
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchRestored === '0'")
    assert page.locator("[data-batch-body] tr").count() == 0


def test_clear_during_the_restored_sessions_screening_stays_cleared(page: Page, server: str, five) -> None:
    """清除 while the restored session waits for Python: its screening, answering
    later, must not save the cleared rows back."""
    open_batch(page, f"{server}/batch/")
    drop_files(page, five[:2])
    held: list = []
    page.context.route("**/*.whl", lambda route: held.append(route))  # Python waits until released
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchRestored === '1'")
    page.click("[data-batch-clear]")
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '0'")
    while not held:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    page.context.unroute("**/*.whl")
    page.wait_for_selector("[data-batch-state='ready']", state="attached", timeout=READY_MS)
    page.wait_for_timeout(2000)  # the restored session's screening has answered by now
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchRestored === '0'")
    assert page.locator("[data-batch-body] tr").count() == 0


def test_pasted_text_is_never_html(ready_page: Page) -> None:
    page = ready_page
    page.fill("[data-batch-paste]", "集群名称：<img src=x onerror=\"document.title='pwned'\">\n集群占地面积(平方公里)：36.50\n")
    page.click("[data-batch-add-paste]")
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '1'")
    assert page.title() != "pwned"
    assert page.locator("[data-batch-body] img").count() == 0


def test_works_under_a_sub_path(page: Page, guide, five) -> None:  # noqa: ANN001
    seen = open_batch(page, guide.url("batch/"))
    drop_files(page, five[:1])
    assert table_rows(page)[0]["verdict"] == "eligible"
    paths = [urllib.parse.urlsplit(u).path for u in seen if u.startswith(guide.origin)]
    assert paths and all(p.startswith(PREFIX + "/") for p in paths), paths


def test_files_dropped_on_the_drop_zone_are_screened(ready_page: Page) -> None:
    page = ready_page
    text = batch_apps.dumps(batch_apps.applications()["veto"])
    page.evaluate("""text => {
        const data = new DataTransfer();
        data.items.add(new File([text], "拖入的申报.json", {type: "application/json"}));
        const zone = document.querySelector('[data-batch-drop]');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", text)
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '1'")
    [row] = table_rows(page)
    assert row["name"] == batch_apps.NAMES["veto"] and row["verdict"] == "not_eligible"
    assert "拖入的申报.json" in row["text"]


def test_a_pasted_wide_table_gives_one_row_per_cluster_column(ready_page: Page) -> None:
    page = ready_page
    apps = batch_apps.applications()
    picked = [apps["threshold"], apps["eligible"]]
    want = screen([("粘贴的内容 1", batch_apps.wide_table(picked))])
    page.fill("[data-batch-paste]", batch_apps.wide_table(picked))
    page.click("[data-batch-add-paste]")
    page.wait_for_function("() => document.querySelectorAll('[data-batch-body] tr').length === 2")
    rows = table_rows(page)
    assert [(r["name"], r["verdict"]) for r in rows] == [(r["name"], r["verdict"]) for r in want["rows"]]
    assert [r["verdict"] for r in rows] == ["eligible", "not_eligible"]


def test_no_serious_accessibility_violation_with_results_and_a_report(ready_page: Page, five, expected,
                                                                     axe_script: Path) -> None:
    page = ready_page
    drop_files(page, five)
    page.click(f"[data-batch-open='{expected['rows'][0]['id']}']")
    page.evaluate(axe_script.read_text(encoding="utf-8"))  # not a <script>: the CSP allows no inline one
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                               ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)}))")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_a_runtime_that_cannot_load_shows_the_error_and_a_retry(page: Page, server: str) -> None:
    page.route("**/*.wasm*", lambda route: route.abort())  # the page compiles it, at ?v=
    page.goto(f"{server}/batch/")
    page.wait_for_selector("[data-batch-state='error']", state="attached")
    assert page.locator("[data-batch-error]").is_visible()
    assert "Pyodide" in page.inner_text("[data-batch-error-message]")
    assert page.inner_text("[data-batch-error-cause]").strip()
    page.unroute("**/*.wasm*")
    page.click("[data-batch-retry]")
    page.wait_for_selector("[data-batch-state='ready']", state="attached")


def test_the_same_file_dropped_twice_is_screened_once(ready_page: Page, five) -> None:
    page = ready_page
    drop_files(page, five[:2])
    page.set_input_files("[data-batch-files]", payloads(five[:3]))
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '3'")
    assert page.locator("[data-batch-body] tr").count() == 3
    assert "已跳过 2 个重复的文件" in page.inner_text("[data-batch-note]")


def test_bureau_and_contact_are_prefilled_from_the_applications(ready_page: Page, five, expected) -> None:
    page = ready_page
    drop_files(page, five)
    defaults = expected["summary_defaults"]
    assert defaults["bureau"] and defaults["bureau_contact"]
    assert page.input_value("[data-batch-bureau]") == defaults["bureau"]
    assert page.input_value("[data-batch-contact]") == defaults["bureau_contact"]


def test_printed_comparison_repeats_its_header_on_every_page(ready_page: Page, tmp_path: Path) -> None:
    page = ready_page
    items = batch_apps.hundred_items(40)
    drop_files(page, items)
    page.emulate_media(media="print")
    pdf = tmp_path / "对比表.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages > 1 and re.search(r"Page size:\s+841\.\d+ x 59\d\.\d+", info), info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    sheets = [p for p in text.split("\f") if p.strip()]
    assert len(sheets) == pages
    # A repeated header drawn without its words (Chromium leaves buttons out of the
    # repeats) would print a blank row: every page names its columns.
    for n, sheet in enumerate(sheets, start=1):
        assert "集群名称" in sheet and "结论" in sheet, f"page {n} has no header"
    # The comparison, not the page's guidance around it.
    assert "可以载入的材料" not in text and "怎样读这张表" not in text
    assert f"共 {len(items)} 份" in text
