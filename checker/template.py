"""Blank templates for ``python -m checker --template json|tsv``, from the field catalogue.

TSV follows the Row contract (键 栏目 单位 值 2021 年 2022 年 2023 年): a non-yearly leaf
fills 值, a yearly one (year segment removed from its key) fills the year columns, each
box is its own row (是/否), a named_count has ``.count`` and ``.names`` rows. JSON is the
application document with every value blank: null, never an empty box list (that
would be an answer: no box ticked).
"""

from __future__ import annotations

import json

from checker.catalogue import TARGET_SLOTS, Catalogue, Field, load_catalogue

HEADER = ("键", "栏目", "单位", "值", "2021 年", "2022 年", "2023 年")
EXTRA_TARGET_ROWS = 3
EXTRA_TARGET_SLOTS = (("direction", "方向"), ("indicator", "指标"),
                      ("base", "2023 年基准值"), ("target", "2026 年目标值"))


def template_rows(cat: Catalogue | None = None) -> list[tuple[str, str, str]]:
    """(键, 栏目, 单位) of every row, in catalogue order."""
    cat = cat or load_catalogue()
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for leaf in cat.leaves():
        parts = leaf.path.split(".")
        key = ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path
        if key in seen:
            continue
        seen.add(key)
        f = leaf.field
        unit = leaf.unit or ""
        label = leaf.label
        if leaf.year:  # the label without its year
            label = f.label
            if f.kind == "standards":
                part = next(p for p in f.parts if p.key == leaf.part)
                role = next(r for r in f.roles if r.key == leaf.role)
                label = f"{f.label}：{part.label}{role.label}"
        if leaf.kind == "checks":
            rows.extend((f"{key}.{o.key}", f"{f.label}：{o.label}", "") for o in f.options)
        elif leaf.kind == "named_count":
            rows.append((f"{key}.count", f"{label}（数量）", unit))
            rows.append((f"{key}.names", f"{label}（名称）", ""))
        elif leaf.kind == "target_list":
            for n in range(1, EXTRA_TARGET_ROWS + 1):
                rows.extend((f"{key}.{n}.{slot}", f"{f.label} {n}：{name}", "")
                            for slot, name in EXTRA_TARGET_SLOTS)
        elif leaf.slot == "unit":
            rows.append((key, label, ""))
        else:
            rows.append((key, label, unit))
    return rows


def template_tsv(cat: Catalogue | None = None) -> str:
    lines = ["\t".join(HEADER)]
    lines.extend("\t".join((k, label, unit, "", "", "", "")) for k, label, unit in template_rows(cat))
    return "\n".join(lines) + "\n"


def _blank(cat: Catalogue, f: Field) -> object:
    def one() -> object:
        if f.kind == "group":
            if f.part_kind == "named_count":
                return {p.key: {"count": None, "names": []} for p in f.parts}
            return {p.key: None for p in f.parts}
        if f.kind == "standards":
            return {p.key: {r.key: None for r in f.roles} for p in f.parts}
        if f.kind == "named_count":
            return {"count": None, "names": []}
        if f.kind == "targets":
            return {r.key: ({"unit": r.unit} if r.units else {}) | {s: None for s in TARGET_SLOTS}
                    for r in f.rows}
        if f.kind == "target_list":
            return []
        return None

    return {y: one() for y in cat.years} if f.yearly else one()


def template_json(cat: Catalogue | None = None) -> str:
    cat = cat or load_catalogue()
    doc = {s.key: {f.key: _blank(cat, f) for f in s.fields} for s in cat.sections}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
