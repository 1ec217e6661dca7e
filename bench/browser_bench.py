"""Speed of the site's start-up, measured side by side in one run, same browser.

    .venv/bin/python -m bench.browser_bench [--site DIR] [--baseline DIR]
        [--servers http,serve,nginx] [--runs N] [--mbps N] [--json]

Every site (this build, and a baseline build if given, e.g. main's) is served by
every server asked for: ``http`` is a plain static server (``python -m http.server``:
no compression, no cache headers), ``serve`` is ``make serve``'s ``python -m
release.serve`` (the same, with the nginx configuration's types and headers: versioned
files immutable, pages ``no-cache``), ``nginx`` is the release's own configuration
(deploy/serve-nginx.sh; the site gets its .br/.gz siblings as ``make release``
makes them). Beside each site, on the same server, a bare page loads the stock
Pyodide of the npm package in a module worker (what any Pyodide page does: the
worker fetches and compiles the wasm, the stock standard library), to compare with,
and a second bare page that starts the same Pyodide our way (the page compiles the
wasm, the worker instantiates the posted module): its warm / cold is what the
browser's caches give Pyodide alone, without our packages, imports and page.
Each measure alternates between the targets run by run, so drift hits all alike.
Medians of --runs (default 5).

- cold: time to ``ready`` in a fresh profile, the checker page and the bare page;
- warm, two ways, side by side in each run, for the checker page and both bare pages:
  - after a browser restart: the same profile visited again (the visitor stayed 2 s,
    or until the site was kept for offline use); then a third visit with the network
    cut (offline); each visit starts a new browser on the profile and waits until it
    is idle first (settle);
  - in the same browser (the issue's "persistent profile, loads in a row"): one
    browser kept running, a first visit, the same stay, then AGAIN more visits, each
    in a new tab (the old one closed) once the browser is idle, i.e. once the first
    visit's tier-up has written the wasm code cache (the trace below shows it does);
  the phases of the start-up (the page's compile, the worker's marks) for the first
  visit and both kinds of return;
- long tasks on the main thread during a cold and a warm load until ready, and
  their total blocking time (sum of each task's part over 50 ms, from first paint
  to ready); and, from a Chromium trace of one more cold and warm load, the tasks
  of the page's own compile of the wasm (it must not block the page): the longest
  one's CPU time and all of theirs; whether the first visit wrote the wasm code
  cache and the second read it, and the CPU of lazy compiles it saved;
- the browser's CPU seconds for each load beside its wall time (a loaded machine
  stretches wall time; CPU time much less);
- paste accepted: the text area on screen plus a real Ctrl+V taken (< 300 ms);
- a full application evaluated once ready, timed in the worker (< 50 ms);
- bytes on the wire (encoded): a doc page, and the checker page until ready.

Times are the page's own ``performance.now()`` from navigation start. --mbps N
emulates a link (DevTools throttling, which covers the workers' requests); without
it the servers are on the loopback. State the machine's load (uptime) with figures.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
from checker import api  # noqa: E402
from release import serve as release_serve  # noqa: E402
from release.compress import add_siblings  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 180_000
STAY_MS = 2000  # a visitor stays on the page at least this long before leaving
BARE = "_bare"
STOCK = ROOT / "node_modules" / "pyodide"
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
BARE_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Pyodide（npm 原版）</title></head>
<body data-checker-state="loading"><script type="module" src="bare.js"></script></body></html>
"""
BARE_SCRIPT = """// The stock way: a module worker that loads Pyodide as its docs say.
const worker = new Worker("worker.js", { type: "module" });
worker.onmessage = () => {
  document.body.dataset.readyMs = performance.now().toFixed(1);
  document.body.dataset.checkerState = "ready";
};
"""
BARE_WORKER = """const { loadPyodide } = await import("./pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: new URL("./", import.meta.url).href });
pyodide.runPython("import sys");
postMessage("ready");
"""
# The same stock Pyodide started the way our pages start it (the bare
# experiment): the page compiles the wasm with compileStreaming and posts the Module
# to the worker, whose loadPyodide instantiates it (fetch and instantiateStreaming
# answered for that one URL, as pyodide_boot.js does).
BARE_POST = "_bare_post"
BARE_POST_SCRIPT = """// The page compiles, the worker instantiates (what our pages do, without the site).
const module = WebAssembly.compileStreaming(fetch("pyodide.asm.wasm"));
const worker = new Worker("worker.js", { type: "module" });
worker.onmessage = () => {
  document.body.dataset.readyMs = performance.now().toFixed(1);
  document.body.dataset.checkerState = "ready";
};
module.then((compiled) => worker.postMessage(compiled));
"""
BARE_POST_WORKER = """const wasm = new URL("./pyodide.asm.wasm", import.meta.url).href;
const module = new Promise((resolve) => (onmessage = (event) => resolve(event.data)));
const native = { fetch: globalThis.fetch, instantiate: WebAssembly.instantiateStreaming };
const placeholder = new Response(null, { headers: { "content-type": "application/wasm" } });
globalThis.fetch = (input, init) =>
  String(input) === wasm ? module.then(() => placeholder) : native.fetch.call(globalThis, input, init);
WebAssembly.instantiateStreaming = async (source, imports) => {
  if ((await source) !== placeholder) return native.instantiate.call(WebAssembly, source, imports);
  const compiled = await module;
  return { instance: await WebAssembly.instantiate(compiled, imports), module: compiled };
};
const { loadPyodide } = await import("./pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: new URL("./", import.meta.url).href });
pyodide.runPython("import sys");
postMessage("ready");
"""
CHECKER = "[data-checker-state]"


# ---------------------------------------------------------------------------
# Serving


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        try:  # a reload or a blocked request drops the connection mid-file
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Target:
    """One site behind one server, with the bare stock page beside it."""

    site: str  # "this build" | "baseline"
    server: str  # "http" | "serve" | "nginx"
    root: Path
    base: str = ""
    stop: object = None
    results: dict[str, list] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.site} / {self.server}"

    @property
    def offline(self) -> bool:
        """Whether the site keeps itself for offline use (a build before that does not)."""
        return (self.root / "sw.js").exists()

    @property
    def bare(self) -> str:
        return f"{self.base}/{BARE}/"

    @property
    def bare_post(self) -> str:
        return f"{self.base}/{BARE_POST}/"

    def add(self, key: str, value: object) -> None:
        self.results.setdefault(key, []).append(value)


def stage(site: Path, work: Path, compress: bool) -> Path:
    """A served root: the site (linked, or copied with its siblings) and the bare page."""
    root = work / "root"
    if compress:
        shutil.copytree(site, root, symlinks=False)
    else:
        root.mkdir()
        for entry in site.iterdir():
            (root / entry.name).symlink_to(entry.resolve())
    bare = root / BARE
    bare.mkdir()
    for name in STOCK_FILES:
        shutil.copyfile(STOCK / name, bare / name)
    (bare / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    (bare / "bare.js").write_text(BARE_SCRIPT, encoding="utf-8")
    (bare / "worker.js").write_text(BARE_WORKER, encoding="utf-8")
    post = root / BARE_POST
    post.mkdir()
    for name in STOCK_FILES:
        shutil.copyfile(STOCK / name, post / name)
    (post / "index.html").write_text(BARE_PAGE.replace("bare.js", "post.js"), encoding="utf-8")
    (post / "post.js").write_text(BARE_POST_SCRIPT, encoding="utf-8")
    (post / "worker.js").write_text(BARE_POST_WORKER, encoding="utf-8")
    if compress:
        add_siblings(root, ROOT / ".cache" / "compressed")
    return root


def serve(target: Target) -> None:
    port = free_port()
    target.base = f"http://127.0.0.1:{port}"
    if target.server in ("http", "serve"):
        handler = (functools.partial(Quiet, directory=str(target.root)) if target.server == "http"
                   else release_serve.handler(target.root, quiet=True))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        target.stop = httpd.shutdown
        return
    process = subprocess.Popen(["sh", str(ROOT / "deploy" / "serve-nginx.sh"), str(target.root), str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    target.stop = lambda: (os.killpg(process.pid, signal.SIGTERM), process.wait(timeout=30))


def build_site(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)],
                   cwd=ROOT, check=True, env=env)


# ---------------------------------------------------------------------------
# Measuring

# Before the page's own scripts: long tasks (with first paint) for the total
# blocking time, and, for the paste, the text area's first frame on screen and the
# paste the bench presses (key down: the event's time stamp; text in the area).
PROBE = """
(() => {
  window.__long = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {}
  let key = null;
  document.addEventListener("keydown", (event) => { key ??= event.timeStamp; }, true);
  document.addEventListener("input", (event) => {
    const area = event.target;
    if (window.__paste !== undefined || !area.matches("textarea[data-checker-input]")) return;
    const root = document.querySelector("[data-checker-state]");
    window.__paste = {
      key, ms: performance.now(), kind: event.inputType, text: area.value,
      state: root?.dataset.checkerMounted ? root.dataset.checkerState : null,
    };
  }, true);
  const tick = () => {
    const area = document.querySelector("textarea[data-checker-input]");
    if (!area || !area.getClientRects().length) return requestAnimationFrame(tick);
    window.__area = performance.now();
  };
  requestAnimationFrame(tick);
  // The boot's own marks (pyodide_boot.js: ms since the worker started), from the
  // first worker's "ready" message, for the phases of the start-up.
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "ready" && data.boot && window.__boot === undefined) {
        const shift = data.boot.origin - performance.timeOrigin;
        window.__boot = {};
        for (const [name, ms] of Object.entries(data.boot)) if (name !== "origin") window.__boot[name] = ms + shift;
      }
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""

MBPS: float | None = None
TICKS = os.sysconf("SC_CLK_TCK")


def browser_cpu() -> Decimal:
    """CPU seconds used so far by this bench's browser processes (not its servers):
    a load's cost that the machine's other work does not inflate as it does wall time."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        stats[int(entry.name)] = [text[text.index("(") + 1:text.rindex(")")], *fields]
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        name, *fields = stats[pid]
        if name.startswith("chrom"):
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return Decimal(total) / TICKS


def throttle(context: BrowserContext, page: Page) -> None:
    if MBPS is None:
        return
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": MBPS * 125_000, "uploadThroughput": MBPS * 125_000,
    })


def ready_ms(page: Page, url: str, root: str = CHECKER, target: "Target | None" = None, key: str = "") -> Decimal:
    """Time to ready of one visit; with `target`, also records the browser's CPU
    seconds for it (under `key`_cpu)."""
    before = browser_cpu()
    page.goto(url)
    page.wait_for_selector(f"{root}[data-ready-ms]", state="attached", timeout=TIMEOUT_MS)
    if target is not None:
        target.add(f"{key}_cpu", browser_cpu() - before)
    return Decimal(page.get_attribute(root, "data-ready-ms") or "")


def blocking(page: Page, until: Decimal) -> tuple[Decimal, Decimal]:
    """(longest task, total blocking time) on the main thread up to `until` ms."""
    tasks = page.evaluate("window.__long")
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")
    longest = max((Decimal(str(d)) for s, d in tasks if s < until), default=Decimal(0))
    tbt = sum((Decimal(str(d)) - 50 for s, d in tasks if paint <= s < until and d > 50), Decimal(0))
    return longest, tbt


def fresh(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(PROBE)
    throttle(context, page)
    return context, page


def cold(browser: Browser, target: Target) -> None:
    context, page = fresh(browser)
    ready = ready_ms(page, f"{target.base}/checker/", target=target, key="cold")
    target.add("cold", ready)
    longest, tbt = blocking(page, ready)
    target.add("cold_longest_task", longest)
    target.add("cold_tbt", tbt)
    context.close()
    context, page = fresh(browser)
    target.add("bare_cold", ready_ms(page, target.bare, "body", target=target, key="bare_cold"))
    context.close()


def settle() -> None:
    """Wait until the browser just launched is idle (at most 10 s): Chromium 156 starts
    its own WebUI renderer (chrome://omnibox-popup.top-chrome/, ~0.5 s of CPU) at
    launch, which would otherwise run beside the visit on two cores. A returning
    visitor's browser is already running; neither visit should pay for its start."""
    deadline = time.monotonic() + 10
    last = browser_cpu()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = browser_cpu()
        if now - last < Decimal("0.02"):
            return
        last = now


def persistent(playwright: Playwright, profile: str) -> tuple[BrowserContext, Page]:
    context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                            locale="zh-CN")
    page = context.pages[0] if context.pages else context.new_page()
    settle()
    prepare(context, page)
    return context, page


def prepare(context: BrowserContext, page: Page) -> None:
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(PROBE)
    throttle(context, page)


def reopen(context: BrowserContext, page: Page) -> Page:
    """A new tab in the running browser, the old one closed (opened first, so the
    browser never has no tab), prepared like the first."""
    tab = context.new_page()
    page.close()
    prepare(context, tab)
    return tab


def leave(page: Page) -> None:
    """The visitor stays a moment, or until the site is kept for offline use."""
    page.wait_for_timeout(STAY_MS)
    if page.evaluate("() => 'serviceWorker' in navigator && document.querySelector('script[src*=offline]') !== null"):
        page.wait_for_selector("html[data-offline='ready']", state="attached", timeout=TIMEOUT_MS)


def warm(playwright: Playwright, target: Target) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        for key in ("profile_cold", "warm", "offline")[: 3 if target.offline else 2]:
            context, page = persistent(playwright, profile)
            if key == "offline":
                context.set_offline(True)
            ready = ready_ms(page, f"{target.base}/checker/", target=target, key=key)
            target.add(key, ready)
            if key != "offline":
                phases(page, target, "cold" if key == "profile_cold" else key)
            if key == "warm":
                longest, tbt = blocking(page, ready)
                target.add("warm_longest_task", longest)
                target.add("warm_tbt", tbt)
            if key == "profile_cold":
                leave(page)
            context.close()
    for bare, url in (("bare", target.bare), ("bare_post", target.bare_post)):
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            for key in (f"{bare}_profile_cold", f"{bare}_warm"):
                context, page = persistent(playwright, profile)
                target.add(key, ready_ms(page, url, "body"))
                page.wait_for_timeout(STAY_MS)
                context.close()


AGAIN = 3  # visits after the first in one running browser (the four loads in a row)


def again(playwright: Playwright, target: Target) -> None:
    """The warm start as the issue measured it: one browser process kept running on
    a fresh profile, a first visit, then AGAIN visits in new tabs, each once the
    browser is idle (the first visit's stay and tier-up over, the code cache written).
    Keys: ``again_cold`` (the first visit), ``again`` (every later one) and
    ``again_<n>`` (the n-th visit), with ``bare_`` / ``bare_post_`` for the bare pages."""
    for prefix, url, root in (("", f"{target.base}/checker/", CHECKER), ("bare_", target.bare, "body"),
                              ("bare_post_", target.bare_post, "body")):
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            context, page = persistent(playwright, profile)
            key = f"{prefix}again_cold"
            target.add(key, ready_ms(page, url, root, target=target, key=key))
            if root == CHECKER:
                leave(page)
            else:
                page.wait_for_timeout(STAY_MS)
            for visit in range(2, AGAIN + 2):
                settle()
                page = reopen(context, page)
                ready = ready_ms(page, url, root, target=target, key=f"{prefix}again")
                target.add(f"{prefix}again", ready)
                target.add(f"{prefix}again_{visit}", ready)
                if root == CHECKER:
                    phases(page, target, "again")
            context.close()


# The start-up's phases, ms since navigation: the page's compile (pyodide_start.js)
# and the worker's marks (pyodide_boot.js), each a step of the one before.
# The worker's start-up marks (window.__boot), in the order they happen.
MARKS = ("imported", "wasm_wanted", "wasm_received", "instantiated", "booted", "loaded", "ready")
PHASES = (
    ("worker: pyodide.mjs imported", None, "imported"),
    ("worker asks for the module", "imported", "wasm_wanted"),
    ("  waits for the page's compile", "wasm_wanted", "wasm_received"),
    ("instantiated", "wasm_received", "instantiated"),
    ("Pyodide booted, wheels installed", "instantiated", "loaded"),
    ("  of which: wheels installed", "booted", "loaded"),  # a build before this mark: not measured
    ("checker imported: ready", "loaded", "ready"),
)


def phases(page: Page, target: Target, visit: str) -> None:
    boot = page.evaluate("() => window.__boot || null")
    compiled = page.evaluate("() => window.pyodide_runtime && window.pyodide_runtime.compiled_ms || null")
    if not boot:
        return
    for label, start, end in PHASES:
        if end not in boot or (start and start not in boot):
            continue
        target.add(f"{visit}_phase:{label}", Decimal(str(boot[end] - (boot[start] if start else 0))))
    if compiled:
        target.add(f"{visit}_phase:page compile (start → end)", Decimal(str(compiled[1] - compiled[0])))
        target.add(f"{visit}_phase:page compile starts", Decimal(str(compiled[0])))


# The page's compile, on its main thread: every task that feeds or finishes the
# streaming compile (Chromium's trace events), with its CPU time, which the other
# work of a loaded machine does not stretch as it stretches wall time.
COMPILE_EVENTS = {"wasm.OnBytesReceived", "wasm.FinishStreaming", "v8.wasm.compileConsume",
                  "v8.wasm.compileConsumeDone", "wasm.StartStreamingCompilation"}
TASKS = {"ThreadControllerImpl::RunTask", "RunTask"}


def compile_tasks(context: BrowserContext, page: Page, url: str, stay: bool) -> dict[str, Decimal]:
    """For one visit: the page's compile tasks on its main thread (longest one's CPU
    ms, all of theirs, longest's wall ms) and what the trace says about the wasm code
    cache: modules written to it (``wasm.SerializeModule``, after the first visit's
    tier-up, so the trace runs until the visitor leaves), modules read from it
    (``wasm.Deserialize``), and the CPU ms of functions compiled lazily on first call
    (``wasm.CompileLazy``: the worker's, what the cache saves)."""
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: done.append(True))
    cdp.send("Tracing.start", {"categories": "toplevel,v8.wasm,devtools.timeline", "transferMode": "ReportEvents"})
    ready_ms(page, url)
    if stay:
        leave(page)
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(50)
    found = {
        "serialized": Decimal(sum(1 for e in events if e.get("name") == "wasm.SerializeModule")),
        "deserialized": Decimal(sum(1 for e in events if e.get("name") == "wasm.Deserialize")),
        "lazy_cpu": sum((Decimal(e.get("tdur", e.get("dur", 0))) / 1000 for e in events
                         if e.get("name") == "wasm.CompileLazy" and e.get("ph") == "X"), Decimal(0)),
    }
    thread = next(((e["pid"], e["tid"]) for e in events if e.get("name") == "wasm.StartStreamingCompilation"), None)
    if thread is None:
        return found | {"task_cpu": Decimal(0), "cpu": Decimal(0), "task_wall": Decimal(0)}
    mine = [e for e in events if (e["pid"], e["tid"]) == thread and e.get("ph") == "X"]
    feeds = [e for e in mine if e["name"] in COMPILE_EVENTS]
    tasks = [t for t in mine if t["name"] in TASKS
             and any(t["ts"] <= f["ts"] <= t["ts"] + t["dur"] for f in feeds)]
    cpu = [Decimal(t.get("tdur", t["dur"])) / 1000 for t in tasks] or [Decimal(0)]
    wall = [Decimal(t["dur"]) / 1000 for t in tasks] or [Decimal(0)]
    return found | {"task_cpu": max(cpu), "cpu": sum(cpu), "task_wall": max(wall)}


def trace_compile(playwright: Playwright, target: Target) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        for key in ("cold", "warm"):
            context, page = persistent(playwright, profile)
            found = compile_tasks(context, page, f"{target.base}/checker/", stay=key == "cold")
            target.add(f"{key}_compile_task_cpu", found["task_cpu"])
            target.add(f"{key}_compile_cpu", found["cpu"])
            target.add(f"{key}_compile_task_wall", found["task_wall"])
            for name in ("serialized", "deserialized", "lazy_cpu"):
                target.add(f"{key}_wasm_{name}", found[name])
            context.close()


def paste(browser: Browser, target: Target) -> None:
    context, page = fresh(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=target.base)
    page.goto(f"{target.base}/404.html")
    page.evaluate("text => navigator.clipboard.writeText(text)", api.example_text())
    page.goto(f"{target.base}/checker/", wait_until="commit")
    page.wait_for_function("() => window.__area !== undefined", polling="raf", timeout=TIMEOUT_MS)
    page.focus("textarea[data-checker-input]")
    page.keyboard.press("Control+V")
    page.wait_for_function("() => window.__paste !== undefined", timeout=TIMEOUT_MS)
    probe = page.evaluate("window.__paste")
    assert probe["kind"] == "insertFromPaste" and probe["text"] == api.example_text(), probe["kind"]
    area = Decimal(str(page.evaluate("window.__area")))
    take = Decimal(str(probe["ms"])) - Decimal(str(probe["key"]))
    target.add("paste", area + take)
    target.add("paste_area", area)
    target.add("paste_take", take)
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    context.close()


def evaluate(browser: Browser, target: Target, times: int) -> None:
    context, page = fresh(browser)
    page.goto(f"{target.base}/checker/")
    page.wait_for_selector("[data-checker-state='ready']", state="attached", timeout=TIMEOUT_MS)
    page.click("[data-checker-example]")
    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
    for _ in range(times):
        page.evaluate("() => document.querySelector('[data-checker-state]').removeAttribute('data-checker-ms')")
        page.click("[data-checker-run]")
        page.wait_for_selector("[data-checker-state][data-checker-ms]", state="attached")
        target.add("evaluate", Decimal(page.get_attribute(CHECKER, "data-checker-ms") or ""))
    context.close()


def transferred(browser: Browser, url: str, wait: str | None) -> tuple[int, int]:
    """(encoded bytes received, requests) for one cold visit, until `wait` (or idle)."""
    context, page = fresh(browser)
    sizes: list[int] = []
    done = [False]

    def finished(request: object) -> None:
        # The service worker's own download of the site for offline use is not the page's.
        if not done[0] and request.service_worker is None:  # type: ignore[attr-defined]
            info = request.sizes()  # type: ignore[attr-defined]
            sizes.append(info["responseBodySize"] + info["responseHeadersSize"])

    context.on("requestfinished", finished)
    page.goto(url)
    if wait:
        page.wait_for_selector(wait, state="attached", timeout=TIMEOUT_MS)
    else:
        page.wait_for_load_state("networkidle")
    done[0] = True
    context.close()
    return sum(sizes), len(sizes)


MEASURES = ("cold", "paste", "eval", "bytes", "warm", "trace")


def progress(what: str, run: int, runs: int, target: Target) -> None:
    """One line on stderr per measure, run and target: a warm run takes minutes."""
    print(f"{time.strftime('%H:%M:%S')} {what} {run + 1}/{runs} {target.name}", file=sys.stderr, flush=True)


def measure(targets: list[Target], runs: int, only: tuple[str, ...] = MEASURES) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        settle()
        for run in range(runs if "cold" in only else 0):
            for target in targets:
                progress("cold", run, runs, target)
                cold(browser, target)
        for run in range(runs if "paste" in only else 0):
            for target in targets:
                progress("paste", run, runs, target)
                paste(browser, target)
        for target in targets:
            if "eval" in only:
                evaluate(browser, target, max(runs, 10))
            if "bytes" in only:
                target.results["doc_bytes"] = [transferred(browser, f"{target.base}/standard/", None)]
                target.results["checker_bytes"] = [transferred(browser, f"{target.base}/checker/",
                                                               "[data-checker-state='ready']")]
        browser.close()
        for run in range(runs if "warm" in only else 0):
            for target in targets:
                progress("warm", run, runs, target)
                warm(playwright, target)
                again(playwright, target)
        for run in range(runs if "trace" in only else 0):
            for target in targets:
                progress("trace", run, runs, target)
                trace_compile(playwright, target)


# ---------------------------------------------------------------------------
# Reporting


def med(values: list) -> Decimal:
    return statistics.median(values)


def report(targets: list[Target]) -> str:
    rows: list[tuple[str, list[str], str]] = []

    def row(label: str, cell, goal: str = "") -> None:  # noqa: ANN001
        def safe(target: Target) -> str:
            try:
                return cell(target)
            except (KeyError, statistics.StatisticsError):
                return "—"  # not measured for this target (a baseline without offline use)

        rows.append((label, [safe(t) for t in targets], goal))

    def ms(key: str):  # noqa: ANN202
        return lambda t: f"{med(t.results[key]):.0f} ms"

    def phase(label: str):  # noqa: ANN202
        return lambda t: " / ".join(f"{med(t.results[f'{visit}_phase:{label}']):.0f}"
                                    for visit in ("cold", "warm", "again")) + " ms"

    def visits(prefix: str):  # noqa: ANN202
        return lambda t: " / ".join(f"{med(t.results[f'{prefix}again_{n}']):.0f}" for n in range(2, AGAIN + 2)) + " ms"

    def ratio(a: str, b: str):  # noqa: ANN202
        return lambda t: f"{med(t.results[a]) / med(t.results[b]):.2f}x"

    row("checker page, cold: ready (median)", ms("cold"))
    row("bare stock Pyodide page, cold: ready (median)", ms("bare_cold"))
    row("checker / bare stock Pyodide, cold", ratio("cold", "bare_cold"), "<= 1.0x")
    row("RESTARTED browser: checker page, 2nd visit (same profile, new browser)", ms("warm"))
    row("RESTARTED browser: warm / cold (that profile's 1st visit)", ratio("warm", "profile_cold"), "<= 0.5x")
    row("RESTARTED browser: bare stock page, warm / cold", ratio("bare_warm", "bare_profile_cold"), "for comparison")
    row("RESTARTED browser: bare page that compiles & posts (as ours), cold / warm",
        lambda t: f"{med(t.results['bare_post_profile_cold']):.0f} / {med(t.results['bare_post_warm']):.0f} ms")
    row("RESTARTED browser: bare page that compiles & posts, warm / cold",
        ratio("bare_post_warm", "bare_post_profile_cold"), "the floor for Pyodide alone")
    row(f"SAME browser: checker page, 1st visit / visits 2..{AGAIN + 1} (median of all)",
        lambda t: f"{med(t.results['again_cold']):.0f} / {med(t.results['again']):.0f} ms")
    row("SAME browser: checker, by visit (median)", visits(""))
    row("SAME browser: checker again / cold", ratio("again", "again_cold"), "<= 0.5x")
    row("SAME browser: bare stock page, 1st / by visit", lambda t: f"{med(t.results['bare_again_cold']):.0f}; "
        + visits("bare_")(t))
    row("SAME browser: bare stock page, again / cold", ratio("bare_again", "bare_again_cold"), "for comparison")
    row("SAME browser: bare page that compiles & posts, 1st / by visit",
        lambda t: f"{med(t.results['bare_post_again_cold']):.0f}; " + visits("bare_post_")(t))
    row("SAME browser: bare page that compiles & posts, again / cold",
        ratio("bare_post_again", "bare_post_again_cold"), "the floor for Pyodide alone")
    for label, _, _ in PHASES:
        row(f"  phase, cold / restarted / same browser: {label}", phase(label))
    row("  phase, cold / restarted / same browser: page compile starts", phase("page compile starts"))
    row("  phase, cold / restarted / same browser: page compile (start → end)", phase("page compile (start → end)"))
    row("browser CPU until ready: checker cold / warm restarted / warm same browser (median)",
        lambda t: f"{med(t.results['cold_cpu']):.2f} / {med(t.results['warm_cpu']):.2f} / "
                  f"{med(t.results['again_cpu']):.2f} s")
    row("browser CPU, warm / cold: restarted; same browser",
        lambda t: f"{med(t.results['warm_cpu']) / med(t.results['profile_cold_cpu']):.2f}x; "
                  f"{med(t.results['again_cpu']) / med(t.results['again_cold_cpu']):.2f}x", "")
    row("browser CPU until ready: bare stock page, cold", lambda t: f"{med(t.results['bare_cold_cpu']):.2f} s")
    row("checker page, 3rd visit offline", ms("offline"))
    row("offline / online 2nd visit", ratio("offline", "warm"), "<= 1.0x")
    row("longest main-thread task, cold / warm (median)",
        lambda t: f"{med(t.results['cold_longest_task']):.0f} / {med(t.results['warm_longest_task']):.0f} ms")
    row("total blocking time to ready, cold / warm (median)",
        lambda t: f"{med(t.results['cold_tbt']):.0f} / {med(t.results['warm_tbt']):.0f} ms")
    row("page's compile on the main thread, cold: longest task / all (CPU)",
        lambda t: f"{med(t.results['cold_compile_task_cpu']):.0f} / {med(t.results['cold_compile_cpu']):.0f} ms",
        "no task over 50 ms")
    row("page's compile on the main thread, warm: longest task / all (CPU)",
        lambda t: f"{med(t.results['warm_compile_task_cpu']):.0f} / {med(t.results['warm_compile_cpu']):.0f} ms",
        "no task over 50 ms")
    row("  the same longest tasks in wall time, cold / warm",
        lambda t: f"{med(t.results['cold_compile_task_wall']):.0f} / {med(t.results['warm_compile_task_wall']):.0f} ms")
    row("wasm code cache (trace): runs whose 1st visit wrote it / whose 2nd read it",
        lambda t: f"{sum(1 for n in t.results['cold_wasm_serialized'] if n)} / "
                  f"{sum(1 for n in t.results['warm_wasm_deserialized'] if n)} of {len(t.results['warm_wasm_deserialized'])}",
        "every run")
    row("functions compiled lazily on first call (CPU), cold / warm",
        lambda t: f"{med(t.results['cold_wasm_lazy_cpu']):.0f} / {med(t.results['warm_wasm_lazy_cpu']):.0f} ms")
    row("paste accepted (worst of runs)", lambda t: f"{max(t.results['paste']):.0f} ms", "< 300 ms")
    row("  = text area on screen + a real paste taken (worst)",
        lambda t: f"{max(t.results['paste_area']):.0f} + {max(t.results['paste_take']):.0f} ms")
    row("full application evaluated once ready (median / max)",
        lambda t: f"{med(t.results['evaluate']):.1f} / {max(t.results['evaluate']):.1f} ms", "< 50 ms")
    row("doc page (/standard/) on the wire",
        lambda t: f"{t.results['doc_bytes'][0][0] / 1024:,.0f} KiB / {t.results['doc_bytes'][0][1]} req")
    row("checker page on the wire until ready",
        lambda t: f"{t.results['checker_bytes'][0][0] / 1024:,.0f} KiB / {t.results['checker_bytes'][0][1]} req",
        "<= 6,000 KiB")
    width = max(len(r[0]) for r in rows)
    cols = [max(len(t.name), *(len(r[1][i]) for r in rows)) for i, t in enumerate(targets)]
    head = f"{'measure':<{width}}  " + "  ".join(f"{t.name:>{c}}" for t, c in zip(targets, cols)) + "  goal"
    lines = [head, "-" * len(head)]
    lines += [f"{label:<{width}}  " + "  ".join(f"{v:>{c}}" for v, c in zip(values, cols)) + f"  {goal}"
              for label, values, goal in rows]
    lines += cross(targets)
    network = f"emulated {MBPS:g} Mbit/s, 20 ms" if MBPS else "loopback, no throttling"
    lines.append(f"(network: {network}; {RUNS} runs per measure, medians; load average before: {LOAD})")
    return "\n".join(lines)


def cross(targets: list[Target]) -> list[str]:
    """Ratios between targets: server against server, build against baseline."""
    lines = []
    by = {(t.site, t.server): t for t in targets}
    for site in dict.fromkeys(t.site for t in targets):
        if (site, "nginx") in by and (site, "http") in by and by[(site, "http")].results.get("cold"):
            n, h = by[(site, "nginx")], by[(site, "http")]
            lines.append(f"{site}: cold ready behind nginx / behind http.server: "
                         f"{med(n.results['cold']) / med(h.results['cold']):.2f}x (goal <= 0.5x at 10 Mbit/s)")
    for server in dict.fromkeys(t.server for t in targets):
        if ("this build", server) in by and ("baseline", server) in by:
            n, b = by[("this build", server)], by[("baseline", server)]
            for key in [k for k in ("cold", "warm", "again") if n.results.get(k)]:
                lines.append(f"{server}: this build / baseline, {key}: "
                             f"{med(n.results[key]) / med(b.results[key]):.2f}x")
    return lines


LOAD = ""
RUNS = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--baseline", type=Path, help="another built site to measure beside it (e.g. main's)")
    parser.add_argument("--servers", default="http", help="any of http, serve, nginx, e.g. http,serve,nginx (default: http)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (medians reported)")
    parser.add_argument("--mbps", type=float, help="emulate a link of this many Mbit/s (+20 ms latency)")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"measures to take (default: all of {','.join(MEASURES)})")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    args = parser.parse_args()
    global MBPS, LOAD, RUNS
    MBPS, RUNS = args.mbps, args.runs
    LOAD = Path("/proc/loadavg").read_text().split(" ")[0] if Path("/proc/loadavg").exists() else "?"
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        site = args.site
        if site is None:
            site = work / "site"
            build_site(site)
        sites = {"this build": site}
        if args.baseline:
            sites["baseline"] = args.baseline
        targets = []
        for label, path in sites.items():
            for server in servers:
                folder = work / f"{len(targets)}"
                folder.mkdir()
                targets.append(Target(label, server, stage(path.resolve(), folder, compress=server == "nginx")))
        for target in targets:
            serve(target)
        try:
            measure(targets, args.runs, tuple(m.strip() for m in args.only.split(",")))
        finally:
            for target in targets:
                target.stop()  # type: ignore[operator]
    print(report(targets))
    if args.json:
        print(json.dumps({t.name: t.results for t in targets}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
