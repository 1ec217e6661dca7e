"""CPython benchmark of the 批量初审: 100 applications screened.

Run alone to see the figure: ``.venv/bin/python tests/batch/test_batch_bench.py``
(or ``pytest tests/batch/test_batch_bench.py -s``). The browser goal is 100 in
under 3 s once Python is ready; CPython should be well inside it. The figure is printed,
never asserted: speed belongs in benchmarks (GUIDE), the test pins the behaviour.
"""

from __future__ import annotations

import time
from pathlib import Path


from tests.batch import batch_apps  # noqa: E402
from checker.batch.screen import screen  # noqa: E402

COUNT = 100


def hundred_items() -> list[tuple[str, bytes]]:
    """100 distinct applications: the four readable kinds, names and figures varied."""
    apps = batch_apps.applications()
    kinds = list(apps)
    items = []
    for n in range(COUNT):
        app = batch_apps._named(apps[kinds[n % len(kinds)]], f"湖北省样例市第{n + 1}区样例产业集群")
        out = app["industry"]["total_output"]
        out["2023"] = out["2023"] + n  # a different weakest margin for each
        items.append((f"{n + 1:03d}.json", batch_apps.dumps(app).encode("utf-8")))
    return items


def measure() -> tuple[float, dict]:
    items = hundred_items()
    screen(items[:2])  # imports and caches, as "once Python is ready" in the browser
    start = time.perf_counter()
    result = screen(items)
    return time.perf_counter() - start, result


def test_hundred_applications_are_all_screened():
    seconds, result = measure()
    print(f"\n批量初审 CPython: {COUNT} applications screened in {seconds:.3f} s")
    assert len(result["rows"]) == COUNT and result["unreadable"] == []


if __name__ == "__main__":
    seconds, _ = measure()
    print(f"批量初审 CPython: {COUNT} applications screened in {seconds:.3f} s")
