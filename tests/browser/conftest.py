"""Browser fixtures: Debian Chromium through Playwright, with a request log.

Fixtures (the site fixtures of tests/conftest.py are available too):

- ``browser`` -> a session-wide Playwright ``Browser`` (``/usr/bin/chromium`` with
  ``CHROMIUM_ARGS``; Playwright's own browser download is not used).
- ``open_page`` -> factory ``open_page(url, *, context=None, wait_until="load")``
  returning a ``RecordedPage``. Each call gets a fresh browser context (empty cache)
  unless one is passed, so sizes are first-visit sizes. Every request, response,
  console message and page error is recorded from before navigation starts.
  Contexts are closed after the test; ``page_opener(browser)`` is the same factory
  (tests/browser/recorded.py) for a module's fixture, closing its contexts when the
  ``with`` block ends.
- ``axe_script`` -> Path of axe-core from node_modules (npm pin), to run in a page
  with ``page.evaluate(axe_script.read_text())`` (a <script> tag added to the page
  would be an inline script, which the site's CSP refuses).
- ``booted_page`` -> factory ``booted_page(url, *, timeout=READY_MS, **context_options)``
  returning the module's one booted 在线自评 or 批量初审 page at ``url`` (Pyodide ready),
  reset to the state a freshly loaded page is in; see "One booted page per module".

Contexts are made with ``browser_options.CONTEXT`` (Chinese, no service worker).

One booted page per module (``booted_page``): booting Pyodide is most of a browser
test's CPU, and most tests only need "a ready page, give it input, read the report".
The first call in a module opens a context (``CONTEXT`` plus ``context_options``, e.g.
``permissions``), loads ``url``, waits until the runtime is ready and idle and takes a
snapshot of the application root (its markup; every element's attributes and, for an
element without child elements, its text). Later calls (later tests of the module,
same ``url`` and options) get that page back once it is idle again (a test that
reloaded it gets it once booted again), reset:

- the page's own clearing: 清除 (在线自评: text, file input, report, evidence ticks,
  this tab's draft) or 清除全部 (批量初审: rows, sort, selection, opened report, paste,
  the IndexedDB session; 市州经信部门 and 联系人, which it keeps, emptied first as a
  reviewer would, with input events);
- what that leaves, back to the snapshot: the last report's words in hidden boxes, the
  flags a report sets (``data-checker-paste``, ``data-batch-ms`` ...), the note's words;
  localStorage and sessionStorage emptied (but for 在线自评's tab id, which the page
  holds); no focus, scrolled to the top;
- then compared with the snapshot: the root's markup character for character, every
  input empty, nothing stored (IndexedDB too). A difference fails the test, with the
  first differing markup.

After each test its routes are removed, media emulation and the viewport put back; a
test that failed gets its pages closed, so the next test boots a fresh one. Pages are
shared per module, never across files (``--dist loadfile`` keeps a file on one worker).

Keep a fresh context (``open_page`` or ``browser.new_context``) for what only a first
visit shows: request logs from navigation on, sizes, boot stages and marks, init
scripts (they cannot be removed), routes set before the runtime loads, faults, offline
and the service worker, CSP, several tabs, what a reload restores. A test may reload
the shared page, ``set_viewport_size`` and ``emulate_media`` on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.browser.browser_options import CONTEXT
from tests.browser.recorded import RecordedPage, page_opener

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does it as root)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., RecordedPage]]:
    with page_opener(browser) as open_:
        yield open_


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does it)", pytrace=False)
    return AXE


# ---------------------------------------------------------------------------
# One booted page per module

READY_MS = 90_000  # a cold Pyodide start on a slow CI machine
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201, ARG001
    """Marks a failed test, so ``booted_page`` closes its pages instead of sharing them on."""
    outcome = yield
    if outcome.get_result().failed:
        item.stash[FAILED] = True


@dataclass(frozen=True)
class App:
    """What ``booted_page`` needs to know of an application page (JS run in the page)."""

    root: str  # the application root's selector
    idle: str  # () => ready, and no request running
    clear: str  # async () => the page's own clearing, awaited


# The idle tests read the status line: the only place the pages say that a worker is
# busy (both say 就绪 only when none is).
CHECKER = App(
    root="[data-checker-state]",
    idle="""() => { const r = document.querySelector('[data-checker-state]');
      return r.dataset.checkerState === 'ready' && !r.hasAttribute('data-checker-busy')
        && document.querySelector('[data-checker-status]').textContent.startsWith('就绪'); }""",
    clear="""async () => document.querySelector('[data-checker-clear]').click()""",
)
BATCH = App(
    root="[data-batch-state]",
    idle="""() => { const r = document.querySelector('[data-batch-state]');
      return r.dataset.batchState === 'ready' && r.dataset.batchRestored !== undefined
        && r.dataset.batchWorkersReady === r.dataset.batchWorkersStarted
        && document.querySelector('[data-batch-status]').textContent.startsWith('就绪'); }""",
    # The reviewer's two fields are kept by 清除全部: emptied as typed (input events);
    # 清除全部 says data-batch-screened="0" once the IndexedDB session is deleted, after
    # the saves those events queued.
    clear="""async () => {
      const root = document.querySelector('[data-batch-state]');
      for (const hook of ['data-batch-bureau', 'data-batch-contact']) {
        const input = root.querySelector(`[${hook}]`);
        if (input.value) {
          input.value = '';
          input.dispatchEvent(new Event('input'));
        }
      }
      delete root.dataset.batchScreened;
      const cleared = new Promise((done) => new MutationObserver((_, observer) => {
        if (root.dataset.batchScreened === '0') { observer.disconnect(); done(); }
      }).observe(root, { attributes: true, attributeFilter: ['data-batch-screened'] }));
      root.querySelector('[data-batch-clear]').click();
      const late = new Promise((_, fail) => setTimeout(() => fail(new Error('清除全部 did not finish in 30 s')), 30000));
      await Promise.race([cleared, late]);
    }""",
)
APPS = (CHECKER, BATCH)

# The application root as a freshly loaded page shows it once ready: its markup, and
# every element's attributes and (for an element with no child elements) its text,
# by its path of child indexes from the root.
SNAPSHOT = """(selector) => {
  const root = document.querySelector(selector);
  const path = (el) => { const p = []; for (; el !== root; el = el.parentElement) p.unshift([...el.parentElement.children].indexOf(el)); return p; };
  return { html: root.innerHTML, elements: [root, ...root.querySelectorAll('*')].map((el) => ({
    path: path(el), attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
    text: el.children.length ? null : el.textContent })) };
}"""

# Back to the snapshot what the page's own clearing leaves: a report's texts in hidden
# boxes (the pages overwrite them with every report), the flags a report sets on the
# root, the note's words. Results are only ever written into boxes that are empty on a
# fresh page, so the paths hold; an element added elsewhere stays and fails CLEAN.
RESTORE = """([selector, fresh]) => {
  const root = document.querySelector(selector);
  const at = (path) => path.reduce((el, i) => el && el.children[i], root);
  for (const { path, attrs, text } of fresh.elements) {
    const el = at(path);
    if (!el) continue;
    for (const { name } of [...el.attributes]) if (!(name in attrs)) el.removeAttribute(name);
    for (const [name, value] of Object.entries(attrs)) if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    if (text !== null && (el.children.length || el.textContent !== text)) el.textContent = text;
  }
  const tab = sessionStorage.getItem('cluster-checker/tab'); // 在线自评 holds this tab's id
  localStorage.clear();
  sessionStorage.clear();
  if (tab) sessionStorage.setItem('cluster-checker/tab', tab);
  document.activeElement?.blur();
  window.scrollTo(0, 0);
}"""

# What differs from a fresh page after the reset: {} when clean.
CLEAN = """([selector, fresh]) => new Promise((done) => {
  const root = document.querySelector(selector);
  const left = {};
  if (root.innerHTML !== fresh.html) {
    const now = root.innerHTML;
    let at = 0;
    while (at < now.length && now[at] === fresh.html[at]) at++;
    left.markup = now.slice(Math.max(0, at - 80), at + 120);
  }
  const typed = [...root.querySelectorAll('input:not([type=checkbox]), textarea')].filter((e) => e.value).map((e) => e.outerHTML.slice(0, 80));
  if (typed.length) left.values = typed;
  const stored = Object.keys(localStorage).concat(Object.keys(sessionStorage).filter((k) => k !== 'cluster-checker/tab'));
  if (stored.length) left.storage = stored;
  const open = indexedDB.open('cluster-batch', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('session');
  open.onerror = open.onblocked = () => { left.indexedDB = 'not readable'; done(left); };
  open.onsuccess = () => {
    const got = open.result.transaction('session').objectStore('session').get('current');
    got.onsuccess = () => { if (got.result !== undefined) left.indexedDB = 'a session'; open.result.close(); done(left); };
  };
})"""


@dataclass
class Booted:
    context: BrowserContext
    page: Page
    app: App
    fresh: dict  # SNAPSHOT of the page once first ready
    viewport: dict | None


class BootedPages:
    """The booted pages of one module, by URL and context options."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.pages: dict[tuple, Booted] = {}

    def boot(self, url: str, timeout: float, options: dict) -> Booted:
        context = self.browser.new_context(**{**CONTEXT, **options})
        try:
            page = context.new_page()
            page.set_default_timeout(timeout)
            page.goto(url)
            page.wait_for_selector(", ".join(a.root for a in APPS), state="attached")
            app = next(a for a in APPS if page.query_selector(a.root))
            page.wait_for_function(app.idle)
            fresh = page.evaluate(SNAPSHOT, app.root)
        except BaseException:
            context.close()
            raise
        return Booted(context, page, app, fresh, page.viewport_size)

    def get(self, url: str, timeout: float, options: dict) -> tuple[tuple, Page]:
        key = (url, repr(sorted(options.items())))
        booted = self.pages.get(key)
        if booted is None:
            booted = self.pages[key] = self.boot(url, timeout, options)
            return key, booted.page
        page = booted.page
        page.set_default_timeout(timeout)
        page.wait_for_function(booted.app.idle)  # also once a test's reload has booted again
        page.evaluate(booted.app.clear)
        page.evaluate(RESTORE, [booted.app.root, booted.fresh])
        left = page.evaluate(CLEAN, [booted.app.root, booted.fresh])
        assert left == {}, f"the shared page {url} is not as freshly loaded after its reset: {left}"
        return key, page

    def tidy(self, key: tuple) -> None:
        booted = self.pages[key]
        booted.page.unroute_all(behavior="ignoreErrors")
        booted.context.unroute_all(behavior="ignoreErrors")
        booted.page.emulate_media(media="null")
        if booted.page.viewport_size != booted.viewport:
            booted.page.set_viewport_size(booted.viewport)

    def discard(self, key: tuple) -> None:
        self.pages.pop(key).context.close()

    def close(self) -> None:
        for key in list(self.pages):
            self.discard(key)


@pytest.fixture(scope="module")
def booted_pages(browser: Browser) -> Iterator[BootedPages]:
    pages = BootedPages(browser)
    yield pages
    pages.close()


@pytest.fixture
def booted_page(booted_pages: BootedPages, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    used: list[tuple] = []

    def get(url: str, *, timeout: float = READY_MS, **context_options) -> Page:
        key, page = booted_pages.get(url, timeout, context_options)
        used.append(key)
        return page

    yield get
    for key in dict.fromkeys(used):
        if request.node.stash.get(FAILED, False):
            booted_pages.discard(key)
        else:
            booted_pages.tidy(key)
