"""佐证材料清单: every ticked box, every named list and every formula the form asks for,
grouped by the 申报表's parts in the form's order, each item once.

An item is what the form prints (a box's text, a row's label, the subject of a
（注：…需提供计算公式）) and what to provide (``needs``: 佐证材料, 清单, 计算公式 …).
The form's own reminder that something is needed is the ``needs`` column, so it is
taken out of the label rather than said twice.
"""

from __future__ import annotations

import re
from decimal import Decimal

from checker.law.application import NamedCount
from checker.law.catalogue import Catalogue
from checker.judge.facts import YES, named_count

# A label's trailing reminder, e.g. " (需提供清单及佐证材料)": said by ``needs``.
_NEEDS_NOTE = re.compile(r"\s*[（(]需提供[^（）()]*[）)]")
# A field whose whole label is the note, e.g. （注：单位产值能耗需提供计算公式）: its subject.
_NOTE_SUBJECT = re.compile(r"^[（(]注[：:]\s*(.+?)需提供(.+?)[）)]$")

# What to look at, derived once per catalogue: (how, id, field, box, part, label, needs, boxes).
_PLANS: dict[int, tuple[Catalogue, list[tuple]]] = {}


def item_label(label: str) -> str:
    """The form's label without the reminder that ``needs`` states."""
    subject = _NOTE_SUBJECT.match(label)
    return subject.group(1) if subject else _NEEDS_NOTE.sub("", label)


def _plan(cat: Catalogue) -> list[tuple]:
    hit = _PLANS.get(id(cat))
    if hit is not None and hit[0] is cat:
        return hit[1]
    plan: list[tuple] = []
    for section in cat.sections:
        part = {"key": section.key, "title": section.title}

        def add(how: str, ref: str, label: str, needs: str, boxes: tuple = ()) -> None:
            plan.append((how, ref, part, item_label(label), needs, boxes))

        for f in section.fields:
            ref = f"{section.key}.{f.key}"
            if f.kind == "checks":
                add("boxes", ref, f.label, "佐证材料", tuple((o.key, o.label) for o in f.options))
            elif f.kind == "group" and f.part_kind == "named_count":
                for p in f.parts:
                    add("named", f"{ref}.{p.key}", f"{item_label(f.label)}：{p.label}", f.evidence or "清单")
            elif f.kind == "named_count":
                add("named", ref, f.label, f.evidence or "清单")
            elif f.kind == "standards":
                add("any_positive", ref, f.label, f.evidence or "清单")
            elif f.evidence == "计算公式":  # asked for whatever is filled in
                add("always", ref, f.label, f.evidence)
            elif f.evidence:
                add("positive", ref, f.label, f.evidence)
            elif f.kind == "yesno" and f.note and "佐证材料" in f.note:
                add("yes", ref, f.label, "佐证材料")
    _PLANS[id(cat)] = (cat, plan)
    return plan


def _positive(v: object) -> bool:
    return isinstance(v, Decimal) and v.is_finite() and v > 0


def _item(ref: str, box: str | None, part: dict, label: str, needs: str) -> dict:
    # The id is stable across rounds and inputs: the field path, and the box's key.
    return {"id": f"{ref}.{box}" if box else ref, "part": part, "field": ref, "box": box,
            "label": label, "needs": needs}


def evidence(values: dict, cat: Catalogue) -> list[dict]:
    out: list[dict] = []
    for how, ref, part, label, needs, boxes in _plan(cat):
        v = values.get(ref)
        if how == "boxes":
            if isinstance(v, tuple):
                out.extend(_item(ref, key, part, text, needs) for key, text in boxes if key in v)
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
            out.append(_item(ref, None, part, label, needs))
    return out


def by_part(items: list[dict]) -> list[tuple[dict, list[dict]]]:
    """The items grouped by their part, in the order they come (the form's)."""
    groups: list[tuple[dict, list[dict]]] = []
    for item in items:
        if not groups or groups[-1][0]["key"] != item["part"]["key"]:
            groups.append((item["part"], []))
        groups[-1][1].append(item)
    return groups
