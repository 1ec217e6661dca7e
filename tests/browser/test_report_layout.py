"""The 在线自评 report as people use it: at 1280 px and on a 390 px phone, and on A4 paper.

The application is the example with a target, a share and a veto broken. The page
reads it as a file (so the page scrolls to the verdict), then the layout is measured
in the browser (getBoundingClientRect, scrollWidth): nothing wider than the content
column, every check's explanation inside the window, on a phone each check a stacked
card. The printout (``page.pdf``, A4) is read back with pdftotext: the header names
the cluster, the standard and the rule data's version, and every failing check's
explanation is there, none cut at the page's edge.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from checker import api
from checker.law.pack import load_pack

from tests.browser.browser_options import CONTEXT
from playwright.sync_api import Browser, Page

READY_MS = 90_000  # a cold Pyodide start on a slow CI machine
WIDTHS = (1280, 390)
BROKEN = ("veto.major_incident", "core.sme_output_share", "targets.iip_rate")

pytestmark = pytest.mark.timeout(600)


def broken_application() -> str:
    application = json.loads(api.example_text())
    application["basic"]["major_incident"] = "是"  # a veto
    application["industry"]["sme_output_share"][load_pack().catalogue.basis_year] = 55.0  # a share below 70 %
    application["plan"]["targets"]["iip_rate"]["target"] = 35  # target e below its band
    return json.dumps(application, ensure_ascii=False, indent=2)


@pytest.fixture(scope="module")
def text() -> str:
    return broken_application()


@pytest.fixture(scope="module")
def report(text: str) -> dict:
    got = api.check_text(text)
    failing = {c["id"] for c in got["checks"] if c["status"] == "fail"}
    assert set(BROKEN) <= failing and got["verdict"] == "not_eligible"
    return got


@pytest.fixture(scope="module")
def server(make_site_server) -> str:  # noqa: ANN001 - tests/conftest.py fixture
    return make_site_server("/").origin


def read_as_file(page: Page, text: str, width: int) -> Page:
    """The booted page at ``width``, ``text`` read as a file (so the page scrolls to the verdict)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.set_input_files("[data-checker-file]", {"name": "申报.json", "mimeType": "application/json",
                                                 "buffer": text.encode()})
    page.wait_for_function("() => document.querySelector('[data-checker-state]').dataset.checkerReport === 'shown'")
    return page


@pytest.fixture
def ready_page(booted_page, server: str) -> Page:  # noqa: ANN001 - tests/browser/conftest.py fixture
    """The module's one booted page, reset (the viewport put back after each test)."""
    return booted_page(f"{server}/checker/", timeout=READY_MS)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def shown(request: pytest.FixtureRequest, ready_page: Page, text: str) -> tuple[Page, int]:
    return read_as_file(ready_page, text, request.param), request.param


LAYOUT = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  const result = document.querySelector('[data-checker-result]');
  const wider = [...result.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().width > column.width + 1)
    .map(e => `${e.tagName}.${e.className}`);
  const scrolling = [...result.querySelectorAll('table, .checker-table-wrap')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className);
  const outside = [...document.querySelectorAll('[data-check-message]')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 1; })
    .map(e => e.closest('[data-check-id]').dataset.checkId);
  const verdict = document.querySelector('[data-checker-verdict]').getBoundingClientRect();
  const named = document.querySelector('.report-header').getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const rows = [...document.querySelectorAll('tr[data-check-id]')];
  return {
    page: document.documentElement.scrollWidth, window: innerWidth, wider, scrolling, outside,
    verdict_in_view: verdict.top >= header.bottom - 1 && verdict.top < innerHeight,
    named_in_view: named.top >= header.bottom - 1,
    rows: rows.length,
    cards: rows.filter(r => getComputedStyle(r).display === 'block').length,
    heads: [...document.querySelectorAll('table.report-checks thead')].filter(h => getComputedStyle(h).display !== 'none').length,
  };
}"""


def test_the_report_fits_the_window_and_its_verdict_is_in_view(shown: tuple[Page, int], report: dict) -> None:
    page, width = shown
    got = page.evaluate(LAYOUT)
    assert got["page"] <= got["window"], "the page scrolls sideways"
    assert got["wider"] == [], "wider than the content column"
    assert got["scrolling"] == [], "a table scrolls sideways"
    assert got["outside"] == [], "an explanation lies outside the window"
    assert got["verdict_in_view"], "the verdict is not in view after the file was read"
    assert got["named_in_view"], "the report's first line (集群名称) is under Material's header"
    assert got["rows"] == len(report["checks"])
    if width < 720:  # Material's phone layout: each check a stacked card, no table head
        assert got["cards"] == got["rows"] and got["heads"] == 0
    else:
        assert got["cards"] == 0


def test_the_failing_checks_come_first_with_their_explanations(shown: tuple[Page, int], report: dict) -> None:
    page, _ = shown
    failing = [c for c in report["checks"] if c["status"] == "fail"]
    listed = page.eval_on_selector_all("[data-failing-id]", "items => items.map(i => i.dataset.failingId)")
    assert sorted(listed) == sorted(c["id"] for c in failing)
    box = page.inner_text("[data-checker-failing]")
    for check in failing:
        assert check["message"] in box
    # One word per state: the pack's, as in the text report.
    words = load_pack().words
    assert page.inner_text("[data-checker-verdict-word]") == words.verdict["not_eligible"]
    for check in failing:
        assert page.inner_text(f"tr[data-check-id='{check['id']}'] .report-badge") == words.status["fail"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_printed_report_names_its_subject_and_fits_a4(ready_page: Page, text: str,
                                                         report: dict, tmp_path: Path) -> None:
    page = read_as_file(ready_page, text, 1280)
    page.emulate_media(media="print")
    fit = page.evaluate("""() => {
      const column = document.querySelector('.md-content__inner').getBoundingClientRect().width;
      const hidden = ['.md-header', '.md-sidebar--primary', '.md-footer', '.checker-input']
        .filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== 'none'; });
      return {hidden, wide: [...document.querySelectorAll('[data-checker-result] table')]
        .filter(t => t.getBoundingClientRect().width > column + 1 || t.scrollWidth > t.clientWidth + 1)
        .map(t => t.className)};
    }""")
    assert fit == {"hidden": [], "wide": []}
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert round(width) == 596 and round(height) == 843  # A4 portrait
    printed = _squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert _squash(report["subject"]["name"]) in printed
    assert _squash(report["subject"]["filed_on"]) in printed
    assert _squash(load_pack().info.standard) in printed
    assert report["pack"]["hash"] in printed
    assert "申报.json" in printed  # the file it came from
    for check in report["checks"]:
        if check["status"] == "fail":
            assert _squash(check["message"]) in printed, check["id"]
    # Verdict and failing items before the tables of checks.
    first_table = printed.index("逐条校验")
    assert printed.index(_squash(load_pack().words.verdict["not_eligible"])) < first_table
    for check in report["checks"]:
        if check["status"] == "fail":
            assert printed.index(_squash(check["message"])) < first_table, check["id"]


def test_yearly_field_tables_fit_a_phone_and_keys_wrap_at_dots(browser: Browser, server: str) -> None:
    context = browser.new_context(**CONTEXT, viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server}/form/industry/")
        got = page.evaluate("""() => {
          const column = document.querySelector('.md-content__inner').getBoundingClientRect().width;
          // Material wraps each table in a scroll box (bleeding into the margins): nothing to swipe in it.
          const tables = [...document.querySelectorAll('.form-yearly table')];
          return {page: document.documentElement.scrollWidth, window: innerWidth, tables: tables.length,
            wide: tables.filter(t => t.getBoundingClientRect().width > column + 1
              || t.closest('.md-typeset__scrollwrap, .form-yearly').scrollWidth > t.closest('.md-typeset__scrollwrap, .form-yearly').clientWidth + 1).length,
            years: tables.flatMap(t => [...t.querySelectorAll('td[data-label]')]).filter(td => td.getBoundingClientRect().right > innerWidth + 1).length,
            keys: [...document.querySelectorAll('code.form-key')].filter(c => c.textContent.includes('.'))
              .filter(c => c.querySelectorAll('wbr').length !== (c.textContent.match(/\\./g) || []).length).length};
        }""")
        assert got["tables"] and got["page"] <= got["window"]
        assert got["wide"] == 0 and got["years"] == 0
        assert got["keys"] == 0  # a break opportunity after every dot
    finally:
        context.close()


def test_the_batch_pages_report_is_the_same_renderer_in_the_same_words(browser: Browser, server: str, text: str,
                                                                       report: dict) -> None:
    context = browser.new_context(**CONTEXT, viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(READY_MS)
        page.goto(f"{server}/batch/?workers=1")
        page.wait_for_selector("[data-batch-state='ready']", state="attached")
        page.set_input_files("[data-batch-files]", [{"name": "乙.json", "mimeType": "application/json",
                                                     "buffer": text.encode()}])
        page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '1'")
        page.click("[data-batch-open]")
        got = page.evaluate("""() => {
          const box = document.querySelector('[data-batch-report]');
          const width = box.getBoundingClientRect().width;
          return {
            failing: [...box.querySelectorAll('[data-failing-id]')].map(i => i.dataset.failingId),
            words: Object.fromEntries([...box.querySelectorAll('tr[data-check-id]')]
              .map(r => [r.dataset.status, r.querySelector('.report-badge').textContent])),
            wide: [...box.querySelectorAll('table')].filter(t => t.getBoundingClientRect().width > width + 1).length,
            outside: [...box.querySelectorAll('[data-check-message]')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).length,
            header: box.querySelector('[data-report-header]').textContent,
          };
        }""")
    finally:
        context.close()
    assert sorted(got["failing"]) == sorted(c["id"] for c in report["checks"] if c["status"] == "fail")
    status = load_pack().words.status
    assert got["words"] == {s: status[s] for s in {c["status"] for c in report["checks"]}}
    assert got["wide"] == 0 and got["outside"] == 0
    assert report["subject"]["name"] in got["header"] and report["pack"]["hash"] in got["header"]
