"""Compound growth over 近三年 (the first data year to the basis year), shared by core and innovation."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from checker.judge.arith import cagr, fmt, round_to, yearly_growth
from checker.judge.checks.base import Ctx, Outcome, holds, judge, missing

BASE_NOT_POSITIVE = "基期为0或负，无法计算年均增速"


def span(c: Ctx) -> int:
    """Years of growth over 近三年: two, from the first data year to the basis year."""
    return len(c.facts.cat.years) - 1


def ends(c: Ctx) -> tuple[str, str]:
    """The first data year and the basis year (the ends of 近三年)."""
    years = c.facts.cat.years
    return years[0], years[-1]


def compound(c: Ctx, first: Decimal, last: Decimal) -> tuple[Decimal, str]:
    """Rounded compound growth in percent of rounded figures, and its formula."""
    value = c.round(cagr(first, last, span(c)))
    return value, f"({fmt(last)} / {fmt(first)}) ^ (1/{span(c)}) - 1"


def mean_alternative(c: Ctx, y: dict[str, Decimal | None]) -> Decimal | None:
    """The arithmetic mean of the yearly rates (高企工作指引), when computable."""
    series = [y.get(yr) for yr in c.facts.cat.years]
    if any(v is None for v in series) or any(v <= 0 for v in series[:-1]):  # type: ignore[operator]
        return None
    rates = [yearly_growth(a, b) for a, b in zip(series, series[1:])]  # type: ignore[arg-type]
    return c.round(sum(rates, Decimal(0)) / len(rates))


def growth_outcome(c: Ctx, ref: str, what: str, unit_word: str) -> Outcome:
    """Judge the compound growth of the yearly field ``ref`` against the rule's threshold."""
    y = {yr: None if v is None else c.fig(v) for yr, v in c.r.years(ref).items()}
    y0, yb = ends(c)
    paths = [f"{ref}.{y0}", f"{ref}.{yb}"]
    first, last = y.get(y0), y.get(yb)
    if first is None or last is None:
        return missing(c, [p for p, v in zip(paths, (first, last)) if v is None],
                       f"计算近三年年均增速需要 {y0} 年和 {yb} 年数据。")
    if first <= 0:
        return Outcome(status="fail", message=f"{BASE_NOT_POSITIVE}：{y0} 年{unit_word}为 {fmt(first)}。",
                       value=None, formula=f"({fmt(last)} / {fmt(first)}) ^ (1/{span(c)}) - 1")
    if last < 0:
        return Outcome(status="fail", message=f"{yb} 年{unit_word}为负数（{fmt(last)}），无法计算年均增速。")
    value, formula = compound(c, first, last)
    out = judge(c, value, what, formula=formula)
    if out.status == "fail":
        leaf = c.facts.leaves.get(paths[0])
        u = f" {leaf.unit}" if leaf is not None and leaf.unit else ""
        out.message += (f"按 {y0} 年{unit_word} {fmt(first)}{u or ' '}计，"
                        f"{yb} 年{unit_word}须至少为 {fmt(needed(c, first))}{u}。")
    add_alternative(c, out, y)
    return out


def needed(c: Ctx, first: Decimal) -> Decimal:
    """The smallest 2-decimal basis-year figure whose growth, rounded half-up, passes the rule."""
    t = c.rule.threshold_decimal()
    # A rate rounds up to t + 0.01 from t + 0.005 (高于), and to t from t - 0.005 (以上, 不低于).
    half = c.q / 2
    edge = t + half if c.rule.comparison == ">" else t - half
    return round_to(first * (1 + edge / 100) ** span(c), c.q, ROUND_CEILING)


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

