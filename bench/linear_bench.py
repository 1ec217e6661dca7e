"""CPU time per kilobyte of every linear-time attack at 100 KB (a script, not a test).

    .venv/bin/python -m bench.linear_bench [--tries N]

The attacks are tests/intake/test_parse_linear.py's (each pattern's tokens with a long
run of one filler between them, in every context that reaches the pattern). Each text
goes through everything a text can meet: the checker (parser and checks, so the
集群简介's patterns too) and the 批量初审's wide table. Printed per pattern: its worst
CPU ms per KB (this process, ``time.process_time``; the least of ``--tries`` reads, as
another process's load inflates one read, not every read) with the tokens and filler
that gave it. The suite measures work instead (lines executed, n against 2n and 4n):
what it cannot see, a regular expression backtracking inside one call, shows here.
When it was a test's budget the worst was 0.24 ms/KB (year pairs in a 标签：值 line,
load average 5); a quadratic pattern is orders of magnitude above that at this size.
"""

from __future__ import annotations

import argparse
import os
import time

from checker.api import check_text
from checker.intake.wide import is_wide, split_wide
from tests.intake.test_parse_linear import ATTACKS, FILLERS, between


def read(text: str) -> None:
    check_text(text)
    if is_wide(text):
        split_wide(text)


def cpu_ms_per_kb(text: str, tries: int) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        read(text)
        best = min(best, (time.process_time() - start) * 1000)
    return best / (len(text.encode("utf-8")) / 1000)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tries", type=int, default=3)
    tries = ap.parse_args().tries
    print(f"load average {os.getloadavg()[0]:.2f}")
    read("集群名称：预热")  # tables are built once per process
    rows = []
    for name, (token_lists, contexts) in ATTACKS.items():
        worst = max((cpu_ms_per_kb(ctx(between(tokens, f)), tries), f, "".join(tokens)[:12])
                    for tokens in token_lists for ctx in contexts for f in FILLERS)
        rows.append((worst[0], name, worst[1], worst[2]))
    for ms, name, filler, tokens in sorted(rows, reverse=True):
        print(f"{name:28s} worst {ms:7.3f} ms/KB CPU (tokens {tokens!r}, filler {filler!r})")


if __name__ == "__main__":
    main()
