"""The words of the law filled from the data they describe (build time).

The catalogue's labels and hints and each rule's title, clause and reading are
templates (``str.format`` fields): the round's years come from the pack
(``{basis_year}``, ``{years[0]}``, ``{stages[1]}``, ``{target_year}``, ...), a rule's
figures from the rule itself (``{threshold}``, ``{threshold:.2f}``, the 左右 band's lower
edge ``{band_low}``, ``{params[tolerance]}``, another rule's ``{rules[core.output_growth].threshold}``).
Rule params are filled too (a generic check's ``what``: ``{target_year} 年…目标``).
A threshold is written once, in ``threshold``; an unknown field fails the build.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from string import Formatter
from types import SimpleNamespace
from typing import Any, Sequence

RULE_TEXTS = ("title", "clause", "reading")
CENT = Decimal("0.01")  # the band's edge is shown as the checks round it (form.decimals)


def round_context(pack: dict) -> dict[str, Any]:
    """What a template may name of the round (of a ``pack.yaml``)."""
    return {**year_context(pack["years"], pack["basis_year"], pack["stage_years"], pack["target_year"],
                           pack["notice"]["round_year"]),
            "notice": pack["notice"]["number"], "standard": pack["standard"]}


def year_context(years: Sequence[str], basis_year: str, stages: Sequence[str], target_year: str,
                 round_year: str) -> dict[str, Any]:
    """The round's years as a template names them (a catalogue gives the same)."""
    return {
        "years": list(years),
        "basis_year": basis_year,
        "prior_year": str(int(years[0]) - 1),  # the year before the data (a growth rate's base)
        "stages": list(stages),
        "target_year": target_year,
        "round_year": round_year,
    }


def fill(template: str, context: dict[str, Any], where: str) -> str:
    try:
        return Formatter().vformat(template, (), context)
    except (KeyError, IndexError, AttributeError, ValueError) as exc:
        raise ValueError(f"{where}: cannot fill {template!r}: {exc!r}") from None


def fill_all(node: Any, context: dict[str, Any], where: str) -> Any:
    """Every string of a YAML tree filled (keys are names, not text: left alone)."""
    if isinstance(node, str):
        return fill(node, context, where)
    if isinstance(node, list):
        return [fill_all(v, context, f"{where}[{i}]") for i, v in enumerate(node)]
    if isinstance(node, dict):
        return {k: fill_all(v, context, f"{where}.{k}") for k, v in node.items()}
    return node


def band_low(rule: dict) -> Decimal | None:
    """The lower edge of a 左右 band: threshold x band, rounded half-up to the cent."""
    if rule.get("comparison") != "左右":
        return None
    low = Decimal(rule["threshold"]) * Decimal(rule["params"]["band"])
    return low.quantize(CENT, rounding=ROUND_HALF_UP)


def _number(text: str | None) -> Decimal | str | None:
    try:
        return Decimal(text) if text is not None else None
    except ArithmeticError:
        return text  # an answer (否, 是、不适用), not a figure


def rule_context(rule: dict, others: dict[str, dict], base: dict[str, Any]) -> dict[str, Any]:
    params = rule.get("params") or {}
    return {
        **base,
        "threshold": _number(rule.get("threshold")),
        "band_low": band_low(rule),
        "params": {k: v if isinstance(v, str) else "、".join(v) for k, v in params.items()},
        "counts": {k: len(v) for k, v in params.items() if not isinstance(v, str)},
        "rules": {rid: SimpleNamespace(threshold=_number(r.get("threshold")),
                                       params=r.get("params") or {}) for rid, r in others.items()},
    }


def fill_rules(files: list[dict], base: dict[str, Any]) -> list[dict]:
    """The rule files with every rule's title, clause and reading filled."""
    others = {r["id"]: r for f in files for r in f["rules"]}
    out = []
    for f in files:
        rules = []
        for r in f["rules"]:
            ctx = rule_context(r, others, base)
            rules.append({k: fill(v, ctx, f"{r['id']}.{k}") if k in RULE_TEXTS
                          else fill_all(v, ctx, f"{r['id']}.params") if k == "params" else v
                          for k, v in r.items()})
        out.append({**fill_all({k: v for k, v in f.items() if k != "rules"}, base, f["file"]), "rules": rules})
    return out
