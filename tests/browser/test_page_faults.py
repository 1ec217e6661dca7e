"""Faults on the two application pages (issue 15), in Chromium: a worker that is stuck,
browser storage that is full, drafts in two tabs, a reload right after an edit.

- A request past its deadline (``?deadline=<ms>``, worker_client.js): the page says
  校验超时，已重新启动校验程序, starts a fresh worker that takes the page's compiled wasm
  module (the binary is fetched once), keeps the user's text and never says 就绪 while
  a request runs. On 批量初审 the file is kept as its reason, not read again.
- IndexedDB over its quota (CDP ``Storage.overrideQuotaForOrigin``): the batch is still
  screened, the page says 浏览器存储空间已满，本次结果不会保存.
- Drafts: one per tab; a duplicated tab (same sessionStorage) is told 另一个标签页修改了草稿
  and neither overwrites the other; 清除 clears this tab's only; a full localStorage is
  said, not hidden; an .xls or .et never becomes the draft.
- The example checked (符合), 禁止类产业 set to 是 and the page reloaded within the 250 ms
  before its check: the old 符合 is never shown beside the veto.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from checker import api
from tests.batch import batch_apps
from tests.browser.browser_options import CONTEXT, WASM

READY_MS = 90_000
pytestmark = pytest.mark.timeout(600)
TIMEOUT_WORDS = "校验超时，已重新启动校验程序"
TAB = "cluster-checker/tab"
DRAFTS = "cluster-checker/draft/v2/"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)  # an old .xls / WPS .et

# Every Python worker the page makes, and every (busy?, status text) the checker page shows.
SPY = r"""
(() => {
  window.__workers = 0; // the page's Python workers (Material's search has its own)
  const Native = window.Worker;
  window.Worker = function (url, options) {
    if (/\/(checker|batch)\/worker\.js/.test(String(url))) window.__workers += 1;
    return new Native(url, options);
  };
  window.Worker.prototype = Native.prototype;
  window.__shown = [];
  new MutationObserver(() => {
    const root = document.querySelector("[data-checker-state]");
    const status = document.querySelector("[data-checker-status]");
    if (root && status) window.__shown.push([root.dataset.checkerState, root.hasAttribute("data-checker-busy"), status.textContent]);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();
"""


# On a page loaded with a lowered deadline (?deadline=), the page's Python workers never
# get a request: a worker stuck on every request, whatever the machine's load. A 1 ms
# deadline alone races the answer: on a loaded machine the answer's message can be
# handled before the deadline's timer, and the check then simply succeeds.
STUCK = r"""
(() => {
  if (!new URLSearchParams(location.search).has("deadline")) return;
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    if (/\/(checker|batch)\/worker\.js/.test(String(url))) {
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message, transfer) => {
        if (!(message && message.id !== undefined)) post(message, transfer);
      };
    }
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""


@pytest.fixture(scope="module")
def server(make_site_server) -> str:  # noqa: ANN001 - tests/conftest.py fixture
    return make_site_server("/").origin


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(**CONTEXT)
    ctx.set_default_timeout(READY_MS)
    yield ctx
    ctx.close()


def wasm_requests(context: BrowserContext) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url) if "pyodide.asm.wasm" in request.url else None)
    return seen


def without_runtime(context: BrowserContext) -> None:
    """The runtime's binary held back for the whole test: drafts are the page's script
    alone, and a Pyodide start (most of a page load's CPU) that the test never waits
    for, and aborts at each reload, is not paid."""
    context.route(WASM, lambda route: None)  # never answered: the page stays "loading"


def ready(page: Page, root: str = "checker") -> None:
    page.wait_for_selector(f"[data-{root}-state='ready']", state="attached", timeout=READY_MS)


def opened(page: Page, url: str | None = None) -> None:
    """The checker page (re)loaded and its script mounted (the draft restored)."""
    if url is None:
        page.reload()
    else:
        page.goto(url)
    page.wait_for_selector("[data-checker-mounted]", state="attached")


def reloaded_text(page: Page) -> str:
    """The input's text once the page is reloaded (this tab's draft, restored)."""
    opened(page)
    return page.input_value("textarea[data-checker-input]")


def note(page: Page) -> str:
    return page.inner_text("[data-checker-note]")


def draft_of(page: Page) -> dict | None:
    return page.evaluate(f"""() => JSON.parse(localStorage.getItem({json.dumps(DRAFTS)} + sessionStorage.getItem({json.dumps(TAB)})))""")


def typed(page: Page, text: str) -> None:
    """Text typed into the input (an input event: saved as this tab's draft at once)."""
    page.fill("textarea[data-checker-input]", text)
    page.wait_for_function("(t) => { const d = JSON.parse(localStorage.getItem("
                           f"{json.dumps(DRAFTS)} + sessionStorage.getItem({json.dumps(TAB)})) || 'null');"
                           " return d && d.text === t; }", arg=text)


# ---------------------------------------------------------------------------
# A worker that cannot be stuck


def test_a_check_past_its_deadline_restarts_the_worker_and_keeps_the_text(context: BrowserContext, server: str) -> None:
    wasm = wasm_requests(context)
    page = context.new_page()
    page.add_init_script(STUCK)
    page.add_init_script(SPY)
    page.goto(f"{server}/checker/?deadline=1")  # every request is past it
    ready(page)
    assert page.evaluate("window.__workers") == 1
    text = api.example_text()
    # The text is set without an input event: typing schedules a check of its own (after
    # 250 ms), and on a loaded machine that one and the click's would be two requests,
    # each past the deadline, so two restarts. Here only 校验 asks.
    page.eval_on_selector("textarea[data-checker-input]", "(box, text) => { box.value = text; }", text)
    page.click("[data-checker-run]")
    page.wait_for_function(f"() => document.querySelector('[data-checker-note]').textContent.includes({json.dumps(TIMEOUT_WORDS)})",
                           timeout=30_000)
    assert page.input_value("textarea[data-checker-input]") == text  # the user's text is kept
    ready(page)  # the fresh worker
    assert page.get_attribute("[data-checker-state]", "data-checker-restarts") == "1"
    assert page.evaluate("window.__workers") == 2
    assert len(wasm) == 1, wasm  # the fresh worker got the module the page compiled
    assert page.get_attribute("[data-checker-verdict]", "data-verdict") == ""  # nothing was made up
    assert TIMEOUT_WORDS in note(page)
    shown = page.evaluate("window.__shown")
    assert any(text == "正在校验……" for _, busy, text in shown)
    assert not [s for s in shown if s[1] and s[2].startswith("就绪")], "就绪 shown while a request ran"
    # No check was sent again by itself: the page waits for the user.
    page.wait_for_timeout(1000)
    assert page.get_attribute("[data-checker-state]", "data-checker-restarts") == "1"


def test_a_file_past_the_deadline_on_the_batch_is_kept_as_its_reason(context: BrowserContext, server: str) -> None:
    wasm = wasm_requests(context)
    page = context.new_page()
    page.add_init_script(STUCK)
    page.goto(f"{server}/batch/?deadline=1&workers=1")
    ready(page, "batch")
    page.set_input_files("[data-batch-files]", [{"name": "卡住的申报.json", "mimeType": "application/json",
                                                "buffer": api.example_text().encode()}])
    page.wait_for_function(f"() => document.querySelector('[data-batch-problem]').textContent.includes({json.dumps(TIMEOUT_WORDS)})",
                           timeout=60_000)
    assert page.locator("[data-batch-problem]").is_visible()
    ready(page, "batch")
    assert len(wasm) == 1, wasm
    saved = page.evaluate("""() => new Promise((ok) => { const o = indexedDB.open("cluster-batch", 1);
      o.onsuccess = () => { const r = o.result.transaction("session").objectStore("session").get("current");
      r.onsuccess = () => ok(r.result.items.map(i => [i.name, i.refused || null, i.bytes !== undefined])); }; })""")
    assert len(saved) == 1 and saved[0][0] == "卡住的申报.json" and not saved[0][2]
    assert TIMEOUT_WORDS in saved[0][1]
    # With the normal deadline the restored session lists it as unreadable, with its reason.
    page.goto(f"{server}/batch/")
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '1'")
    assert TIMEOUT_WORDS in page.inner_text("[data-batch-unreadable]")
    assert page.locator("[data-batch-body] tr").count() == 0


# ---------------------------------------------------------------------------
# Storage that fails loudly


def test_a_full_indexeddb_is_said_and_the_batch_still_screened(context: BrowserContext, server: str) -> None:
    page = context.new_page()
    page.goto(f"{server}/batch/")
    cdp = context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": server, "quotaSize": 1024})
    ready(page, "batch")
    five = batch_apps.five_items()
    page.set_input_files("[data-batch-files]", [{"name": n, "mimeType": "application/octet-stream", "buffer": b}
                                                for n, b in five])
    page.wait_for_function(f"() => document.querySelector('[data-batch-state]').dataset.batchScreened === '{len(five)}'",
                           timeout=60_000)
    assert page.locator("[data-batch-body] tr").count() == len(five) - 1  # one is unreadable
    assert page.locator("[data-batch-storage]").is_visible()
    assert "浏览器存储空间已满，本次结果不会保存" in page.inner_text("[data-batch-storage]")
    assert page.get_attribute("[data-batch-state]", "data-batch-saved") == "no"
    # It keeps working in memory: sorting and an export still answer.
    page.click("[data-sort='name']")
    page.click("[data-batch-export='comparison-csv']")
    page.wait_for_selector("[data-export-done='comparison-csv']", state="attached")
    # What the page said holds: a reload restores nothing (no older session either).
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchRestored === '0'")
    assert page.locator("[data-batch-body] tr").count() == 0


def test_the_batch_says_nothing_about_storage_when_it_saves(context: BrowserContext, server: str) -> None:
    page = context.new_page()
    page.goto(f"{server}/batch/")
    ready(page, "batch")
    page.set_input_files("[data-batch-files]", [{"name": "一.json", "mimeType": "application/json",
                                                "buffer": api.example_text().encode()}])
    page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '1'")
    assert page.get_attribute("[data-batch-state]", "data-batch-saved") == "yes"
    assert not page.locator("[data-batch-storage]").is_visible()


# ---------------------------------------------------------------------------
# Drafts


def test_two_tabs_keep_two_drafts_and_clear_clears_this_tabs(context: BrowserContext, server: str) -> None:
    without_runtime(context)
    first, second = context.new_page(), context.new_page()
    opened(first, f"{server}/checker/")
    typed(first, "集群名称：甲")
    opened(second, f"{server}/checker/")
    assert second.input_value("textarea[data-checker-input]") == "集群名称：甲"  # a new tab continues the newest
    typed(second, "集群名称：乙")
    assert reloaded_text(first) == "集群名称：甲"
    assert reloaded_text(second) == "集群名称：乙"
    first.click("[data-checker-clear]")
    assert "其他标签页的草稿不受影响" in note(first)
    assert reloaded_text(second) == "集群名称：乙"
    assert reloaded_text(first) == ""


def test_a_duplicated_tab_is_warned_and_neither_overwrites_the_other(context: BrowserContext, server: str) -> None:
    without_runtime(context)
    first = context.new_page()
    opened(first, f"{server}/checker/")
    typed(first, "集群名称：甲")
    tab = first.evaluate(f"sessionStorage.getItem({json.dumps(TAB)})")
    second = context.new_page()  # as Chromium's 复制标签页: the same sessionStorage
    second.add_init_script(f"if (!sessionStorage.getItem({json.dumps(TAB)})) sessionStorage.setItem({json.dumps(TAB)}, {json.dumps(tab)});")
    opened(second, f"{server}/checker/")
    assert second.input_value("textarea[data-checker-input]") == "集群名称：甲"
    second.fill("textarea[data-checker-input]", "集群名称：乙")
    first.wait_for_function("() => document.querySelector('[data-checker-note]').textContent.includes('另一个标签页修改了草稿')")
    assert first.evaluate(f"sessionStorage.getItem({json.dumps(TAB)})") != tab
    assert reloaded_text(first) == "集群名称：甲"
    assert reloaded_text(second) == "集群名称：乙"


def test_a_full_local_storage_is_said_by_the_save_note(context: BrowserContext, server: str) -> None:
    without_runtime(context)
    page = context.new_page()
    opened(page, f"{server}/checker/")
    page.evaluate("""() => { const chunk = "x".repeat(1 << 20);
      for (let i = 0; i < 64; i++) { try { localStorage.setItem("filler-" + i, chunk); } catch { break; } }
      for (let n = 1 << 19; n >= 1; n >>= 1) { try { localStorage.setItem("filler-tail-" + n, "x".repeat(n)); } catch {} } }""")
    page.fill("textarea[data-checker-input]", api.example_text())
    page.wait_for_function("() => document.querySelector('[data-checker-state]').dataset.checkerDraft === 'not-saved'")
    assert "草稿未能保存" in note(page) and "草稿自动保存" not in note(page)
    page.evaluate("() => { for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key); }")
    page.fill("textarea[data-checker-input]", api.example_text() + " ")
    page.wait_for_function("() => document.querySelector('[data-checker-state]').dataset.checkerDraft === 'saved'")
    assert "草稿未能保存" not in note(page)


@pytest.mark.parametrize("name", ["旧表.xls", "金山表格.et"])
def test_an_old_spreadsheet_never_becomes_the_draft(context: BrowserContext, server: str, name: str) -> None:
    page = context.new_page()
    opened(page, f"{server}/checker/")
    ready(page)
    typed(page, "集群名称：甲")
    page.set_input_files("[data-checker-file]", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": OLE}])
    page.wait_for_function(f"() => document.querySelector('[data-checker-note]').textContent.includes({json.dumps('无法读取 ' + name)})")
    assert page.input_value("textarea[data-checker-input]") == "集群名称：甲"
    assert draft_of(page)["text"] == "集群名称：甲"
    assert reloaded_text(page) == "集群名称：甲"


# ---------------------------------------------------------------------------
# The stale verdict after a reload


def test_a_reload_right_after_an_edit_never_shows_the_old_verdict(context: BrowserContext, server: str) -> None:
    page = context.new_page()
    page.add_init_script("""
      window.__verdicts = [];
      new MutationObserver(() => {
        const v = document.querySelector("[data-checker-verdict]");
        if (v && v.dataset.verdict && window.__verdicts.at(-1) !== v.dataset.verdict) window.__verdicts.push(v.dataset.verdict);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    """)
    opened(page, f"{server}/checker/")
    ready(page)
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    vetoed = page.input_value("textarea[data-checker-input]").replace('"prohibited_industry": "否"', '"prohibited_industry": "是"')
    assert '"prohibited_industry": "是"' in vetoed
    assert json.loads(api.check_text_json(vetoed))["verdict"] == "not_eligible"
    page.fill("textarea[data-checker-input]", vetoed)
    page.reload()  # within the 250 ms before the edit's check
    page.wait_for_selector("[data-checker-mounted]", state="attached")
    assert page.input_value("textarea[data-checker-input]") == vetoed
    page.wait_for_selector("[data-checker-verdict][data-verdict='not_eligible']", state="attached")
    assert page.evaluate("window.__verdicts") == ["not_eligible"], "the old verdict was shown after the reload"

