"""七、积极参与产业开放合作."""

from __future__ import annotations

from checker.judge.arith import fmt
from checker.judge.checks.base import Ctx, Outcome, check, missing
from checker.judge.facts import named_count


@check("open.overseas")
def overseas(c: Ctx) -> Outcome:
    path = c.rule.inputs[0]
    n = named_count(c.r.named(path))
    if n is None:
        return missing(c, [path], "没有的请填 0 或“无”。")
    t = c.rule.threshold_decimal()
    if n >= t:
        return Outcome(status="pass", value=fmt(n), margin=fmt(n - t),
                       message=f"境外分支机构 {fmt(n)} 个（需提供清单及相关佐证材料）。")
    return Outcome(status="fail", value=fmt(n), margin=fmt(n - t),
                   message="未在境外设立分支机构。认定标准提到“通过设置海外分支机构等方式”推动对外贸易，"
                           "属于参考性要求，不单独决定认定结论。")


@check("open.export")
def export(c: Ctx) -> Outcome:
    basis = c.facts.cat.basis_year
    amount = c.r.num(f"industry.export.{basis}")
    growth = c.r.num(f"industry.export_growth.{basis}")
    parts = []
    if amount is not None:
        parts.append(f"{basis} 年主导产品出口贸易额 {c.show(amount)} 万元")
    if growth is not None:
        parts.append(f"增长率 {c.show(growth)}%")
    shown = "，".join(parts) if parts else "未填写出口贸易额及增长率"
    return Outcome(status="info", value=None if amount is None else c.show(amount),
                   message=f"{shown}。认定标准未给出对外贸易的量化要求，仅供参考。")
