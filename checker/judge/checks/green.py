"""六、具有较高绿色化发展水平."""

from __future__ import annotations

from checker.judge.arith import fmt
from checker.judge.checks.base import GENERIC, Ctx, Outcome, chain, check, missing


@check("green.co2_falling")
def co2_falling(c: Ctx) -> Outcome:
    ref = c.rule.inputs[0]
    y = c.r.years(ref)
    present = [(yr, c.fig(v)) for yr, v in y.items() if v is not None]
    formula = chain([("", v) for _, v in present])
    broken = [(a, b) for a, b in zip(present, present[1:]) if not b[1] < a[1]]
    value = "；".join(f"{yr} 年 {fmt(v)}" for yr, v in present)
    if broken:
        what = "；".join(f"{b[0]} 年 {fmt(b[1])} 未低于 {a[0]} 年 {fmt(a[1])}" for a, b in broken)
        return Outcome(status="fail", value=value, formula=formula,
                       message=f"单位产值二氧化碳排放量未持续下降：{what}。认定标准要求二氧化碳排放量强度持续下降（逐年下降，持平不算）。")
    absent = [f"{ref}.{yr}" for yr, v in y.items() if v is None]
    if absent:
        years = c.facts.cat.years
        return missing(c, absent, f"判断“持续下降”需要 {years[0]}—{years[-1]} 年每年的数据。")
    return Outcome(status="pass", value=value, formula=formula,
                   message=f"单位产值二氧化碳排放量逐年下降（{formula} 吨二氧化碳/万元），符合。")


def _benchmark(c: Ctx, noun: str) -> Outcome:
    out = GENERIC["in"](c)
    hint = (f"申报表问“{noun}是否达到行业基准值”，认定标准要求“{noun}高于行业基准值”"
            "（“达到”即等于时不一定“高于”）。")
    if out.status == "pass" and out.value == "是":
        out.message += hint + "请确认确实高于行业基准值，并准备佐证材料。"
    elif out.status == "fail":
        out.message += hint + "能效（水效）未达到行业基准值的，不符合认定标准。"
    return out


@check("green.energy_benchmark")
def energy_benchmark(c: Ctx) -> Outcome:
    return _benchmark(c, "能效水平")


@check("green.water_benchmark")
def water_benchmark(c: Ctx) -> Outcome:
    return _benchmark(c, "水效水平")
