"""佐证材料清单: every ticked box, every named list and every formula the form asks for."""

from __future__ import annotations

from decimal import Decimal

from checker.application import NamedCount
from checker.catalogue import Catalogue
from checker.facts import YES, named_count


def evidence(values: dict, cat: Catalogue) -> list[dict]:
    out: list[dict] = []
    for section in cat.sections:
        for f in section.fields:
            ref = f"{section.key}.{f.key}"
            if f.kind == "checks":
                ticked = values.get(ref)
                if isinstance(ticked, tuple):
                    for o in f.options:
                        if o.key in ticked:
                            out.append({"field": ref, "box": o.key, "label": o.label, "needs": "佐证材料"})
            elif f.kind == "group" and f.part_kind == "named_count":
                for p in f.parts:
                    nc = values.get(f"{ref}.{p.key}")
                    n = named_count(nc) if isinstance(nc, NamedCount) else None
                    if n is not None and n > 0:
                        out.append({"field": f"{ref}.{p.key}", "box": None, "label": f"{f.label}：{p.label}",
                                    "needs": f.evidence or "清单"})
            elif f.kind == "named_count":
                nc = values.get(ref)
                n = named_count(nc) if isinstance(nc, NamedCount) else None
                if n is not None and n > 0:
                    out.append({"field": ref, "box": None, "label": f.label, "needs": f.evidence or "清单"})
            elif f.kind == "standards":
                if any(isinstance(v, Decimal) and v.is_finite() and v > 0
                       for k, v in values.items() if k.startswith(ref + ".")):
                    out.append({"field": ref, "box": None, "label": f.label, "needs": f.evidence or "清单"})
            elif f.evidence == "计算公式":
                # The form asks for the formula whatever is filled in.
                out.append({"field": ref, "box": None, "label": f.label, "needs": f.evidence})
            elif f.evidence:
                v = values.get(ref)
                if isinstance(v, Decimal) and v.is_finite() and v > 0:
                    out.append({"field": ref, "box": None, "label": f.label, "needs": f.evidence})
            elif f.kind == "yesno" and f.note and "佐证材料" in f.note and values.get(ref) == YES:
                out.append({"field": ref, "box": None, "label": f.label, "needs": "佐证材料"})
    return out
