"""Files and pastes in a real browser, read as the CLI reads them: the Word 申报表 (our
template filled, the official layout), the .csv template, a GBK .json, bad files one
after another, drag and drop, the clipboard's text/html flavour (LibreOffice's and
Word's), and the 批量初审 with a folder of .docx mixed with the rest.

What the page shows is compared with CPython's ``checker.api`` on the same bytes.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest

from playwright.sync_api import Browser, Page

from checker import api
from tests.browser.browser_options import CONTEXT, WASM
from tests.intake.docx.hostile import encrypted_office, replace_part
from tests.intake.docx.official_layout import build
from tests.intake.docx.template_filler import application_form, fill_template
from tests.intake.docx.word_html import word_clipboard_html

READY_MS = 90_000
# The draft of the page's tab (docs/checker/checker.js: one per tab, its id in sessionStorage).
THIS_TABS_DRAFT = "localStorage.getItem('cluster-checker/draft/v2/' + sessionStorage.getItem('cluster-checker/tab'))"
CLIPBOARD = ["clipboard-read", "clipboard-write"]  # the pastes write the clipboard, then press Ctrl+V
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def server(make_site_server) -> str:  # noqa: ANN001
    return make_site_server("/").origin


@pytest.fixture
def ready_page(booted_page, server: str) -> Page:  # noqa: ANN001 - tests/browser/conftest.py fixture
    """The module's one booted 在线自评 page, reset: for tests that give it input and read the report."""
    return booted_page(f"{server}/checker/", timeout=READY_MS, permissions=CLIPBOARD)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context: for what only a first visit shows (routes set before the runtime loads)."""
    context = browser.new_context(**CONTEXT)
    context.grant_permissions(CLIPBOARD)
    tab = context.new_page()
    tab.set_default_timeout(READY_MS)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def docs() -> dict[str, bytes]:
    from decimal import Decimal

    from checker.law.pack import load_catalogue
    from forms.application_docx import build_application_docx

    form = application_form(json.loads(api.example_text(), parse_float=Decimal))
    return {"template": fill_template(build_application_docx(load_catalogue()), form),
            "official": build(form, "sym"), "sdt": build(form, "sdt")}


def _ready(page: Page, server: str, path: str = "/checker/") -> None:
    page.goto(f"{server}{path}")
    page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=READY_MS)


def _choose(page: Page, name: str, data: bytes) -> None:
    page.set_input_files("[data-checker-file]", files=[{"name": name, "mimeType": "application/octet-stream",
                                                          "buffer": data}])


def _statuses(page: Page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "[data-check-id]", "rows => Object.fromEntries(rows.map(r => [r.dataset.checkId, r.dataset.status]))")


def _wait_report(page: Page, verdict: str) -> None:
    page.wait_for_selector(f"[data-checker-verdict][data-verdict='{verdict}']", state="attached")
    page.wait_for_function("() => !document.querySelector('[data-checker-state]').hasAttribute('data-checker-busy')")


def _cpython(data: bytes, name: str) -> dict:
    return json.loads(api.check_file(data, name)["report"])


@pytest.mark.parametrize("which", ["template", "official", "sdt"])
def test_a_word_application_reads_as_in_cpython(ready_page, docs, which):
    page = ready_page
    data = docs[which]
    expected = _cpython(data, "申报表.docx")
    assert expected["verdict"] == "eligible"
    _choose(page, "申报表.docx", data)
    _wait_report(page, "eligible")
    assert _statuses(page) == {c["id"]: c["status"] for c in expected["checks"]}
    assert "Word 申报表" in page.inner_text("[data-checker-verdict-meta]")
    assert "申报表.docx" in page.inner_text("[data-checker-header]")
    assert page.input_value("textarea[data-checker-input]") == ""  # never the ZIP as text
    # where each value came from, in the list the applicant reads
    assert "二、主导产业情况，第 2 张表格第 2 行" in page.inner_text("[data-checker-normalised]")
    page.reload()
    _wait_report(page, "eligible")
    draft = page.evaluate(THIS_TABS_DRAFT)
    assert "PK" not in json.loads(draft)["text"] and json.loads(draft)["text"] == ""


def test_bad_files_one_after_another_then_a_good_one(ready_page, docs):
    page = ready_page
    dtd = replace_part(docs["template"], "word/document.xml",
                       b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    bomb = replace_part(docs["template"], "word/document.xml", b"<w:p/>" * (9 * 1024 * 1024))
    for name, data in (("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), ("加密.docx", encrypted_office()),
                       ("炸弹.docx", bomb), ("实体.docx", dtd), ("扫描件.pdf", b"%PDF-1.4\n" + bytes(100))):
        _choose(page, name, data)
        page.wait_for_function(f"() => document.querySelector('[data-checker-note]').textContent"
                               f".includes({json.dumps('无法读取 ' + name)})")
        refused = api.check_file(data, name)["refused"]
        assert refused and refused in page.inner_text("[data-checker-note]"), name
        assert page.input_value("textarea[data-checker-input]") == ""
        draft = page.evaluate(THIS_TABS_DRAFT)
        assert draft is None or json.loads(draft)["text"] == ""  # a binary file never becomes the draft
        assert page.get_attribute("[data-checker-state]", "data-checker-state") == "ready"
    _choose(page, "申报表.docx", docs["template"])
    _wait_report(page, "eligible")


def test_the_csv_template_filled_and_a_gbk_json(ready_page):
    page = ready_page
    from tests.intake.docx.test_text_files import _filled_csv

    csv_gbk = _filled_csv("gb18030")  # as Chinese Excel saves it
    expected = _cpython(csv_gbk, "模板.csv")
    assert expected["input_format"] == "csv" and expected["verdict"] == "eligible"
    _choose(page, "模板.csv", csv_gbk)
    _wait_report(page, expected["verdict"])
    assert _statuses(page) == {c["id"]: c["status"] for c in expected["checks"]}
    assert ".csv 模板" in page.inner_text("[data-checker-verdict-meta]")
    gbk = api.example_text().encode("gb18030")
    _choose(page, "申报.json", gbk)
    _wait_report(page, "eligible")
    text = page.input_value("textarea[data-checker-input]")
    assert text == api.example_text() and "\ufffd" not in text
    assert "GB18030" in page.inner_text("[data-checker-normalised]")


def test_a_dropped_file_reads_like_a_chosen_one(ready_page, docs):
    page = ready_page
    b64 = base64.b64encode(docs["template"]).decode()
    page.evaluate("""(b64) => {
      const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "拖入的申报表.docx"));
      const zone = document.querySelector("[data-checker-drop]");
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }""", b64)
    _wait_report(page, "eligible")
    assert "拖入的申报表.docx" in page.inner_text("[data-checker-header]")


def test_a_blocked_openpyxl_download_is_not_blamed_on_the_file(page, server, docs):
    from checker.law.pack import load_catalogue
    from forms.workbook import build_workbook
    from tests.forms.filling import fill

    page.route("**/openpyxl-*.whl", lambda route: route.abort())
    _ready(page, server)
    _choose(page, "模板.xlsx", fill(build_workbook(load_catalogue()), json.loads(api.example_text())))
    page.wait_for_function("() => document.querySelector('[data-checker-note]').textContent.includes('这不是文件的问题')")
    _choose(page, "申报表.docx", docs["template"])  # the page and its worker stay usable
    _wait_report(page, "eligible")


@pytest.fixture(scope="module")
def libreoffice_html(docs, office) -> str:
    return (office.convert({"a.docx": docs["template"]}, "html")["a.docx"] / "a.html").read_text("utf-8")


def _paste(page: Page, html: str, plain: str) -> None:
    page.evaluate("""([html, plain]) => navigator.clipboard.write([new ClipboardItem({
      "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([plain], { type: "text/plain" }) })])""",
                  [html, plain])
    page.focus("textarea[data-checker-input]")
    page.keyboard.press("Control+V")


@pytest.mark.parametrize("source", ["libreoffice", "word"])
def test_a_pasted_table_keeps_its_cells(ready_page, docs, libreoffice_html, source):
    page = ready_page
    html = libreoffice_html if source == "libreoffice" else word_clipboard_html(docs["official"])
    # What a browser's plain flavour of a Word table looks like: one cell per line.
    plain = "\n".join(line for line in api.check_html(html)["text"].replace("\t", "\n").splitlines() if line)
    expected = json.loads(api.check_html(html)["report"])
    assert expected["verdict"] == "eligible"
    assert api.check_text(plain)["verdict"] != "eligible"  # the plain flavour alone loses the table
    _paste(page, html, plain)
    _wait_report(page, "eligible")
    assert _statuses(page) == {c["id"]: c["status"] for c in expected["checks"]}
    assert page.get_attribute("[data-checker-state]", "data-checker-paste") == "html"
    # the text area holds the table's rows, and checking them again gives the same
    assert page.input_value("textarea[data-checker-input]") == api.check_html(html)["text"]
    page.click("[data-checker-run]")
    _wait_report(page, "eligible")
    assert page.evaluate("document.querySelectorAll('.checker img, .checker table:not([class])').length") == 0


@pytest.mark.parametrize("before", ["ready", "script"])
def test_a_table_pasted_before_ready_is_read_once_ready(page, server, docs, before):
    """Pasted while the runtime loads (the page's script waits for it), or even before
    the page's module script has run (pyodide_start.js keeps the table for it): either
    way the table is read, not the one-cell-per-line plain flavour."""
    held: list = []
    page.route(WASM, lambda route: held.append(route))
    scripts: list = []
    if before == "script":
        page.route("**/checker/checker.js*", lambda route: scripts.append(route))
    page.goto(f"{server}/checker/", wait_until="commit")
    page.wait_for_selector("textarea[data-checker-input]")
    if before == "ready":
        page.wait_for_selector("[data-checker-mounted]", state="attached")
    html = word_clipboard_html(docs["official"])
    _paste(page, html, "集群名称\n甲")
    assert page.input_value("textarea[data-checker-input]") == "集群名称\n甲"
    for _ in range(100):
        if held and (scripts or before == "ready"):
            break
        page.wait_for_timeout(100)
    assert page.get_attribute("[data-checker-state]", "data-checker-mounted") is None or before == "ready"
    for route in scripts + held:
        route.continue_()
    _wait_report(page, "eligible")
    assert page.get_attribute("[data-checker-state]", "data-checker-paste") == "html"


def test_the_batch_reads_a_folder_of_word_files_mixed_with_the_rest(page, server, docs):
    files = [{"name": "甲.docx", "mimeType": "application/octet-stream", "buffer": docs["template"]},
             {"name": "乙.docx", "mimeType": "application/octet-stream", "buffer": docs["official"]},
             {"name": "丙.json", "mimeType": "application/json", "buffer": api.example_text().encode()},
             {"name": "加密.docx", "mimeType": "application/octet-stream", "buffer": encrypted_office()}]
    page.goto(f"{server}/batch/")
    page.wait_for_selector("[data-batch-state='ready']", state="attached", timeout=READY_MS)
    page.set_input_files("[data-batch-files]", files=files)
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '4'")
    rows = page.eval_on_selector_all("[data-batch-row]", "rs => rs.map(r => [r.dataset.file, r.dataset.verdict])")
    assert sorted(rows) == [("丙.json", "eligible"), ("乙.docx", "eligible"), ("甲.docx", "eligible")] or \
        sorted(map(tuple, rows)) == [("丙.json", "eligible"), ("乙.docx", "eligible"), ("甲.docx", "eligible")]
    bad = page.inner_text("[data-batch-unreadable]")
    assert "加密.docx" in bad and "打开密码" in bad
    page.click("[data-batch-open]")
    assert "识别为：" in page.inner_text("[data-batch-report]")
    # reload: the bad file is kept as its reason, not read again
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchRestored === '1'")
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '4'")
    saved = page.evaluate("""() => new Promise((ok) => { const o = indexedDB.open("cluster-batch", 1);
      o.onsuccess = () => { const r = o.result.transaction("session").objectStore("session").get("current");
      r.onsuccess = () => ok(r.result.items.map(i => [i.name, i.refused !== undefined, i.bytes !== undefined])); }; })""")
    assert ["加密.docx", True, False] in saved
    assert "加密.docx" in page.inner_text("[data-batch-unreadable]")
