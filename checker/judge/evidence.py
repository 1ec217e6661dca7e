"""佐证材料清单: every ticked box, every named list and every formula the form asks for."""

from __future__ import annotations

from decimal import Decimal

from checker.law.application import NamedCount
from checker.law.catalogue import Catalogue
from checker.judge.facts import YES, named_count

# What to look at, derived once per catalogue: (how, path, label, needs, boxes).
_PLANS: dict[int, tuple[Catalogue, list[tuple]]] = {}


def _plan(cat: Catalogue) -> list[tuple]:
    hit = _PLANS.get(id(cat))
    if hit is not None and hit[0] is cat:
        return hit[1]
    plan: list[tuple] = []
    for section in cat.sections:
        for f in section.fields:
            ref = f"{section.key}.{f.key}"
            if f.kind == "checks":
                plan.append(("boxes", ref, f.label, "佐证材料", tuple((o.key, o.label) for o in f.options)))
            elif f.kind == "group" and f.part_kind == "named_count":
                plan.extend(("named", f"{ref}.{p.key}", f"{f.label}：{p.label}", f.evidence or "清单", ())
                            for p in f.parts)
            elif f.kind == "named_count":
                plan.append(("named", ref, f.label, f.evidence or "清单", ()))
            elif f.kind == "standards":
                plan.append(("any_positive", ref, f.label, f.evidence or "清单", ()))
            elif f.evidence == "计算公式":  # asked for whatever is filled in
                plan.append(("always", ref, f.label, f.evidence, ()))
            elif f.evidence:
                plan.append(("positive", ref, f.label, f.evidence, ()))
            elif f.kind == "yesno" and f.note and "佐证材料" in f.note:
                plan.append(("yes", ref, f.label, "佐证材料", ()))
    _PLANS[id(cat)] = (cat, plan)
    return plan


def _positive(v: object) -> bool:
    return isinstance(v, Decimal) and v.is_finite() and v > 0


def evidence(values: dict, cat: Catalogue) -> list[dict]:
    out: list[dict] = []
    for how, ref, label, needs, boxes in _plan(cat):
        v = values.get(ref)
        if how == "boxes":
            if isinstance(v, tuple):
                out.extend({"field": ref, "box": key, "label": text, "needs": needs}
                           for key, text in boxes if key in v)
            continue
        if how == "named":
            n = named_count(v) if isinstance(v, NamedCount) else None
            keep = n is not None and n > 0
        elif how == "any_positive":
            prefix = ref + "."
            keep = any(_positive(x) for k, x in values.items() if k.startswith(prefix))
        elif how == "positive":
            keep = _positive(v)
        elif how == "yes":
            keep = v == YES
        else:
            keep = True
        if keep:
            out.append({"field": ref, "box": None, "label": label, "needs": needs})
    return out
