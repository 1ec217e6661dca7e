"""The Row contract rows of the application, derived from the field catalogue.

One row per thing an applicant types: a non-yearly leaf (值), a yearly field or
standards cell with the year segment removed (year columns), one row per box of a
``checks`` field (是/否), ``.count`` and ``.names`` of a named_count, and the slots of
a few blank ``plan.extra_targets`` rows. ``python -m checker --template tsv`` and the
.xlsx, .csv blanks (``forms/``) all list exactly these rows, so they can never
disagree with the catalogue or the parser. Pure Python: it runs in Pyodide too.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.law.catalogue import Catalogue, Field, Leaf, Section
from checker.law.pack import load_catalogue

# The Row contract's columns before the year columns (键 栏目 单位 值 <year> 年 ...).
ROW_COLUMNS = ("键", "栏目", "单位", "值")
# How many blank 其它 target rows the templates offer (the seed shows one "....." line).
EXTRA_TARGET_ROWS = 3


def header(cat: Catalogue) -> tuple[str, ...]:
    """The Row contract's header: its columns, then one per data year of the round."""
    return (*ROW_COLUMNS, *(f"{y} 年" for y in cat.years))


def extra_target_slots(cat: Catalogue) -> tuple[tuple[str, str], ...]:
    """The slots of a plan.extra_targets row with the seed's target-table column titles."""
    return (("direction", "方向"), ("indicator", "指标"),
            ("base", cat.slot_label("base")), ("target", cat.slot_label("target")))


YES_NO = ("是", "否")
NOT_APPLICABLE = "不适用"


@dataclass(frozen=True)
class Row:
    """One line of the Row contract."""

    key: str
    label: str
    unit: str
    # "num" | "int" | "pct" | "growth" | "text" | "yesno" | "yesno_na" | "choice" | "box"
    # | "count" | "names" | "unit"
    kind: str
    yearly: bool
    section: str
    field: Field
    choices: tuple[str, ...] = ()
    max_chars: int | None = None

    def cells(self) -> tuple[str, ...]:
        """The blank row as the Row contract's seven columns."""
        return (self.key, self.label, self.unit, "", "", "", "")


def _strip_year(leaf: Leaf) -> str:
    parts = leaf.path.split(".")
    # A yearly leaf is section.field.year[.part[.role]]: drop the year segment.
    return ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path


def _year_free_label(leaf: Leaf) -> str:
    f = leaf.field
    if f.kind == "standards":
        part = next(p for p in f.parts if p.key == leaf.part)
        role = next(r for r in f.roles if r.key == leaf.role)
        return f"{f.label}：{part.label}{role.label}"
    if f.kind == "group":
        part = next(p for p in f.parts if p.key == leaf.part)
        return f"{f.label}：{part.label}"
    return f.label


def _leaf_rows(cat: Catalogue, leaf: Leaf, key: str) -> list[Row]:
    f = leaf.field
    unit = leaf.unit or ""
    common = dict(section=leaf.section, field=f, yearly=leaf.year is not None)
    if leaf.kind == "checks":
        return [Row(key=f"{key}.{o.key}", label=f"{f.label}：{o.label}", unit="",
                    kind="box", choices=YES_NO, **common) for o in f.options]
    if leaf.kind == "named_count":
        return [Row(key=f"{key}.count", label=f"{leaf.label}（数量）", unit=unit, kind="count", **common),
                Row(key=f"{key}.names", label=f"{leaf.label}（名称）", unit="", kind="names", **common)]
    if leaf.kind == "target_list":
        return [Row(key=f"{key}.{n}.{slot}", label=f"{f.label} {n}：{name}", unit="",
                    kind="text", **common)
                for n in range(1, EXTRA_TARGET_ROWS + 1) for slot, name in extra_target_slots(cat)]
    if leaf.slot == "unit":
        row = next(r for r in f.rows if r.key == leaf.part)
        return [Row(key=key, label=leaf.label, unit="", kind="unit", choices=row.units, **common)]
    kind = leaf.kind
    choices: tuple[str, ...] = ()
    if kind == "yesno":
        choices = YES_NO
    elif kind == "yesno_na":
        choices = YES_NO + (NOT_APPLICABLE,)
    elif kind == "choice":
        choices = tuple(o.label for o in f.options)
    label = _year_free_label(leaf) if leaf.year else leaf.label
    return [Row(key=key, label=label, unit=unit, kind=kind, choices=choices,
                max_chars=f.max_chars if kind == "text" else None, **common)]


def section_rows(cat: Catalogue, section: Section) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    for leaf in cat.leaves():
        if leaf.section != section.key:
            continue
        key = _strip_year(leaf)
        if key not in seen:  # the years of one yearly leaf share a row
            seen.add(key)
            rows.extend(_leaf_rows(cat, leaf, key))
    return rows


def all_rows(cat: Catalogue | None = None) -> list[tuple[Section, list[Row]]]:
    cat = cat or load_catalogue()
    return [(s, section_rows(cat, s)) for s in cat.sections]
