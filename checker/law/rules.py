"""The 认定标准 and the 填报说明 as rule data, loaded into frozen models.

One YAML file per aspect in ``checker/data/rules/`` (``NN_<aspect>.yaml``), filled with
each pack's years and compiled into ``compiled.json`` by ``python -m checker.data.build``;
``checker.law.pack`` loads them. The evaluator reads thresholds,
comparisons and parameters from here; the site prints clause and reading from here.
Loading fails on an unknown key, a duplicate id, an id outside its aspect, or an input
that names no field of the catalogue.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Literal, Mapping

from checker.law.catalogue import Catalogue
from checker.law.model import F, construct, model, validate

Severity = Literal["hard", "soft", "info"]
Source = Literal["standard", "form"]
# ">=", ">", "<=", "==", "!=": figure or answer against the threshold;
# "in": answer among the listed ones; "has": every box of params.boxes ticked;
# "any": at least one box (of params.boxes when given); "falling"/"rising": strictly
# monotone over the years; "左右": >= threshold passes, >= band x threshold warns;
# "filled": answered and not 无; "all": every part passes; "always": shown, not judged.
Comparison = Literal[">=", ">", "<=", "==", "!=", "in", "has", "any", "falling", "rising",
                     "左右", "filled", "all", "always"]
ParamValue = str | tuple[str, ...]


@model
class Rule:
    id: str = F(description="稳定的规则编号，如 core.output_growth")
    aspect: str = F(description="所属方面，如 core")
    title: str = F(description="简短中文名称")
    severity: Severity = F(description="hard 决定结论；soft 提醒；info 仅展示")
    source: Source = F(description="standard：附件3 认定标准；form：附件2 填报说明或备注 a—g")
    clause: str = F(description="原文摘录（与原件逐字一致）")
    comparison: Comparison = F(description="比较方式")
    threshold: str | None = F(None, description="门槛值（十进制字符串）或答案")
    unit: str | None = F(None, description="单位")
    inputs: tuple[str, ...] = F((), description="读取的字段（字段或叶路径）")
    params: dict[str, ParamValue] = F(default_factory=dict,
                                      description="其他参数：勾选框、容差、区间等")
    reading: str = F(description="本站的计算口径（中文）")

    def decimal_param(self, key: str) -> Decimal:
        return _decimal(str(self.params[key]))

    def boxes(self) -> tuple[str, ...]:
        b = self.params.get("boxes", ())
        return (b,) if isinstance(b, str) else b

    def threshold_decimal(self) -> Decimal:
        if self.threshold is None:
            raise ValueError(f"rule {self.id} has no threshold")
        return _decimal(self.threshold)

    @property
    def hard(self) -> bool:
        return self.severity == "hard"

    def __hash__(self) -> int:  # params is a dict; the id is unique and stable
        return hash(self.id)


@cache
def _decimal(text: str) -> Decimal:
    return Decimal(text)


@model
class RuleFile:
    file: str
    aspect: str = F(description="方面键名")
    title: str = F(description="方面的中文标题")
    rules: tuple[dict, ...]


NUMERIC_COMPARISONS = frozenset({">=", ">", "<=", "左右"})


def _known_refs(cat: Catalogue) -> frozenset[str]:
    """Every leaf path and every prefix of one (a field, a group, a target row)."""
    refs: set[str] = set()
    for leaf in cat.leaves():
        parts = leaf.path.split(".")
        refs.update(".".join(parts[:i]) for i in range(2, len(parts) + 1))
    return frozenset(refs)


def build_rules(files: list[dict], cat: Catalogue) -> tuple[tuple[Rule, ...], dict[str, str]]:
    """Validate the compiled rule files; raises ValueError on any inconsistency."""
    refs = _known_refs(cat)
    rules: list[Rule] = []
    aspects: dict[str, str] = {}
    for raw in files:
        rf = validate(RuleFile, raw)
        if rf.aspect in aspects:
            raise ValueError(f"{rf.file}: aspect {rf.aspect} defined twice")
        aspects[rf.aspect] = rf.title
        for body in rf.rules:
            if "aspect" in body and body["aspect"] != rf.aspect:
                raise ValueError(f"{rf.file}: rule {body.get('id')} names another aspect")
            rule = validate(Rule, {**body, "aspect": rf.aspect})
            if rule.id.split(".", 1)[0] != rf.aspect:
                raise ValueError(f"{rf.file}: rule {rule.id} outside aspect {rf.aspect}")
            for ref in (*rule.inputs, *([rule.params["figure"]] if "figure" in rule.params else [])):
                if ref not in refs:
                    raise ValueError(f"rule {rule.id}: unknown field {ref}")
            if rule.comparison in NUMERIC_COMPARISONS and rule.threshold is not None:
                try:
                    Decimal(rule.threshold)
                except InvalidOperation:
                    raise ValueError(f"rule {rule.id}: threshold {rule.threshold!r} is not a number")
            rules.append(rule)
    ids = [r.id for r in rules]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"duplicate rule ids: {dup}")
    known = set(ids)
    for r in rules:  # rules that point at other rules (governance.plan, targets.base_*)
        for key, val in r.params.items():
            for v in (val,) if isinstance(val, str) else val:
                if "." in v and v.split(".", 1)[0] in aspects and v not in known:
                    raise ValueError(f"rule {r.id}: param {key} names unknown rule {v}")
    return tuple(rules), aspects


def construct_rules(files: list[dict]) -> tuple[tuple[Rule, ...], dict[str, str]]:
    """What ``build_rules`` returns for the same files, built without validating:
    only for ``compiled.json``, validated when built and by the tests (which check
    that both give equal rules). Saves building the rule validators in the browser."""
    rules: list[Rule] = []
    aspects: dict[str, str] = {}
    for raw in files:
        aspects[raw["aspect"]] = raw["title"]
        for body in raw["rules"]:
            rules.append(construct(Rule, {**body, "aspect": raw["aspect"]}))
    return tuple(rules), aspects
