"""未来三年目标: 三年总体目标表 and its 备注 a—g, 基准值须符合认定标准."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from checker.judge.arith import cagr, drop, fmt, round_to
from checker.judge.checks.base import Ctx, Outcome, chain, check, holds, judge, missing
from checker.judge.checks.growth import BASE_NOT_POSITIVE, compound, ends

T = "plan.targets"
COUNT_UNITS = frozenset({"个", "家"})


def _span(c: Ctx) -> int:
    """Years from the 基准值 to the 目标值 (三年)."""
    cat = c.facts.cat
    return int(cat.target_year) - int(cat.basis_year)


def _base(c: Ctx) -> str:
    return c.facts.cat.slot_label("base")


def _target(c: Ctx) -> str:
    return c.facts.cat.slot_label("target")


def _pair(c: Ctx, row: str) -> tuple[Decimal | None, Decimal | None, list[str]]:
    base = c.r.num(f"{T}.{row}.base")
    target = c.r.num(f"{T}.{row}.target")
    absent = [f"{T}.{row}.{s}" for s, v in (("base", base), ("target", target)) if v is None]
    return base, target, absent


@check("targets.quality_sme")
def quality_sme(c: Ctx) -> Outcome:
    row = "quality_sme_count"
    cat = c.facts.cat
    years = {"base": cat.basis_year, "target": cat.target_year}
    slots = [(years.get(s, s), f"{T}.{row}.{s}") for s in cat.target_slots]
    required = (cat.basis_year, cat.target_year)
    got = [(yr, c.r.num(p)) for yr, p in slots]
    if got[0][1] is None or got[-1][1] is None:
        return missing(c, [p for (yr, v), (_, p) in zip(got, slots) if v is None and yr in required])
    present = [(yr, v) for yr, v in got if v is not None]
    formula = chain([(f"（{yr}）", v) for yr, v in present])
    broken = [(a, b) for a, b in zip(present, present[1:]) if not b[1] > a[1]]
    value = fmt(present[-1][1])
    if broken:
        what = "；".join(f"{b[0]} 年 {fmt(b[1])} 家未多于 {a[0]} 年 {fmt(a[1])} 家" for a, b in broken)
        return Outcome(status="fail", value=value, formula=formula,
                       message=f"优质中小企业数量未逐年增加：{what}。")
    out = Outcome(status="pass", value=value, formula=formula,
                  message=f"优质中小企业数量逐年增加：{formula}。")
    if len(present) == 2:
        out.notes.append(f"未填写 {'、'.join(cat.stage_years)} 年阶段值，只比较了 {_base(c)}与 {_target(c)}")
    return out


def _target_growth(c: Ctx, row: str, what: str) -> Outcome:
    base, target, absent = _pair(c, row)
    if absent:
        return missing(c, absent)
    base, target = c.fig(base), c.fig(target)
    formula = f"({fmt(target)} / {fmt(base)}) ^ (1/{_span(c)}) - 1"
    if base <= 0:
        return Outcome(status="fail", formula=formula, message=f"{BASE_NOT_POSITIVE}：{_base(c)}为 {fmt(base)}。")
    if target < 0:
        return Outcome(status="fail", formula=formula, message=f"{_target(c)}为负数，无法计算年均增速。")
    value = c.round(cagr(base, target, _span(c)))
    out = judge(c, value, what, formula=formula)
    if out.status == "fail":
        # Rounded up: the smallest 2-decimal target that reaches the rate.
        # A count (个, 家) has no fractions: advise the next whole number.
        unit = next(r.unit for r in c.facts.cat.field(T).rows if r.key == row)
        quantum = Decimal(1) if unit in COUNT_UNITS else c.q
        need = round_to(base * (1 + c.rule.threshold_decimal() / 100) ** _span(c), quantum, ROUND_CEILING)
        out.message += f"按 {_base(c)} {fmt(base)} 计，{_target(c)}至少应为 {fmt(need)}。"
    return out


@check("targets.rd_growth")
def rd_growth(c: Ctx) -> Outcome:
    return _target_growth(c, "rd_spend", f"研发经费投入 {_years(c)} 年年均增速")


@check("targets.patent_growth")
def patent_growth(c: Ctx) -> Outcome:
    return _target_growth(c, "invention_patents", f"有效发明专利数量 {_years(c)} 年年均增速")


def _years(c: Ctx) -> str:
    return f"{c.facts.cat.basis_year}—{c.facts.cat.target_year}"


def _cut(c: Ctx, row: str, what: str) -> Outcome:
    base, target, absent = _pair(c, row)
    if absent:
        return missing(c, absent)
    base, target = c.fig(base), c.fig(target)
    formula = f"({fmt(base)} - {fmt(target)}) / {fmt(base)}"
    if base <= 0:
        return Outcome(status="fail", formula=formula, message=f"{_base(c)}为 {fmt(base)}（0 或负数），无法计算降低率。")
    if target < 0:
        return Outcome(status="fail", formula=formula, message=f"{_target(c)}为负数，无法计算降低率。")
    value = c.round(drop(base, target))
    out = judge(c, value, what, formula=formula)
    if out.status != "pass":
        # Rounded down: the largest 2-decimal target that reaches the cut.
        most = round_to(base * (1 - c.rule.threshold_decimal() / 100), c.q, ROUND_FLOOR)
        out.message += f"按 {_base(c)} {fmt(base)} 计，{_target(c)}不高于 {fmt(most)} 即可达到 {c.rule.threshold}%。"
    return out


@check("targets.co2_cut")
def co2_cut(c: Ctx) -> Outcome:
    out = _cut(c, "co2", f"二氧化碳排放量 {_years(c)} 年降低率")
    unit = c.r.text(f"{T}.co2.unit")
    if unit:
        out.notes.append(f"二氧化碳排放量单位：{unit}")
    return out


@check("targets.energy_cut")
def energy_cut(c: Ctx) -> Outcome:
    return _cut(c, "energy_intensity", f"单位工业产值能耗 {_years(c)} 年下降率")


@check("targets.base_meets_standard")
def base_meets_standard(c: Ctx) -> Outcome:
    rules = c.facts.pack.by_id
    parts, absent, failed = [], [], []
    for row, rule_id in c.rule.params.items():
        if not isinstance(rule_id, str):
            continue
        ref = rules[rule_id]
        path = f"{T}.{row}.base"
        v = c.r.num(path)
        if v is None:
            absent.append(path)
            continue
        v = c.fig(v)
        t = ref.threshold_decimal()
        word = c.facts.pack.words.comparison.get(ref.comparison, ref.comparison)
        text = f"{c.label(path)} {fmt(v)}{ref.unit or ''}（须{word} {ref.threshold}{ref.unit or ''}）"
        parts.append(text)
        if not holds(v, ref.comparison, t):
            failed.append(text)
    if failed:
        return Outcome(status="fail", value="；".join(parts),
                       message="基准值不符合认定标准：" + "；".join(failed) + "。")
    if absent:
        return missing(c, absent)
    return Outcome(status="pass", value="；".join(parts), message="基准值符合认定标准：" + "；".join(parts) + "。")


@check("targets.base_consistent")
def base_consistent(c: Ctx) -> Outcome:
    basis = c.facts.cat.basis_year
    tol = c.rule.decimal_param("tolerance")
    notes, compared, absent_bases = [], 0, []

    def compare(row: str, what: str, form_value: Decimal | None, formula: str) -> None:
        nonlocal compared
        base = c.r.num(f"{T}.{row}.base")
        if base is None:
            absent_bases.append(f"{T}.{row}.base")
            return
        if form_value is None:
            return
        compared += 1
        b, f = c.fig(base), c.fig(form_value)
        if abs(b - f) > tol:
            notes.append(f"{what}：基准值 {fmt(b)}，申报表中{formula}为 {fmt(f)}，相差 {fmt(abs(b - f))}")

    def form(path: str) -> Decimal | None:
        return c.r.num(path, judged=False)  # the form's own figure: judged by its own check

    out_years = c.r.years("industry.total_output", judged=False)
    first, last = (out_years.get(y) for y in ends(c))
    growth = None
    if first is not None and last is not None and c.fig(first) > 0 and c.fig(last) >= 0:
        growth, _ = compound(c, c.fig(first), c.fig(last))
    compare("output_cagr", "近三年集群产值年均增速", growth, "按集群总产值计算的年均增速")
    compare("iip_rate", "工业互联网普及率", form("digital.iip_rate"), "工业互联网平台应用普及率")
    compare("invention_patents", "有效发明专利数量", form("innovation.invention_patents"), "有效发明专利拥有量")
    compare("rd_spend", "研发经费投入", form(f"innovation.rd_spend.{basis}"), f"{basis} 年研发经费总额")
    compare("energy_intensity", "单位工业产值能耗", form(f"green.energy_intensity.{basis}"),
            f"{basis} 年单位产值能耗")
    unit = c.r.text(f"{T}.co2.unit") or next(r.unit for r in c.facts.cat.field(T).rows if r.key == "co2")
    if unit == c.facts.cat.field("green.co2_intensity").unit:  # an intensity, as in section 五
        compare("co2", "二氧化碳排放量", form(f"green.co2_intensity.{basis}"),
                f"{basis} 年单位产值二氧化碳排放量")
    else:
        c.r.num(f"{T}.co2.base")
    # 优质中小企业: the three categories overlap, so the base lies between the largest and the sum.
    q = c.r.num(f"{T}.quality_sme_count.base")
    cats = [form(f"industry.{k}.{basis}")
            for k in ("innovative_sme_count", "provincial_srdi_count", "little_giant_count")]
    if q is None:
        absent_bases.append(f"{T}.quality_sme_count.base")
    elif all(v is not None for v in cats):
        compared += 1
        lo, hi = max(cats), sum(cats, Decimal(0))  # type: ignore[arg-type]
        if not lo - tol <= q <= hi + tol:
            notes.append(f"优质中小企业数量：基准值 {fmt(q)} 家，应在 {basis} 年创新型中小企业、省级专精特新中小企业、"
                         f"“小巨人”企业数量的最大值 {fmt(lo)} 与合计 {fmt(hi)} 之间")
    value = f"{compared - len(notes)}/{compared}"
    if notes:
        return Outcome(status="warn", value=value, notes=notes,
                       message=f"{len(notes)} 项基准值与申报表不一致（允许相差 {fmt(tol)}），请核对。")
    if compared == 0:
        return missing(c, absent_bases or [T], "没有可与申报表核对的基准值。")
    out = Outcome(status="pass", value=value, message=f"已核对 {compared} 项基准值，与申报表一致。")
    if absent_bases:
        out.notes.append("未填写的基准值未核对：" + "、".join(c.label(p) for p in absent_bases))
    return out
