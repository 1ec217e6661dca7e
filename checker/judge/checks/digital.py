"""五、数字化转型效果明显."""

from __future__ import annotations

from checker.judge.arith import fmt
from checker.judge.checks.base import GENERIC, Ctx, Outcome, check, judge, missing


@check("digital.iip_rate")
def iip_rate(c: Ctx) -> Outcome:
    basis = c.facts.cat.basis_year
    path = "digital.iip_rate"
    declared = c.r.num(path)
    connected = c.r.num("digital.iip_sme_count", judged=False)  # a note: 接入 is not 应用
    smes = c.r.num(f"industry.sme_count.{basis}", judged=False)
    if declared is None:
        return missing(c, [path], "“接入”与“应用”不是同一口径，须填报应用普及率。")
    out = judge(c, declared, "工业互联网平台应用普及率（填报值）")
    if connected is not None and smes is not None and smes > 0:
        share = c.round(c.fig(connected) / c.fig(smes) * 100)
        tol = c.rule.decimal_param("tolerance")
        if abs(share - c.fig(declared)) > tol:
            out.notes.append(f"接入工业互联网平台的中小企业占比 {fmt(connected)} / {fmt(smes)} = {fmt(share)}%，"
                             f"与填报的应用普及率 {c.show(declared)}% 相差超过 {fmt(tol)} 个百分点"
                             "（接入与应用口径不同，请确认）")
    return out


@check("digital.software_rising")
def software_rising(c: Ctx) -> Outcome:
    out = GENERIC["=="](c)
    spend = c.r.years("digital.software_spend", judged=False)
    present = [(yr, v) for yr, v in spend.items() if v is not None]
    flat = [f"{a[0]} 年 {fmt(a[1])} 万元 → {b[0]} 年 {fmt(b[1])} 万元"
            for a, b in zip(present, present[1:]) if b[1] <= a[1]]
    if flat:
        out.notes.append("工业软件采购金额未逐年增加：" + "；".join(flat))
    return out
