"""四、具有较强协同创新能力."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from checker.judge.arith import fmt
from checker.judge.checks.base import Ctx, Outcome, check, holds, judge, missing
from checker.judge.checks.growth import growth_outcome

RD = "innovation.rd_spend"


@check("innovation.rd_growth")
def rd_growth(c: Ctx) -> Outcome:
    return growth_outcome(c, RD, "研发经费近三年年均增速", "研发经费")


def _patents_needed(c: Ctx, staff: Decimal) -> Decimal:
    """The fewest whole patents whose rate, rounded half-up to 2 decimals, passes the rule."""
    rule = c.rule
    t = rule.threshold_decimal()
    # Ceiling of the exact figure (rounding first could give the failing count), then check after rounding.
    need = (t * staff / 10000).to_integral_value(rounding=ROUND_CEILING)
    def passes(n: Decimal) -> bool:
        return holds(c.round(n / staff * 10000), rule.comparison, t)

    # Rounding moves the line by less than one patent, so a step or two settles it; the cap
    # keeps absurd staff counts (beyond 50 digits, where need + 1 == need) from looping.
    for _ in range(3):
        if passes(need):
            break
        need += 1
    for _ in range(3):
        if need > 0 and passes(need - 1):
            need -= 1  # rounding half-up may let one fewer pass
    return need


@check("innovation.patents_per_10k")
def patents_per_10k(c: Ctx) -> Outcome:
    basis = c.facts.cat.basis_year
    patents = c.r.num("innovation.invention_patents")
    staff = c.r.num(f"innovation.employees.{basis}")
    declared = c.r.num("innovation.patents_per_10k", judged=False)  # decides only when not computable
    tol = c.rule.decimal_param("tolerance")
    if patents is not None and staff is not None and staff > 0:
        value = c.round(c.fig(patents) / c.fig(staff) * 10000)
        out = judge(c, value, "每万人有效发明专利拥有量（计算值）",
                    formula=f"{fmt(c.fig(patents))} / {fmt(c.fig(staff))} × 10000")
        if out.status == "fail":
            out.message += f"按 {basis} 年从业人员 {fmt(staff)} 人计，有效发明专利须至少 {fmt(_patents_needed(c, c.fig(staff)))} 件。"
        if declared is not None and abs(c.fig(declared) - value) > tol:
            out.notes.append(f"填报的每万人有效发明专利拥有量 {c.show(declared)} 与计算值 {fmt(value)} 相差超过 {fmt(tol)}，请核对")
        return out
    if declared is not None:
        c.r.num("innovation.patents_per_10k")  # the declared figure decides: judged
        out = judge(c, declared, "每万人有效发明专利拥有量（填报值）")
        out.notes.append("有效发明专利数量或从业人员数量缺失（或为 0），无法计算，按填报值判定")
        return out
    need = [p for p, v in (("innovation.invention_patents", patents), (f"innovation.employees.{basis}", staff),
                           ("innovation.patents_per_10k", declared)) if v is None]
    return missing(c, need)


@check("innovation.standards")
def standards(c: Ctx) -> Outcome:
    cat = c.facts.cat
    f = cat.field("innovation.standards")
    total, absent = Decimal(0), []
    for yr in cat.years:
        for p in f.parts:
            for role in f.roles:
                path = f"innovation.standards.{yr}.{p.key}.{role.key}"
                v = c.r.num(path)
                if v is None:
                    absent.append(path)
                elif v > 0:
                    total += v
    t = c.rule.threshold_decimal()
    if total >= t:
        return Outcome(status="pass", value=fmt(total), margin=fmt(total - t),
                       message=f"近三年主持或参与制修订标准合计 {fmt(total)} 项（需提供清单）。")
    if absent:
        return missing(c, absent[:1], "标准制修订数量未填全；没有的请填 0 或“无”。")
    return Outcome(status="fail", value=fmt(total), margin=fmt(total - t),
                   message="近三年未主持或参与制修订任何标准；认定标准要求积极参加主导产业的标准制修订工作。")


def _platform_total(c: Ctx, ref: str) -> tuple[Decimal, bool]:
    total, complete = c.r.named_total(ref)
    return total or Decimal(0), complete


@check("innovation.platforms")
def platforms(c: Ctx) -> Outcome:
    ref = c.rule.inputs[0]
    total, complete = _platform_total(c, ref)
    t = c.rule.threshold_decimal()
    if total < t and not complete:
        return missing(c, [ref])
    if total < t:
        return Outcome(status="fail", value=fmt(total), margin=fmt(total - t),
                       message="未建立任何创新平台；认定标准要求统筹建立多元创新平台。")
    out = Outcome(status="pass", value=fmt(total), margin=fmt(total - t),
                  message=f"国家级、省级和其他创新平台合计 {fmt(total)} 个（需提供清单及佐证材料）。")
    if total < c.rule.decimal_param("diverse"):
        out.notes.append("只有 1 个创新平台：认定标准要求“多元”创新平台，建议建立不同类型、不同层级的平台")
    return out
