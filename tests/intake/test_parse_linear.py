"""Linear time: every pattern that sees user text, fed the input built to make it backtrack.

For each regular expression (or string scan) of the readers, the tokens it looks for are
written with a long run of one filler (blanks, tabs, quotes, digits, separators, colons)
between every pair, and with no terminator; each text (about 100 KB) goes through the reader
that applies the pattern, in the context that reaches it (a 标签：值 line, a JSON string, a
pasted cell, the 集群简介, a wide table). The CPU time per kilobyte must stay under a budget
ten times the worst measured (``python -m tests.intake.test_parse_linear`` prints the figures):
a quadratic pattern misses it by orders of magnitude at this size. CPU time of this process
(``time.process_time``), never wall time: other tests run beside these.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from contextlib import contextmanager
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checker.api import check_text
from checker.intake.wide import is_wide, split_wide
from tests.support.properties import examples

# Hundreds of reads of 100 KB texts: out of make test-fast's quick loop.
pytestmark = pytest.mark.slow

SIZE = 100_000
# 10x the worst figure measured (0.24 ms/KB: year pairs in a 标签：值 line; load average 5).
BUDGET_MS_PER_KB = 2.5
# What any call costs whatever its size (tables, the report): for the small random texts.
FIXED_MS = 60
FILLERS = (" ", "\t", "\u3000", '"', '\\"', "0", ",", "：", "、", "/", "\\")


def between(tokens: list[str], filler: str, size: int = SIZE) -> str:
    """The tokens with one long run of ``filler`` between every pair (and after the last)."""
    run = filler * max(1, size // len(tokens))
    return run.join(tokens) + run


def _json(section: str, key: str) -> Callable[[str], str]:
    return lambda payload: json.dumps({section: {key: payload}}, ensure_ascii=False)


def _line(label: str) -> Callable[[str], str]:
    return lambda payload: f"{label}：{payload}\n"


def _cell(label: str) -> Callable[[str], str]:
    return lambda payload: f"{label}\t{payload}\n"


# pattern -> (token lists: what it looks for, with the shape that makes it fail; the
# contexts that bring a text to it)
Attack = tuple[list[list[str]], list[Callable[[str], str]]]
YEARLY = _line("集群总产值（亿元）")
ATTACKS: dict[str, Attack] = {
    "fill._YEAR_PAIRS": ([["2021", "，2022 年"], ["2021", "年", "度", "：", "1"], ["2021", "年", "，"]],
                         [YEARLY, _cell("集群总产值（亿元）")]),
    "fill._SEPARATORS": ([["1", "x"], ["1", "/", "2", "；", "3"]], [YEARLY]),
    "from_json._STRING": ([['"', "\\"], ['\\"'], ['"', "["]],
                          [lambda p: '{"basic": {"cluster_name": "' + p, lambda p: "[" + p]),
    "values.read_named": ([["数量x", "y"], ["数量", "：", "2", "个", "名称", "：", "甲"]],
                          [_json("open", "overseas_branches"), _line("集群或集群内企业在境外设立分支机构数量")]),
    "values.count_then_names": ([["2", "个", "x"], ["2", "个", "（", "甲", "）"]], [_json("governance", "alliances")]),
    "values._TAG": ([["<", "/", "1"], ["<", "/", "b", ">"]], [_json("industry", "chain_text"), _line("集群产业链强链补链情况")]),
    "values._NOTE": ([["（", "注", "x"], ["（", "注", "需提供", "清单", "）"]],
                     [_json("basic", "land_area_km2"), _json("open", "overseas_branches")]),
    "values._NUMBER": ([["1", ",", "234", ".", "5", "e", "1", "亿元"], ["1", "x"]], [_json("basic", "land_area_km2")]),
    "values._NUMBER scale": ([["1", "万", "吨"], ["1", "亿", "x"]], [_json("innovation", "employees"), YEARLY]),
    "values.split_remark": ([["1", "（", "含", "）"], ["(", "1", ")", "x"]],
                            [_json("basic", "land_area_km2"), _json("basic", "misconduct")]),
    "values._HEDGE": ([["约", "1", "左右"], ["1", "多", "x"]], [_json("basic", "land_area_km2")]),
    "values.ticked": ([["☑", "是", "☐", "否", "：", "√"], ["是", "√", "否"]],
                      [_json("basic", "misconduct"), _line("集群已开展的产业链强链补链工作")]),
    "values.read_checks": ([["绘制产业链图谱", "、", "chain_map", "；", "x"]], [_line("集群已开展的产业链强链补链工作")]),
    "rows._KEY_LINE": ([["a.b", "x"], ["basic.land_area_km2", "=", "：", "1"]], [lambda p: p + "\n"]),
    "rows._BLANK_VALUE": ([["集群占地面积(平方公里)", "x"], ["x", "1"]], [lambda p: p + "\n"]),
    "rows._LEAD": ([["#", "-", ">", "x"]], [lambda p: p + "\n"]),
    "rows.split_rows": ([['"', "\t", '""', "x"], ['"x', '"']], [lambda p: p + "\n" + "集群名称\t甲\n"]),
    "rows._line colons": ([["集群", "：", "名称", ":"]], [lambda p: p + "\n"]),
    "tables._YEAR_SUFFIX": ([["集群总产值", "(", "2021", "年", ")"], ["集群总产值", "2021", "x"]], [lambda p: p + "\t1\n"]),
    "fill.fill_region": ([["湖北省", "(", "区、市", ")", "样例市"]], [_line("所属地区")]),
    "form._SUMMARY": ([["总产值", "1", "x"], ["中小企业", "1", "x"], ["小巨人", "”", "企业", "1", "x"],
                       ["万人发明专利拥有量", "1", "x"], ["有效发明专利", "1", "x"],
                       ["总产值", "为", "1", "亿元", "中小企业", "有", "2", "家"]], [_json("summary", "intro")]),
    "batch_wide._year_of_label": ([["集群总产值", "（", "2021", "x"], ["x", "2021"], ["集群总产值", "（", "2021", "年", "）"]],
                                  [lambda p: "键\t甲\t乙\n" + p + "\t1\t2\n"]),
}
CASES = [pytest.param(name, t, c, filler, id=f"{name}-{t}-{c}-{filler!r}")
         for name, (token_lists, contexts) in ATTACKS.items() for t in range(len(token_lists))
         for c in range(len(contexts)) for filler in FILLERS]


def read(text: str) -> None:
    """Every reader a text can meet: the checker (parser and checks) and the 批量初审's wide table."""
    check_text(text)
    if is_wide(text):
        split_wide(text)


class OverBudget(Exception):
    pass


@contextmanager
def cpu_limit(seconds: float):
    """Stop a read that has used ``seconds`` of CPU (SIGPROF counts this process's CPU
    time): a pattern gone quadratic fails the test at once instead of hanging the suite."""
    def stop(signum, frame):
        raise OverBudget(f"over {seconds:.2f} s of CPU")
    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


TRIES = 3


def cpu_ms(text: str, budget_ms: float, limit_ms: float) -> float:
    """The least CPU of up to TRIES reads of ``text`` (each stopped past ``limit_ms``),
    stopping at the first within ``budget_ms``: another process's load can inflate one
    read's CPU time (a run at load 12 saw 30x), not every read's, while a pattern gone
    quadratic fails all of them."""
    best = float("inf")
    for attempt in range(TRIES):
        start = time.process_time()
        try:
            with cpu_limit(limit_ms / 1000):
                read(text)
        except OverBudget:
            if attempt == TRIES - 1:
                raise
        best = min(best, (time.process_time() - start) * 1000)
        if best < budget_ms:
            break
    return best


def cpu_ms_per_kb(text: str) -> float:
    kb = len(text.encode("utf-8")) / 1000
    return cpu_ms(text, BUDGET_MS_PER_KB * kb, 2 * (FIXED_MS + BUDGET_MS_PER_KB * kb)) / kb


@pytest.mark.parametrize("name,tokens,context,filler", CASES)
def test_adversarial_input_is_read_in_linear_time(name: str, tokens: int, context: int, filler: str) -> None:
    token_lists, contexts = ATTACKS[name]
    text = contexts[context](between(token_lists[tokens], filler))
    spent = cpu_ms_per_kb(text)
    assert spent < BUDGET_MS_PER_KB, f"{name}: {spent:.2f} ms of CPU per KB"


TOKENS = sorted({t for token_lists, _ in ATTACKS.values() for tokens in token_lists for t in tokens})
CONTEXTS = [ctx for _, contexts in ATTACKS.values() for ctx in contexts]


@st.composite
def hostile_texts(draw) -> str:
    """Tokens of every pattern, in any order, with runs of any filler between them."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        parts.append(draw(st.sampled_from(TOKENS)))
        parts.append(draw(st.sampled_from(FILLERS + ("\n", "\t\"", "\u3000\t"))) * draw(st.integers(0, 3000)))
    return draw(st.sampled_from(CONTEXTS))("".join(parts))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_texts())
def test_any_mix_of_the_tokens_is_read_within_the_budget(text: str) -> None:
    read("集群名称：甲\n")  # the tables are built once per process: not a cost of this text
    budget_ms = FIXED_MS + BUDGET_MS_PER_KB * len(text.encode("utf-8")) / 1000
    spent_ms = cpu_ms(text, budget_ms, 2 * budget_ms)
    assert spent_ms < budget_ms, spent_ms


def test_the_attacks_really_are_large() -> None:
    for token_lists, contexts in ATTACKS.values():
        for tokens in token_lists:
            assert len(contexts[0](between(tokens, " "))) > SIZE * 0.9


if __name__ == "__main__":  # python -m tests.intake.test_parse_linear, from the repository root
    read("集群名称：预热")  # tables are built once per process
    rows = []
    for name, (token_lists, contexts) in ATTACKS.items():
        worst = max((cpu_ms_per_kb(ctx(between(tokens, f))), f, "".join(tokens)[:12])
                    for tokens in token_lists for ctx in contexts for f in FILLERS)
        rows.append((worst[0], name, worst[1], worst[2]))
    for ms, name, filler, tokens in sorted(rows, reverse=True):
        print(f"{name:28s} worst {ms:7.3f} ms/KB CPU (tokens {tokens!r}, filler {filler!r})")


def test_a_quadratic_reader_fails_every_try(monkeypatch: pytest.MonkeyPatch) -> None:
    def quadratic(text: str) -> None:
        for i in range(len(text)):
            text[:i].count("x")

    monkeypatch.setattr(sys.modules[__name__], "read", quadratic)
    with pytest.raises(OverBudget):
        cpu_ms_per_kb("x" * 100_000)
