"""Linear work: every pattern that sees user text, fed the input built to make it backtrack.

For each regular expression (or string scan) of the readers, the tokens it looks for are
written with a long run of one filler (blanks, tabs, quotes, digits, separators, colons)
between every pair, and with no terminator; each text goes through the reader that
applies the pattern, in the context that reaches it (a 标签：值 line, a JSON string, a
pasted cell, the 集群简介, a wide table).

The measure is work, not time: the lines of Python the readers (``checker/intake/``)
execute, counted with ``sys.settrace``, for the same attack at n, 2n and 4n characters.
Linear code does as much more work from 2n to 4n as twice the step from n to 2n; a reader
gone quadratic does four times. Deterministic, so a loaded machine cannot fail it. What
it cannot see is work inside C (a regular expression backtracking within one call): the
CPU time per kilobyte of every attack at 100 KB is ``python -m bench.linear_bench``'s.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import checker.intake
from checker.intake.parse import parse
from checker.intake.wide import is_wide, split_wide
from checker.law.pack import load_catalogue
from tests.support.properties import examples

pytestmark = pytest.mark.slow  # hundreds of traced reads: out of make test-fast's quick loop

Y0, Y1 = load_catalogue().years[:2]  # the round's first data years (a 标签：值 line's pairs)
SIZE = 100_000  # the attacks' size in bench.linear_bench
SIZES = (1_000, 2_000, 4_000)  # n, 2n, 4n: the traced reads of the suite
# Growth from 2n to 4n allowed over twice that from n to 2n (linear: exactly twice), and
# a few lines of jitter that do not grow with the text (a token split differently).
GROWTH, JITTER = 2.5, 50
# And a linear budget of work for any text: a read's own lines (tables, the report's
# findings) and lines per character, each about 3x the most the attacks measured (3 339
# lines and 3.27 per character when this was written: quotes split row by row).
FIXED_LINES, LINES_PER_CHAR = 10_000, 10
FILLERS = (" ", "\t", "\u3000", '"', '\\"', "0", ",", "：", "、", "/", "\\")
# The readers whose lines are counted.
WATCHED = (str(Path(checker.intake.__file__).parent),)


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
    "fill._YEAR_PAIRS": ([[Y0, f"，{Y1} 年"], [Y0, "年", "度", "：", "1"], [Y0, "年", "，"]],
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
    "tables._YEAR_SUFFIX": ([["集群总产值", "(", Y0, "年", ")"], ["集群总产值", Y0, "x"]], [lambda p: p + "\t1\n"]),
    "fill.fill_region": ([["湖北省", "(", "区、市", ")", "样例市"]], [_line("所属地区")]),
    "form._SUMMARY": ([["总产值", "1", "x"], ["中小企业", "1", "x"], ["小巨人", "”", "企业", "1", "x"],
                       ["万人发明专利拥有量", "1", "x"], ["有效发明专利", "1", "x"],
                       ["总产值", "为", "1", "亿元", "中小企业", "有", "2", "家"]], [_json("summary", "intro")]),
    "batch_wide._year_of_label": ([["集群总产值", "（", Y0, "x"], ["x", Y0], ["集群总产值", "（", Y0, "年", "）"]],
                                  [lambda p: "键\t甲\t乙\n" + p + "\t1\t2\n"]),
}


def read(text: str) -> None:
    """Every reader a text can meet before the checks: the parser and the 批量初审's wide table."""
    parse(text)
    if is_wide(text):
        split_wide(text)


class OverBudget(Exception):
    pass


def budget(text: str) -> int:
    return FIXED_LINES + LINES_PER_CHAR * len(text)


def work(text: str) -> int:
    """Lines of Python executed in WATCHED files while ``text`` is read; past the
    text's linear budget the read is stopped (a quadratic reader under a tracer would
    otherwise run for hours)."""
    lines, cap = 0, budget(text)

    def local(frame, event, arg):  # noqa: ANN001 - sys.settrace's signature
        nonlocal lines
        if event == "line":
            lines += 1
            if lines > cap:
                raise OverBudget(f"over {cap} lines for {len(text)} characters")
        return local

    def calls(frame, event, arg):  # noqa: ANN001
        return local if frame.f_code.co_filename.startswith(WATCHED) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        read(text)
    finally:
        sys.settrace(previous)
    return lines


def grows_linearly(make: Callable[[int], str]) -> tuple[bool, tuple[int, ...]]:
    """Whether the work of ``make(n)``, ``make(2n)``, ``make(4n)`` grows linearly, and the
    counts. Each text is read once untraced first: what the readers cache on a first
    read (a label's lookup) is not work that grows with the text."""
    texts = [make(n) for n in SIZES]
    for text in texts:
        read(text)
    one, two, four = (work(text) for text in texts)
    return four - two <= GROWTH * max(two - one, 0) + JITTER, (one, two, four)


CASES = [pytest.param(name, t, c, filler, id=f"{name}-{t}-{c}-{filler!r}")
         for name, (token_lists, contexts) in ATTACKS.items() for t in range(len(token_lists))
         for c in range(len(contexts)) for filler in FILLERS]


@pytest.mark.parametrize("name,tokens,context,filler", CASES)
def test_adversarial_input_is_read_with_linear_work(name: str, tokens: int, context: int, filler: str) -> None:
    token_lists, contexts = ATTACKS[name]
    linear, counts = grows_linearly(lambda n: contexts[context](between(token_lists[tokens], filler, n)))
    assert linear, f"{name}: lines executed at {SIZES} characters: {counts}"


TOKENS = sorted({t for token_lists, _ in ATTACKS.values() for tokens in token_lists for t in tokens})
CONTEXTS = [ctx for _, contexts in ATTACKS.values() for ctx in contexts]


@st.composite
def hostile_texts(draw) -> tuple[Callable[[str], str], str]:
    """A context and a body: tokens of every pattern, in any order, with runs of any filler between them."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        parts.append(draw(st.sampled_from(TOKENS)))
        parts.append(draw(st.sampled_from(FILLERS + ("\n", "\t\"", "\u3000\t"))) * draw(st.integers(0, 3000)))
    return draw(st.sampled_from(CONTEXTS)), "".join(parts)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_texts())
def test_any_mix_of_the_tokens_is_read_within_a_linear_budget_of_work(drawn: tuple[Callable[[str], str], str]) -> None:
    # Not n against 2n here: a random mix reads by steps as it grows (a quote left open
    # or closed, a cell past its length limit), so only the budget is compared.
    context, body = drawn
    text = context(body)
    read(text)
    assert work(text) <= budget(text)


def test_the_attacks_really_are_large() -> None:
    for token_lists, contexts in ATTACKS.values():
        for tokens in token_lists:
            assert len(contexts[0](between(tokens, " "))) > SIZE * 0.9


def test_a_quadratic_reader_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    def quadratic(text: str) -> None:
        for i in range(len(text) // 20):
            for _ in range(i):
                pass

    monkeypatch.setattr(sys.modules[__name__], "read", quadratic)
    monkeypatch.setattr(sys.modules[__name__], "WATCHED", (__file__,))
    assert grows_linearly(lambda n: "x" * n)[0] is False
    with pytest.raises(OverBudget):
        work("x" * 20 * 1_000)  # about 500 000 lines, over the budget of 210 000
    monkeypatch.setattr(sys.modules[__name__], "read", lambda text: [None for _ in text])
    assert grows_linearly(lambda n: "x" * n)[0] is True
