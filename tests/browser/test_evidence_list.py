"""The 佐证材料清单 on the 在线自评 page (docs/checker/evidence_list.js), in Chromium:
items under their parts as Python lists them, ticks kept with the tab's draft and
restored on reload, cleared with it, and both downloads the worker writes."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest

from checker import api
from checker.judge.evidence_files import BOX, TICKED
from checker.law.pack import load_pack
from playwright.sync_api import Browser, Page
from tests.browser.browser_options import CONTEXT

READY_MS = 90_000  # a cold Pyodide start on a slow CI machine
pytestmark = pytest.mark.timeout(600)
WORDS = load_pack().words.evidence


@pytest.fixture(scope="module")
def server(make_site_server) -> str:  # noqa: ANN001 - tests/conftest.py fixture
    return make_site_server("/").origin


@pytest.fixture
def ready_page(booted_page, server: str) -> Page:  # noqa: ANN001 - tests/browser/conftest.py fixture
    """The module's one booted page, reset (its draft, and the ticks in it, removed)."""
    return booted_page(f"{server}/checker/", timeout=READY_MS, accept_downloads=True)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context: the ticks test reloads to see what the draft restores."""
    context = browser.new_context(**CONTEXT, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return api.check_text(api.example_text())["evidence"]


def _example_checked(page: Page, server: str | None = None) -> None:
    """The example checked on the page: loaded from ``server`` first, or a booted one as it is."""
    if server is not None:
        page.goto(f"{server}/checker/")
        page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-evidence-tick]")


def _ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all("[data-evidence-tick]", "(boxes) => boxes.filter((b) => b.checked).map((b) => b.dataset.evidenceTick)")


def test_items_come_under_their_parts_as_python_lists_them(ready_page: Page, items) -> None:
    page = ready_page
    _example_checked(page)
    shown = page.eval_on_selector_all("[data-evidence-id]", "(rows) => rows.map((r) => r.dataset.evidenceId)")
    assert shown == [i["id"] for i in items]
    parts = page.eval_on_selector_all(".checker-evidence-part", "(hs) => hs.map((h) => h.textContent)")
    assert parts == list(dict.fromkeys(i["part"]["title"] for i in items))
    first = page.inner_text(f"[data-evidence-id='{items[0]['id']}']")
    assert items[0]["label"] in first and WORDS["needs"].format(needs=items[0]["needs"]) in first
    # The list's words are the pack's (words.evidence), served with the page's data island.
    assert page.inner_text(".checker-evidence-intro") == WORDS["intro"]
    assert page.inner_text("[data-evidence-download='docx']") == WORDS["download_docx"]
    assert "（注：" not in page.inner_text("[data-checker-evidence]")


def test_ticks_are_kept_with_the_draft_and_cleared_with_it(page: Page, server: str, items) -> None:
    _example_checked(page, server)
    picked = [items[0]["id"], items[5]["id"]]
    for item_id in picked:
        page.check(f"[data-evidence-tick='{item_id}']")
    assert page.inner_text("[data-evidence-count]") == WORDS["done"].format(done=2, total=len(items))
    page.reload()
    page.wait_for_selector("[data-evidence-tick]")
    assert _ticked(page) == picked  # restored with the draft, before the runtime is even ready
    # An edit that keeps the item keeps its tick (the page saves the draft again).
    page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)
    page.check(f"[data-evidence-tick='{items[1]['id']}']")
    page.click("[data-checker-run]")
    page.wait_for_function("() => !document.querySelector('[data-checker-state]').hasAttribute('data-checker-busy')")
    assert _ticked(page) == [items[0]["id"], items[1]["id"], items[5]["id"]]
    page.click("[data-checker-clear]")
    draft = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('cluster-checker/draft/'))"
                          ".map((k) => localStorage.getItem(k))")
    assert not [d for d in draft if "evidence_ticks" in d and json.loads(d)["evidence_ticks"]]
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-evidence-tick]")
    assert _ticked(page) == []
    page.reload()
    page.wait_for_selector("[data-evidence-tick]")
    assert _ticked(page) == []


def test_both_downloads_hold_the_list_and_the_ticks(ready_page: Page, items) -> None:
    page = ready_page
    _example_checked(page)
    page.check(f"[data-evidence-tick='{items[2]['id']}']")
    with page.expect_download() as got:
        page.click("[data-evidence-download='docx']")
    assert got.value.suggested_filename == "佐证材料清单.docx"
    d = docx.Document(io.BytesIO(Path(got.value.path()).read_bytes()))
    body = [[c.text for c in row.cells] for row in d.tables[0].rows[1:]]
    assert [r[2] for r in body] == [i["label"] for i in items]
    assert [r[5] for r in body] == [TICKED if n == 2 else BOX for n in range(len(items))]
    with page.expect_download() as got:
        page.click("[data-evidence-download='xlsx']")  # openpyxl is fetched for it
    assert got.value.suggested_filename == "佐证材料清单.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[2] for r in rows] == [i["label"] for i in items]
    assert [r[5] for r in rows].count(TICKED) == 1


def test_the_module_is_precached_at_the_url_the_page_loads(built_site: Path) -> None:
    """Offline, checker.js's import of evidence_list.js must hit the service worker's cache."""
    html = (built_site / "checker" / "index.html").read_text(encoding="utf-8")
    url = re.search(r'data-evidence-url="([^"]+)"', html).group(1)
    assert re.fullmatch(r"evidence_list\.js\?v=[0-9a-f]+", url), url
    assert f"checker/{url}" in (built_site / "sw.js").read_text(encoding="utf-8")
