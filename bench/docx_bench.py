"""Benchmark of reading the Word 申报表 (a script, not a timed test).

    .venv/bin/python -m bench.docx_bench [--runs N] [--site site]

CPython: a full 申报表 .docx read and checked (our template filled, the official layout),
its clipboard HTML, a 30 MB .docx full of pictures, and 50 .docx screened by the
批量初审's Python. With ``--site`` (a built site, ``make build``): the same in Chromium
once Python is ready, on the 在线自评 page (Python's time in the worker, and the page's
time from choosing the file to the report shown) and 50 .docx on the 批量初审 page.
Targets (issue 10): < 150 ms CPython, < 500 ms in the browser once ready, 50 .docx < 10 s,
the 30 MB file refused or read in < 2 s. Figures are medians; the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import zipfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from checker import api  # noqa: E402
from tests.intake.docx.hostile import replace_part  # noqa: E402
from tests.intake.docx.official_layout import build  # noqa: E402
from tests.intake.docx.template_filler import application_form, fill_template  # noqa: E402
from tests.intake.docx.word_html import word_clipboard_html  # noqa: E402


def documents() -> dict[str, bytes]:
    from checker.law.pack import load_catalogue
    from forms.application_docx import build_application_docx

    form = application_form(json.loads(api.example_text(), parse_float=Decimal))
    template = fill_template(build_application_docx(load_catalogue()), form)
    media = {f"word/media/image{i}.png": os.urandom(3 * 1024 * 1024) for i in range(10)}
    return {"template": template, "official": build(form, "sdt"),
            "pictures": replace_part(template, "", b"", media, compression=zipfile.ZIP_STORED)}


def ms(seconds: float) -> str:
    return f"{Decimal(seconds * 1000).quantize(Decimal('0.1'))} ms"


def median_of(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cpython(docs: dict[str, bytes], runs: int) -> None:
    from checker.batch.screen import screen

    html = word_clipboard_html(docs["official"])
    rows = [
        ("our template filled (.docx, %d KB)" % (len(docs["template"]) // 1024),
         lambda: api.check_file(docs["template"], "a.docx")),
        ("official layout (.docx)", lambda: api.check_file(docs["official"], "a.docx")),
        ("Word clipboard HTML (%d KB)" % (len(html) // 1024), lambda: api.check_html(html)),
        ("30 MB .docx with pictures (%d MB)" % (len(docs["pictures"]) // 2**20),
         lambda: api.check_file(docs["pictures"], "a.docx")),
    ]
    print("CPython (read + check, median of %d):" % runs)
    for name, fn in rows:
        fn()  # warm: imports, compiled patterns
        print(f"  {name:45s} {ms(median_of(fn, runs))}")
    batch = [(f"{i}.docx", docs["template"] if i % 2 else docs["official"]) for i in range(50)]
    print(f"  {'50 .docx screened (批量初审 Python)':45s} {ms(median_of(lambda: screen(batch), max(1, runs // 5)))}")


def browser(site: Path, docs: dict[str, bytes], runs: int) -> None:
    from bench.browser_bench import Target, serve  # the same static server as the page benchmark
    from playwright.sync_api import sync_playwright

    target = Target("this build", "http", site)
    serve(target)
    origin = target.base
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = chromium.new_page()
            page.set_default_timeout(120_000)
            page.goto(f"{origin}/checker/")
            page.wait_for_selector("[data-checker-state='ready']", state="attached")
            print("Chromium, 在线自评 once ready (median of %d):" % runs)
            for name in ("template", "official", "pictures"):
                python_ms, page_ms = [], []
                for _ in range(runs):
                    page.evaluate("document.querySelector('[data-checker-verdict]').dataset.verdict = ''")
                    page.set_input_files("[data-checker-file]", files=[{
                        "name": f"{name}.docx", "mimeType": "application/octet-stream", "buffer": docs[name]}])
                    page.wait_for_selector("[data-checker-verdict][data-verdict='eligible']", state="attached")
                    page.wait_for_function("() => document.querySelector('[data-checker-state]').dataset.checkerFileMs")
                    page_ms.append(float(page.get_attribute("[data-checker-state]", "data-checker-file-ms")))
                    python_ms.append(float(page.get_attribute("[data-checker-state]", "data-checker-ms")))
                    page.evaluate("delete document.querySelector('[data-checker-state]').dataset.checkerFileMs")
                print(f"  {name:12s} Python in the worker {Decimal(statistics.median(python_ms)).quantize(Decimal('0.1'))} ms, "
                      f"file chosen → report shown {Decimal(statistics.median(page_ms)).quantize(Decimal('0.1'))} ms")
            page.goto(f"{origin}/batch/")
            page.wait_for_selector("[data-batch-state='ready']", state="attached")
            page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchWorkersReady"
                                   " === document.querySelector('[data-batch-state]').dataset.batchWorkersStarted")
            files = [{"name": f"{i}.docx", "mimeType": "application/octet-stream",
                      "buffer": docs["template"] if i % 2 else docs["official"]} for i in range(50)]
            page.set_input_files("[data-batch-files]", files=files)
            page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '50'")
            roundtrip = page.get_attribute("[data-batch-state]", "data-batch-roundtrip-ms")
            workers = page.get_attribute("[data-batch-state]", "data-batch-workers")
            print(f"Chromium, 批量初审: 50 .docx screened in {roundtrip} ms ({workers} worker(s))")
            chromium.close()
    finally:
        target.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--site", type=Path, help="a built site: also measure in Chromium")
    args = ap.parse_args()
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    docs = documents()
    cpython(docs, args.runs)
    if args.site:
        browser(args.site, docs, max(3, args.runs // 3))


if __name__ == "__main__":
    main()
