"""The 批量初审 with 100 applications: CPython, and the page in Chromium (a script, not a test).

    .venv/bin/python -m bench.batch_bench [--site SITE] [--runs N]

CPython: ``checker.batch.screen`` on 100 distinct applications (tests/batch/batch_apps.py's
``hundred_items``), once imports and tables are warm, as "once Python is ready" in the
browser. With ``--site`` (a built site): the 批量初审 page served by http.server on a
loopback port, each run in a fresh profile, once every worker it started is ready,
with its default workers (one, plus one helper per two cores beyond two) and with
``?workers=2``: the page's own round trip (``data-batch-roundtrip-ms``), Python's share
(``data-batch-python-ms``) and the wall time from choosing the files to the table.
The issue's target: 100 in under 3 s once ready. Medians; the load average is printed.
These were tests (tests/batch/test_batch_bench.py, tests/browser/test_batch_page.py's
hundred) until this bench: figures, not verdicts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from checker.batch.screen import screen
from tests.batch.batch_apps import hundred_items

BROWSER_TARGET_S = 3.0
READY_MS = 180_000


def cpython(runs: int) -> None:
    items = hundred_items()
    screen(items[:2])  # imports and caches, as "once Python is ready" in the browser
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        result = screen(items)
        seconds.append(time.perf_counter() - start)
        assert len(result["rows"]) == len(items)
    print(f"批量初审 CPython: {len(items)} applications screened, median {statistics.median(seconds):.3f} s "
          f"(min {min(seconds):.3f}, {runs} runs)")


def hundred_in_the_page(browser, origin: str, query: str) -> tuple[float, float, int, float]:  # noqa: ANN001
    """(round trip s, Python s, workers, files-to-table wall s) of one run in a fresh profile."""
    from tests.browser.browser_options import CONTEXT

    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    page.set_default_timeout(READY_MS)
    try:
        page.goto(f"{origin}/batch/{query}")
        page.wait_for_selector("[data-batch-state='ready']", state="attached")
        page.wait_for_function("""() => { const d = document.querySelector('[data-batch-state]').dataset;
            return d.batchWorkersReady === d.batchWorkersStarted; }""")
        items = hundred_items()
        files = [{"name": n, "mimeType": "application/json", "buffer": b} for n, b in items]
        # The first batch after ready: the worker warmed itself up before saying so.
        started = time.perf_counter()
        page.set_input_files("[data-batch-files]", files)
        page.wait_for_function(
            f"() => document.querySelector('[data-batch-state]').dataset.batchScreened === '{len(items)}'")
        wall = time.perf_counter() - started
        root = page.locator("[data-batch-state]")
        assert page.locator("[data-batch-body] tr").count() == len(items)
        return (float(root.get_attribute("data-batch-roundtrip-ms")) / 1000,
                float(root.get_attribute("data-batch-python-ms")) / 1000,
                int(root.get_attribute("data-batch-workers")), wall)
    finally:
        context.close()


def browser(site: Path, runs: int) -> None:
    from bench.browser_bench import Target, serve  # the same static server as the page benchmark
    from playwright.sync_api import sync_playwright

    target = Target("this build", "http", site)
    serve(target)
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            for label, query in (("default workers", ""), ("?workers=2", "?workers=2")):
                got = [hundred_in_the_page(chromium, target.base, query) for _ in range(runs)]
                trip, python_s, wall = (statistics.median(g[i] for g in got) for i in (0, 1, 3))
                print(f"批量初审 browser, {label} ({got[0][2]} worker(s)): 100 applications screened in "
                      f"{trip:.3f} s (Python {python_s:.3f} s; files-to-table {wall:.3f} s; median of {runs}; "
                      f"target < {BROWSER_TARGET_S} s)")
            chromium.close()
    finally:
        target.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site: also measure the page in Chromium")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure in the browser (CPython: 5x as many)")
    args = ap.parse_args()
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    cpython(args.runs * 5)
    if args.site:
        browser(args.site, args.runs)


if __name__ == "__main__":
    main()
