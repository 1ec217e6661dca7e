"""The attacks of the hostile-input run (issue 15) that the reader and the exports answer,
each in a fresh interpreter: CPU time and peak memory (a script, not a timed test).

    .venv/bin/python bench/hostile_bench.py

Printed per attack: the CPU seconds of the run (parse, checks, report; for an export,
screening and writing the file) and the peak resident memory of the process, beside the
same interpreter doing nothing but importing the checker (the baseline line).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTACKS = {
    "baseline (import, check the example)": "check_text(api.example_text())",
    "标签：值 line, 2021 + 2 000 spaces + ，2022 年 (was 23 s)":
        "check_text('集群总产值（亿元）：2021' + ' ' * 2000 + '，2022 年')",
    "same, 2 MB of spaces":
        "check_text('集群总产值（亿元）：2021' + ' ' * 2_000_000 + '，2022 年')",
    "unterminated JSON string of 20 000 \\\" (40 KB, was 9.8 s)":
        "check_text('{\"a\": \"' + '\\\\\"' * 20_000)",
    "unterminated JSON string, 200 KB (was > 120 s)":
        "check_text('{\"a\": \"' + '\\\\\"' * 100_000)",
    "\"数量x\" + 32 000 spaces + \"y\" (was 23 s)":
        "check_text(json.dumps({'open': {'overseas_branches': '数量x' + ' ' * 32_000 + 'y'}}))",
    "wide table label with 100 000 tabs":
        "screen([('w.txt', '键\\t甲\\t乙\\n集群总产值（2021' + '\\t' * 100_000 + 'x\\t1\\t2\\n')])",
    "lone surrogate {\"land_area_km2\": \"\\ud800\"} (was a traceback)":
        "json.dumps(check_text('{\"basic\":{\"land_area_km2\":\"\\\\ud800\"}}'), ensure_ascii=False).encode()",
    "comparison .xlsx + .csv of 10 hostile names":
        "r = screen([(f'=1+{i}.json', api.example_text().replace('样例区', '=HYPERLINK(\"x\")')) for i in range(10)]);"
        " comparison_xlsx(r); comparison_csv(r)",
}
PROBE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from checker import api
from checker.api import check_text
from checker.batch import screen
from checker.summary_export import comparison_csv, comparison_xlsx
check_text(api.example_text())  # tables built, as in a warm page
start = time.process_time()
{code}
spent = time.process_time() - start
print(json.dumps({{"cpu": spent, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f}")
    for name, code in ATTACKS.items():
        done = subprocess.run([sys.executable, "-c", PROBE.format(root=str(ROOT), code=code)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode:
            print(f"{name}: failed\n{done.stderr[-2000:]}")
            continue
        got = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{name:62s} {got['cpu']:8.3f} s CPU  {got['rss_kb'] / 1024:7.1f} MiB peak")


if __name__ == "__main__":
    main()
