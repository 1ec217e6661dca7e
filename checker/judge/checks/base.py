"""What every check shares: its context, its outcome, the registry, generic comparisons.

A check is a function of its ``Ctx`` returning an ``Outcome``. Checks whose rule is a
plain comparison of one figure with the threshold (``>=``, ``>``, ``<=``, ``左右``) or of
one answer or one box list (``==``, ``in``, ``!=``, ``has``, ``any``) need no code of
their own: the generic handlers below read everything from the rule data. Thresholds
always come from the rule (``checker/data/rules``), years from the pack (``c.facts.cat``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Literal

from checker.law.application import Finding
from checker.judge.arith import cap, fmt, round_to
from checker.judge.facts import Facts, Reader
from checker.law.rules import Rule

Status = Literal["pass", "fail", "warn", "missing", "info"]


@dataclass(slots=True)
class Outcome:
    status: Status
    value: str | None = None
    message: str = ""
    formula: str | None = None
    margin: str | None = None
    threshold: str | None = None  # None: the rule's threshold
    comparison: str | None = None  # None: the rule's comparison
    unit: str | None = None  # None: the rule's unit
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class Ctx:
    rule: Rule
    r: Reader
    facts: Facts
    q: Decimal  # the rounding quantum (0.01)
    result: Callable[[str], Outcome]  # another check's outcome (evaluated once)

    def round(self, value: Decimal) -> Decimal:
        """A computed figure, rounded half-up to 2 decimals (12.50)."""
        return round_to(value, self.q)

    def fig(self, value: Decimal) -> Decimal:
        """A declared figure as compared: more than 2 decimals are rounded half-up."""
        return cap(value, self.q)

    def show(self, value: Decimal) -> str:
        return fmt(round_to(value, self.q)) or ""

    def option_label(self, ref: str, key: str) -> str:
        for o in self.facts.cat.field(ref).options:
            if o.key == key:
                return o.label
        return key

    def label(self, path: str) -> str:
        leaf = self.facts.leaves.get(path)
        return leaf.label if leaf is not None else self.facts.cat.field(path).label


Check = Callable[[Ctx], Outcome]
REGISTRY: dict[str, Check] = {}
GENERIC: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"check {rule_id} registered twice")
        REGISTRY[rule_id] = fn
        return fn
    return register


def generic(comparison: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        GENERIC[comparison] = fn
        return fn
    return register


# --- numbers --------------------------------------------------------------------

def holds(value: Decimal, comparison: str, threshold: Decimal) -> bool:
    if comparison in (">=", "左右"):
        return value >= threshold
    if comparison == ">":
        return value > threshold
    if comparison == "<=":
        return value <= threshold
    raise ValueError(comparison)


def margin(value: Decimal, comparison: str, threshold: Decimal) -> Decimal:
    """Room left before the line: positive passes (for ``>`` zero does not)."""
    return threshold - value if comparison == "<=" else value - threshold


def judge(c: Ctx, value: Decimal, what: str, *, formula: str | None = None,
          comparison: str | None = None, threshold: Decimal | None = None,
          unit: str | None = None, fail: Status = "fail", how_to_fix: str = "") -> Outcome:
    """Compare a (rounded) figure with the rule's threshold and explain the result."""
    rule = c.rule
    op = comparison or rule.comparison
    t = rule.threshold_decimal() if threshold is None else threshold
    u = rule.unit if unit is None else unit
    uu = "" if u in (None, "%") else " "
    unit_text = f"{uu}{u}" if u else ""
    gap = " 个百分点" if u == "%" else unit_text  # a difference of percentages is in points
    v = c.fig(value)
    m = c.round(margin(v, op, t))
    vs, ts, ms = fmt(v), fmt(t), fmt(abs(m))
    word = c.facts.pack.words.comparison.get(op, op)
    if op == "左右":
        band = rule.decimal_param("band")
        low = c.round(t * band)
        if v >= t:
            status: Status = "pass"
            msg = f"{what}为 {vs}{unit_text}，达到 {ts}{unit_text}左右的要求。"
        elif v >= low:
            status = "warn"
            msg = (f"{what}为 {vs}{unit_text}，比 {ts}{unit_text} 低 {ms}{gap}，仍在“{ts}{unit_text}左右”的接近区间"
                   f"（不低于 {fmt(low)}{unit_text}）内，列为提醒；建议达到 {ts}{unit_text}。")
        else:
            status = "fail"
            msg = (f"{what}为 {vs}{unit_text}，低于 {ts}{unit_text}左右的要求（接近区间下限 {fmt(low)}{unit_text}），"
                   f"差 {ms}{gap}。{how_to_fix}")
    elif holds(v, op, t):
        status = "pass"
        msg = f"{what}为 {vs}{unit_text}，{word} {ts}{unit_text}，符合。"
    else:
        status = fail
        if op == ">" and m == 0:
            msg = f"{what}为 {vs}{unit_text}，恰好等于 {ts}{unit_text}；“高于”不含本数，须大于 {ts}{unit_text}。{how_to_fix}"
        elif op == "<=":
            msg = f"{what}为 {vs}{unit_text}，超过 {ts}{unit_text}，超出 {ms}{gap}。{how_to_fix}"
        elif op == ">":
            msg = f"{what}为 {vs}{unit_text}，未高于 {ts}{unit_text}，差 {ms}{gap}（须大于 {ts}{unit_text}）。{how_to_fix}"
        else:
            msg = f"{what}为 {vs}{unit_text}，低于 {ts}{unit_text}，差 {ms}{gap}。{how_to_fix}"
    return Outcome(status=status, value=vs, message=msg.strip(), formula=formula,
                   margin=fmt(m), comparison=op if comparison else None,
                   threshold=ts if threshold is not None else None, unit=unit)


def missing(c: Ctx, paths: list[str] | tuple[str, ...], extra: str = "") -> Outcome:
    # A value given but not readable is absent too; say so, not "未填写" (the finding quotes it).
    unreadable = {f.field for f in c.facts.app.findings if f.id.startswith("input.")}
    blank = [p for p in paths if p not in unreadable]
    bad = [p for p in paths if p in unreadable]
    parts = []
    if blank:
        parts.append("未填写：" + "、".join(dict.fromkeys(c.label(p) for p in blank)) + "。")
    if bad:
        parts.append("所填内容未能读取（见数据问题）：" + "、".join(dict.fromkeys(c.label(p) for p in bad)) + "。")
    return Outcome(status="missing", message=f"{''.join(parts)}{extra}".strip())


def judge_figure(c: Ctx, path: str, what: str, **how: Any) -> Outcome:
    """The one figure at ``path`` judged against the rule (``judge``), or missing."""
    v = c.r.num(path)
    if v is None:
        return missing(c, [path])
    return judge(c, v, what, **how)


def chain(items: list[tuple[str, Decimal]]) -> str:
    """Figures in order, each pair joined by its true relation: ``57 < 62 = 62 > 60``
    (a failed 逐年增加 or 持续下降 never shows a chain it does not have)."""
    out = fmt(items[0][1]) + items[0][0] if items else ""
    for (_, a), (tag, b) in zip(items, items[1:]):
        out += f" {'<' if b > a else '>' if b < a else '='} {fmt(b)}{tag}"
    return out


@generic(">=")
@generic(">")
@generic("<=")
@generic("左右")
def _compare(c: Ctx) -> Outcome:
    """One figure against the threshold. Params: ``figure`` (the leaf; else the one input),
    ``what`` (its name in the message; else its label), ``short`` (the status below the
    line: ``warn`` for 一般不超过; else fail), ``advice`` (what to do, after a shortfall)."""
    p = c.rule.params
    path = str(p.get("figure", c.rule.inputs[0]))
    return judge_figure(c, path, str(p.get("what") or c.label(path)),
                        fail=p.get("short", "fail"), how_to_fix=str(p.get("advice", "")))  # type: ignore[arg-type]


# --- answers and boxes (generic, data-driven) --------------------------------------

def _answers(c: Ctx) -> list[tuple[str, str | None]]:
    return [(p, c.r.answer(p)) for p in c.rule.inputs]


@generic("==")
def _equals(c: Ctx) -> Outcome:
    path = c.rule.inputs[0]
    a = c.r.answer(path)
    want = c.rule.threshold
    label = c.label(path)
    if a is None:
        return missing(c, [path], f"请勾选“是”或“否”（符合要求的答案为“{want}”）。")
    if a == want:
        return Outcome(status="pass", value=a, message=f"“{label}”为“{a}”，符合。")
    if c.rule.aspect == "veto":
        msg = f"“{label}”为“{a}”：一票否决，集群不符合认定条件。"
    else:
        msg = f"“{label}”为“{a}”，认定标准要求“{want}”：{c.rule.clause}。"
    return Outcome(status="fail", value=a, message=msg)


@generic("in")
def _among(c: Ctx) -> Outcome:
    path = c.rule.inputs[0]
    a = c.r.answer(path)
    allowed = tuple((c.rule.threshold or "").split("、"))
    label = c.label(path)
    if a is None:
        return missing(c, [path], f"请勾选（符合要求的答案：{'或'.join(allowed)}）。")
    if a in allowed:
        return Outcome(status="pass", value=a, message=f"“{label}”为“{a}”，符合。")
    return Outcome(status="fail", value=a,
                   message=f"“{label}”为“{a}”；认定标准要求：{c.rule.clause}。")


@generic("!=")
def _none_is(c: Ctx) -> Outcome:
    bad = c.rule.threshold
    answers = _answers(c)
    broken = [p for p, a in answers if a == bad]
    absent = [p for p, a in answers if a is None]
    value = "；".join(f"{c.facts.leaves[p].field.context or c.label(p)}：{a or '未填'}" for p, a in answers)
    if broken:
        names = "、".join(c.facts.leaves[p].field.context or c.label(p) for p in broken)
        return Outcome(status="fail", value=value,
                       message=f"{names}“是否高于行业平均水平”为“{bad}”，不满足“{c.rule.clause}”。")
    if absent:
        return missing(c, absent)
    return Outcome(status="pass", value=value, message=f"均未勾选“{bad}”，符合“{c.rule.clause}”。")


def ticked_labels(c: Ctx, ref: str, keys: tuple[str, ...] | list[str]) -> str:
    return "；".join(f"“{c.option_label(ref, k)}”" for k in keys)


@generic("has")
def _has(c: Ctx) -> Outcome:
    ref = c.rule.inputs[0]
    ticked = c.r.boxes(ref)
    need = c.rule.boxes()
    if ticked is None:
        return missing(c, [ref], f"请勾选{ticked_labels(c, ref, need)}（如已开展）。")
    lacking = [b for b in need if b not in ticked]
    value = "已勾选" if not lacking else "未勾选"
    if lacking:
        return Outcome(status="fail", value=value,
                       message=f"“{c.label(ref)}”未勾选{ticked_labels(c, ref, lacking)}；"
                               f"认定标准要求{c.rule.clause}。已开展的请勾选并提供佐证材料。")
    return Outcome(status="pass", value=value,
                   message=f"已勾选{ticked_labels(c, ref, need)}（需提供佐证材料）。")


@generic("any")
def _any(c: Ctx) -> Outcome:
    ref = c.rule.inputs[0]
    ticked = c.r.boxes(ref)
    allowed = c.rule.boxes() or tuple(o.key for o in c.facts.cat.field(ref).options)
    if ticked is None:
        return missing(c, [ref], "请勾选已开展的工作；都未开展的，请明确勾选“否”或填写“无”。")
    hit = [b for b in allowed if b in ticked]
    value = str(len(hit))
    if hit:
        return Outcome(status="pass", value=value,
                       message=f"已勾选 {len(hit)} 项：{ticked_labels(c, ref, hit)}（需提供佐证材料）。")
    other = [b for b in ticked if b not in allowed]
    extra = (f"已勾选的{ticked_labels(c, ref, other)}不属于本项要求。" if other else "")
    return Outcome(status="fail", value=value,
                   message=f"“{c.label(ref)}”中须至少勾选一项：{ticked_labels(c, ref, allowed)}。{extra}")
