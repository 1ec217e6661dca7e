"""Benchmark of the checker core (a script, not a timed test).

    .venv/bin/python -m bench.checker_bench [--runs N]

Prints the median time to parse and evaluate the full example application (target:
< 5 ms in CPython), the evaluation alone, the report's JSON, the time for 1 MB of
hostile text (target: < 1 s), and the CPU time of each absurd input the suite reads
(tests/intake/test_parse_hostile.py's megabytes, tests/judge/test_evaluator_robustness.py's
figures and huge text, tests/intake/test_parse_marks.py's 100 000 duplicate keys; the
tests had CPU budgets of 1 s, 1 s and 5 s before, and keep hang guards).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path


from checker import api  # noqa: E402
from checker.judge.evaluate import report_dict  # noqa: E402
from checker.law.pack import load_catalogue  # noqa: E402


def hostile_text(size: int = 1_000_000) -> str:
    """HTML and script, 100 000-digit numbers, deep brackets, control characters, rows."""
    pieces = [
        "<script>alert('x')</script><img src=x onerror=alert(1)>\n",
        "集群总产值（亿元）\t" + "9" * 100_000 + "\t１２．５０％\t-\n",
        "[" * 50_000 + "\n",
        "{\"industry\": {\"total_output\": {\"" + load_catalogue().years[0] + "\": " + "1" * 20_000 + "}}}\n",
        "\x00\x01\x02\x1b[31m控制字符\u202e\ufeff\n",
        "集群占地面积(平方公里)：1,234,567.891 平方公里\n",
        "industry.chain_actions.chain_map\t\t\t☑\n",
    ]
    out, n = [], 0
    while n < size:
        for p in pieces:
            out.append(p)
            n += len(p)
    return "".join(out)[:size]


CPU: list[float] = []


def timed(fn, runs: int) -> list[float]:
    """Wall times; the process CPU times of the same runs go to CPU (load-independent)."""
    times = []
    CPU.clear()
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        CPU.append(time.process_time() - cpu)
    return times


def cpu_median() -> str:
    return f"CPU median {statistics.median(CPU) * 1000:.2f} ms"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=300)
    args = ap.parse_args()
    text = api.example_text()
    try:
        from checker.intake.parse import parse
    except ImportError:
        parse = None
    load = f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"
    print(f"Python {sys.version.split()[0]}, load average {load} on {os.cpu_count()} CPUs "
          "(medians are only comparable on a quiet machine)")
    if parse is not None:
        api.check_text(text)  # warm: rules, catalogue and tables load once
        app = parse(text)
        full = timed(lambda: api.check_text(text), args.runs)
        print(f"parse + evaluate, full example (api.check_text): median {statistics.median(full) * 1000:.2f} ms "
              f"(min {min(full) * 1000:.2f}, {cpu_median()}, {args.runs} runs)")
        parse_only = timed(lambda: parse(text), args.runs)
        print(f"parse alone: median {statistics.median(parse_only) * 1000:.2f} ms ({cpu_median()})")
    else:
        print("checker.intake.parse is not available: timing the evaluation alone")
        from tests.judge.appbuild import application_from

        app = application_from(json.loads(text, parse_float=Decimal, parse_int=Decimal))
        report_dict(app)
    ev = timed(lambda: report_dict(app), args.runs)
    print(f"evaluate alone (report dict): median {statistics.median(ev) * 1000:.2f} ms ({cpu_median()})")
    if parse is not None:
        hostile = hostile_text()
        start = time.perf_counter()
        report = api.check_text(hostile)
        took = time.perf_counter() - start
        print(f"1 MB hostile text ({len(hostile.encode('utf-8'))} bytes UTF-8): {took:.3f} s, "
              f"{len(report['findings'])} findings, verdict {report['verdict']}")
        suite_inputs()
    return 0


def suite_inputs() -> None:
    from checker.intake.parse import parse
    from checker.judge.report import evaluate
    from tests.intake.test_parse_hostile import HOSTILE
    from tests.intake.test_parse_marks import many_duplicate_keys
    from tests.judge.test_evaluator_robustness import ABSURD, _all_numbers, huge_text_application

    def cpu_s(fn) -> float:  # noqa: ANN001
        start = time.process_time()
        fn()
        return time.process_time() - start

    rows = [(f"parse, 1 MB {name}", cpu_s(lambda text=text: parse(text))) for name, text in sorted(HOSTILE.items())]
    rows += [(f"evaluate, every figure {name}", cpu_s(lambda app=_all_numbers(v): evaluate(app))) for name, v in ABSURD.items()]
    rows.append(("evaluate, 500 000 字 of plan text", cpu_s(lambda app=huge_text_application(): evaluate(app))))
    text = many_duplicate_keys()
    rows.append(("parse, 100 000 duplicate JSON keys", cpu_s(lambda: parse(text))))
    print("the suite's absurd inputs, CPU seconds (worst first):")
    for name, spent in sorted(rows, key=lambda row: -row[1]):
        print(f"  {name:48s} {spent:7.3f} s")


if __name__ == "__main__":
    raise SystemExit(main())
