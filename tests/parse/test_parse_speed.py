"""Speed: the example application parses in under 2 ms (median CPU time, CPython);
the suite holds a generous budget, the figures are printed by running this module.

CPU time of this process, not wall time, so parallel test runs do not make it flaky.
``python -m tests.parse.test_parse_speed`` prints the figures.
"""

from __future__ import annotations

import json
import statistics
import time
from decimal import Decimal
from pathlib import Path

from checker.parse import parse

EXAMPLE = (Path(__file__).resolve().parents[2] / "checker" / "data" / "example-application.json").read_text("utf-8")


def median_ms(text: str, rounds: int = 300) -> float:
    parse(text)  # tables are built once per process
    times = []
    for _ in range(rounds):
        start = time.process_time_ns()
        parse(text)
        times.append(time.process_time_ns() - start)
    return statistics.median(times) / 1e6


# The targets are 2 ms (JSON) and 5 ms (rows); ``python -m tests.parse.test_parse_speed``
# prints the figures. The suite asserts 10x the targets (GUIDE: generous CPU budgets
# only): on the shared 2-core machine, at load 8-12, CPU time itself varied 1.3-6 ms for
# the same parse, and the 1.1x margins failed make test on code they did not measure.
BUDGET = 10


def test_example_json_parses_within_budget():
    assert median_ms(EXAMPLE) < 2.0 * BUDGET


def test_example_row_contract_parses_within_budget():
    from tests.parse.render import to_tsv

    assert median_ms(to_tsv(json.loads(EXAMPLE, parse_float=Decimal)), 100) < 5.0 * BUDGET


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.parse.render import to_lines, to_tsv

    doc = json.loads(EXAMPLE, parse_float=Decimal)
    for name, text in (("json", EXAMPLE), ("tsv", to_tsv(doc)), ("tsv-labels", to_tsv(doc, keys=False)),
                       ("lines", to_lines(doc))):
        print(f"{name:10s} median {median_ms(text):.3f} ms CPU")
