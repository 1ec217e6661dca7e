"""Pytest plugin: wall and CPU time of every test and every test file.

Use: ``pytest -p tests.support.timing`` (``TEST_TIMES=path.json`` writes the figures),
in one process or with pytest-xdist (each figure is taken in the worker that ran the test).
CPU is this process's plus its waited-for children's (``RUSAGE_CHILDREN``: node,
soffice, mkdocs; Chromium's only when Playwright's driver exits at session end),
which varies far less than wall time on a machine shared with other jobs. Set-up
and tear-down are counted with the test that triggers them (a session fixture's
cost lands on its first user).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections import defaultdict

import pytest

_times: dict[str, list[float]] = {}  # nodeid -> [wall, CPU], in the process that reports
_started: dict[str, tuple[float, float]] = {}  # nodeid -> (wall, CPU) at the start, where it runs
KEY = "timing"  # of the figures in the teardown report's user_properties


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _started[item.nodeid] = (time.perf_counter(), _cpu())
    yield


# The figures travel in the test's last report, which pytest-xdist sends from the
# worker that ran the test to the controller, which prints them.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "teardown" and item.nodeid in _started:
        wall, cpu = _started.pop(item.nodeid)
        outcome.get_result().user_properties.append((KEY, [time.perf_counter() - wall, _cpu() - cpu]))


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        for name, value in report.user_properties:
            if name == KEY:
                _times[report.nodeid] = list(value)


def by_file(times: dict[str, list[float]]) -> dict[str, list[float]]:
    files: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for nodeid, (wall, cpu) in times.items():
        row = files[nodeid.split("::", 1)[0]]
        row[0] += 1
        row[1] += wall
        row[2] += cpu
    return dict(files)


def pytest_terminal_summary(terminalreporter):
    if not _times:
        return
    files = by_file(_times)
    write = terminalreporter.write_line
    terminalreporter.section("time per file (wall s, CPU s incl. children)")
    for name, (count, wall, cpu) in sorted(files.items(), key=lambda kv: -kv[1][1]):
        write(f"{wall:8.1f} {cpu:8.1f} {count:5d}  {name}")
    write(f"{sum(r[1] for r in files.values()):8.1f} {sum(r[2] for r in files.values()):8.1f} "
          f"{sum(r[0] for r in files.values()):5d}  total")
    if os.environ.get("TEST_TIMES") and not hasattr(terminalreporter.config, "workerinput"):
        with open(os.environ["TEST_TIMES"], "w", encoding="utf-8") as out:
            json.dump({"tests": _times, "files": files}, out, indent=1)
