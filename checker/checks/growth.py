"""Two-year compound growth over 近三年 (2021 -> 2023), shared by core and innovation."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from checker.arith import cagr, fmt, round_to, yearly_growth
from checker.checks.base import Ctx, Outcome, holds, judge, missing

BASE_NOT_POSITIVE = "基期为0或负，无法计算年均增速"


def compound(c: Ctx, first: Decimal, last: Decimal) -> tuple[Decimal, str]:
    """Rounded compound growth in percent of rounded figures, and its formula."""
    value = c.round(cagr(first, last, 2))
    return value, f"({fmt(last)} / {fmt(first)}) ^ (1/2) - 1"


def mean_alternative(c: Ctx, y: dict[str, Decimal | None]) -> Decimal | None:
    """The arithmetic mean of the two yearly rates (高企工作指引), when computable."""
    a, b, d = y.get("2021"), y.get("2022"), y.get("2023")
    if a is None or b is None or d is None or a <= 0 or b <= 0:
        return None
    return c.round((yearly_growth(a, b) + yearly_growth(b, d)) / 2)


def growth_outcome(c: Ctx, y: dict[str, Decimal | None], what: str, paths: list[str],
                   unit_word: str) -> Outcome:
    """Judge the compound growth of a yearly series against the rule's threshold."""
    y = {yr: None if v is None else c.fig(v) for yr, v in y.items()}
    first, last = y.get("2021"), y.get("2023")
    if first is None or last is None:
        return missing(c, [p for p, v in zip(paths, (first, last)) if v is None],
                       "计算近三年年均增速需要 2021 年和 2023 年数据。")
    if first <= 0:
        return Outcome(status="fail", message=f"{BASE_NOT_POSITIVE}：2021 年{unit_word}为 {fmt(first)}。",
                       value=None, formula=f"({fmt(last)} / {fmt(first)}) ^ (1/2) - 1")
    if last < 0:
        return Outcome(status="fail", message=f"2023 年{unit_word}为负数（{fmt(last)}），无法计算年均增速。")
    value, formula = compound(c, first, last)
    out = judge(c, value, what, formula=formula)
    if out.status == "fail":
        leaf = c.facts.leaves.get(paths[0])
        u = f" {leaf.unit}" if leaf is not None and leaf.unit else ""
        out.message += (f"按 2021 年{unit_word} {fmt(first)}{u or ' '}计，"
                        f"2023 年{unit_word}须至少为 {fmt(needed(c, first))}{u}。")
    add_alternative(c, out, y)
    return out


def needed(c: Ctx, first: Decimal) -> Decimal:
    """The smallest 2-decimal 2023 figure whose growth, rounded half-up, passes the rule."""
    t = c.rule.threshold_decimal()
    # A rate rounds up to t + 0.01 from t + 0.005 (高于), and to t from t - 0.005 (以上, 不低于).
    half = c.q / 2
    edge = t + half if c.rule.comparison == ">" else t - half
    return round_to(first * (1 + edge / 100) ** 2, c.q, ROUND_CEILING)


def add_alternative(c: Ctx, out: Outcome, y: dict[str, Decimal | None]) -> None:
    """A failed compound growth that the arithmetic mean would pass: say so, keep fail."""
    if out.status != "fail":
        return
    mean = mean_alternative(c, y)
    rule = c.rule
    if mean is not None and holds(mean, rule.comparison, rule.threshold_decimal()):
        out.message += (f"注意：若按两年增速的算术平均值计算为 {fmt(mean)}%，可以{'高于' if rule.comparison == '>' else '达到'} "
                        f"{rule.threshold}%；认定标准未公布计算公式，本站按复合年均增速判定，结果取决于未公布的计算口径，"
                        f"请向主管部门确认。")
        out.notes.append(f"算术平均增速 {fmt(mean)}%（复合年均增速未达标，判定仍为不符合）")
