"""一、具有较强核心竞争力."""

from __future__ import annotations

from decimal import Decimal

from checker.judge.arith import cagr, fmt
from checker.judge.checks.base import Ctx, Outcome, check, holds, judge, missing
from checker.judge.checks.growth import BASE_NOT_POSITIVE, add_alternative, ends, growth_outcome, span

OUTPUT = "industry.total_output"


@check("core.output_each_year")
def output_each_year(c: Ctx) -> Outcome:
    rule = c.rule
    t = rule.threshold_decimal()
    y = c.r.years(OUTPUT)
    present = {yr: c.fig(v) for yr, v in y.items() if v is not None}
    short = {yr: v for yr, v in present.items() if not holds(v, rule.comparison, t)}
    formula = "min(" + ", ".join(f"{yr}: {fmt(v)}" for yr, v in present.items()) + ")"
    if short:
        low_year = min(short, key=lambda k: short[k])
        out = judge(c, short[low_year], f"{low_year} 年集群总产值", formula=formula)
        out.message = "；".join(
            f"{yr} 年集群总产值 {fmt(v)} 亿元，差 {fmt(c.round(t - v))} 亿元" for yr, v in short.items()
        ) + f"。近三年每年都须在 {rule.threshold} 亿元以上（含 {rule.threshold} 亿元）。"
        return out
    absent = [f"{OUTPUT}.{yr}" for yr, v in y.items() if v is None]
    if absent:
        return missing(c, absent)
    low_year = min(present, key=lambda k: present[k])
    out = judge(c, present[low_year], "近三年最低的集群总产值", formula=formula)
    out.message = f"近三年集群总产值最低为 {low_year} 年 {fmt(present[low_year])} 亿元，每年均在 {rule.threshold} 亿元以上，符合。"
    return out


def _share(c: Ctx, field: str, what: str) -> Outcome:
    rule = c.rule
    t = rule.threshold_decimal()
    y = c.r.years(field)
    basis = c.facts.cat.basis_year
    v = y.get(basis)
    out = missing(c, [f"{field}.{basis}"]) if v is None else judge(c, v, f"{basis} 年{what}")
    for yr, val in y.items():  # earlier years below the line: notes, kept when the basis year is missing
        if yr != basis and val is not None and not holds(c.fig(val), rule.comparison, t):
            word = "低于" if rule.comparison == ">=" else "不高于"
            out.notes.append(f"{yr} 年{what} {c.show(val)}%，{word} {rule.threshold}%")
    return out


@check("core.sme_output_share")
def sme_output_share(c: Ctx) -> Outcome:
    return _share(c, "industry.sme_output_share", "中小企业产值占比")


@check("core.leading_share")
def leading_share(c: Ctx) -> Outcome:
    return _share(c, "industry.leading_output_share", "主导产业产值占比")


@check("core.output_growth")
def output_growth(c: Ctx) -> Outcome:
    return growth_outcome(c, OUTPUT, "集群总产值近三年年均增速", "集群总产值")


@check("core.leading_growth")
def leading_growth(c: Ctx) -> Outcome:
    rule = c.rule
    total = c.r.years(OUTPUT)
    share = c.r.years("industry.leading_output_share")
    declared = c.r.num("industry.leading_output_cagr", judged=False)  # decides only when not computable
    tol = rule.decimal_param("tolerance")
    lead: dict[str, Decimal | None] = {
        yr: (c.fig(total[yr]) * c.fig(share[yr]) / 100
             if total[yr] is not None and share[yr] is not None else None)
        for yr in total
    }
    y0, yb = ends(c)
    a, b = lead.get(y0), lead.get(yb)
    if a is not None and b is not None and a > 0 and b >= 0:
        value = c.round(cagr(a, b, span(c)))
        formula = (f"({fmt(c.fig(total[yb]))} × {fmt(c.fig(share[yb]))}% / "
                   f"({fmt(c.fig(total[y0]))} × {fmt(c.fig(share[y0]))}%)) ^ (1/{span(c)}) - 1")
        out = judge(c, value, "主导产业产值近三年年均增速（按总产值 × 主导产业占比计算）", formula=formula)
        add_alternative(c, out, lead)
        if declared is not None and abs(c.fig(declared) - value) > tol:
            out.notes.append(f"填报的主导产业产值年均增速 {c.show(declared)}% 与计算值 {fmt(value)}% "
                             f"相差超过 {fmt(tol)} 个百分点，请核对")
        return out
    # The declared rate decides only when inputs are absent; a computed base <= 0 fails (checks.md).
    if a is not None and a <= 0:
        out = Outcome(status="fail", message=f"{BASE_NOT_POSITIVE}：{y0} 年主导产业产值为 {c.show(a)} 亿元。")
        if declared is not None:
            out.notes.append(f"填报的主导产业产值年均增速为 {c.show(declared)}%，但按总产值 × 主导产业占比计算的基期不为正，不据以判定")
        return out
    if a is not None and b is not None and b < 0:
        out = Outcome(status="fail", message=f"{yb} 年主导产业产值为负数（{c.show(b)} 亿元），无法计算年均增速。")
        if declared is not None:
            out.notes.append(f"填报的主导产业产值年均增速为 {c.show(declared)}%，但按总产值 × 主导产业占比计算的 {yb} 年产值为负，不据以判定")
        return out
    if declared is not None:
        c.r.num("industry.leading_output_cagr")  # the declared rate decides: judged
        out = judge(c, declared, "填报的近三年集群主导产业产值年均增速")
        out.notes.append("集群总产值或主导产业占比不全，无法计算，按填报值判定")
        return out
    need = [p for p, v in (("industry.leading_output_cagr", declared),) if v is None]
    need += [f"{f}.{yr}" for f, s in ((OUTPUT, total), ("industry.leading_output_share", share))
             for yr in (y0, yb) if s[yr] is None]
    return missing(c, need, f"可填写 {y0}、{yb} 年总产值和主导产业占比，或填报主导产业产值年均增速。")


@check("core.county_share")
def county_share(c: Ctx) -> Outcome:
    basis = c.facts.cat.basis_year
    path = f"{c.rule.inputs[0]}.{basis}"
    v = c.r.num(path)
    if v is None:
        return Outcome(status="info", message="未填写集群总产值占所在县级行政区划产值比例；认定标准未给出量化要求，仅供参考。")
    return Outcome(status="info", value=c.show(v),
                   message=f"{basis} 年集群总产值占所在县级行政区划产值比例为 {c.show(v)}%。"
                           "认定标准要求主导产业为县域支柱或特色产业，未给出量化门槛，仅供参考。")
