"""二、优质中小企业梯度培育成效显著."""

from __future__ import annotations

from decimal import Decimal

from checker.judge.arith import fmt
from checker.judge.checks.base import Ctx, Outcome, check, missing

TOP = ("industry.single_champion_count", "industry.little_giant_count")
BROAD = ("industry.provincial_srdi_count", "industry.innovative_sme_count", "industry.high_tech_count")


def _branch(c: Ctx, fields: tuple[str, ...], threshold: Decimal) -> tuple[str, Decimal, list[str], dict[str, Decimal]]:
    """pass/fail/missing of one branch; a partial sum of counts >= 0 that reaches it passes."""
    basis = c.facts.cat.basis_year
    got = {f: c.r.num(f"{f}.{basis}") for f in fields}
    present = {f: v for f, v in got.items() if v is not None}
    absent = [f"{f}.{basis}" for f, v in got.items() if v is None]
    total = sum(present.values(), Decimal(0))
    if total >= threshold and all(v >= 0 for v in present.values()):
        return "pass", total, absent, present
    return ("missing" if absent else "fail"), total, absent, present


def _top_said(n1: Decimal, absent: list[str], threshold: str | None) -> str:
    # An unfilled count is not zero: say so rather than "共 0 家".
    if absent:
        return f"单项冠军或“小巨人”数量未全部填写，已填部分共 {fmt(n1)} 家"
    return f"单项冠军和“小巨人”共 {fmt(n1)} 家，不足 {threshold} 家"


@check("tiers.leaders")
def leaders(c: Ctx) -> Outcome:
    rule = c.rule
    t1, t2 = rule.threshold_decimal(), rule.decimal_param("alt_threshold")
    s1, n1, abs1, p1 = _branch(c, TOP, t1)
    s2, n2, abs2, p2 = _branch(c, BROAD, t2)
    f1 = " + ".join(fmt(v) or "" for v in p1.values()) or "0"
    f2 = " + ".join(fmt(v) or "" for v in p2.values()) or "0"
    formula = f"单项冠军 + 小巨人 = {f1}；省级专精特新 + 创新型 + 国家级高新技术 = {f2}"
    if s1 == "pass":
        return Outcome(status="pass", value=fmt(n1), margin=fmt(n1 - t1), formula=formula,
                       message=f"按第一种情形符合：制造业单项冠军企业和专精特新“小巨人”企业共 {fmt(n1)} 家，"
                               f"不少于 {rule.threshold} 家。")
    if s2 == "pass":
        out = Outcome(status="pass", value=fmt(n2), margin=fmt(n2 - t2), threshold=fmt(t2), formula=formula,
                      message=f"按第二种情形符合：省级专精特新中小企业、创新型中小企业和国家级高新技术企业合计 "
                              f"{fmt(n2)} 家，不少于 {fmt(t2)} 家（{_top_said(n1, abs1, rule.threshold)}）。")
        if all(v < t2 for v in p2.values()):
            out.notes.append(f"没有任何一类单独达到 {fmt(t2)} 家：同一企业同时属于多类的只能计一次，"
                             f"请确认去重后仍不少于 {fmt(t2)} 家")
        return out
    if s1 == "missing" or s2 == "missing":
        return missing(c, abs1 + abs2, "两种情形均无法确认。")
    return Outcome(status="fail", value=fmt(n2), formula=formula, margin=fmt(n2 - t2), threshold=fmt(t2),
                   message=f"两种情形均不满足：单项冠军和“小巨人”企业共 {fmt(n1)} 家（须不少于 {rule.threshold} 家），"
                           f"省级专精特新、创新型中小企业和国家级高新技术企业合计 {fmt(n2)} 家（须不少于 {fmt(t2)} 家，"
                           f"差 {fmt(t2 - n2)} 家）。")
