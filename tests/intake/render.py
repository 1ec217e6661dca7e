"""Test-side renderers of an application JSON document into the other input formats.

Written from the catalogue (not from the parser's tables), so that the parser is
checked against the contract: the Row contract TSV (``键 栏目 单位 值`` and a column per data year),
the same rows without keys (as copied from a table by label) and ``标签：值`` lines, by
the years of the catalogue given (the site pack's by default).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from checker.law.catalogue import Catalogue, Leaf
from checker.law.pack import load_catalogue
from checker.law.rows import extra_target_slots, header
from tests.support.docs import get


def text_of(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal):
        return str(v)
    return str(v)


def _strip_year(leaf: Leaf) -> str:
    parts = leaf.path.split(".")
    return ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path


def _label(leaf: Leaf) -> str:
    f = leaf.field
    if not leaf.year:
        return leaf.label
    if f.kind == "standards":
        part = next(p for p in f.parts if p.key == leaf.part)
        role = next(r for r in f.roles if r.key == leaf.role)
        return f"{f.label}：{part.label}{role.label}"
    return f.label


def rows(doc: dict, cat: Catalogue | None = None) -> list[tuple[str, str, str, str, str, str, str]]:
    """The Row-contract rows for ``doc`` (every catalogue row, empty when absent)."""
    cat = cat or load_catalogue()
    out = []
    seen: set[str] = set()
    for leaf in cat.leaves():
        key = _strip_year(leaf)
        if key in seen:
            continue
        seen.add(key)
        unit = leaf.unit or ""
        f = leaf.field
        value = get(doc, leaf.path.split("."))
        if leaf.kind == "checks":
            for o in f.options:
                v = "" if not isinstance(value, list) else ("是" if o.key in value else "否")
                out.append((f"{key}.{o.key}", f"{f.label}：{o.label}", "", v, "", "", ""))
        elif leaf.kind == "named_count":
            v = value if isinstance(value, dict) else {}
            names = v.get("names")
            out.append((f"{key}.count", f"{leaf.label}（数量）", unit, text_of(v.get("count")), "", "", ""))
            out.append((f"{key}.names", f"{leaf.label}（名称）", "",
                        "、".join(text_of(n) for n in names) if names else ("无" if names == [] else ""), "", "", ""))
        elif leaf.kind == "target_list":
            if value == []:
                out.append((key, leaf.label, "", "无", "", "", ""))
            for n, item in enumerate(value or [], 1):
                for slot, name in extra_target_slots(cat):
                    out.append((f"{key}.{n}.{slot}", f"{f.label} {n}：{name}", "",
                                text_of(item.get(slot)), "", "", ""))
        elif leaf.year:
            vals = []
            for y in cat.years:
                parts = leaf.path.split(".")
                parts[2] = y
                vals.append(text_of(get(doc, parts)))
            out.append((key, _label(leaf), unit, "", *vals))
        else:
            out.append((key, leaf.label, unit, text_of(value), "", "", ""))
    return out


def _cell(text: str) -> str:
    if any(c in text for c in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_tsv(doc: dict, *, keys: bool = True, rendered: list | None = None, cat: Catalogue | None = None) -> str:
    """Row-contract TSV; with ``keys=False`` the 键 column is left empty (match by 栏目).
    ``rendered``: ``rows(doc, cat)`` when the caller already has it."""
    lines = ["\t".join(header(cat or load_catalogue()))]
    for r in rendered if rendered is not None else rows(doc, cat):
        r = r if keys else ("",) + r[1:]
        lines.append("\t".join(_cell(c) for c in r))
    return "\n".join(lines) + "\n"


def to_lines(doc: dict, rendered: list | None = None, cat: Catalogue | None = None) -> str:
    """``标签：值`` lines, one section heading before each section's lines."""
    cat = cat or load_catalogue()
    out = []
    section = None
    for key, label, unit, value, *years in rendered if rendered is not None else rows(doc, cat):
        sec = key.split(".")[0]
        if sec != section:
            section = sec
            out.append(cat.section(sec).title)
        if any(years):
            out.append(f"{label}：{' / '.join(y or '-' for y in years)}" if all(years)
                       else "\n".join(f"{label}{y} 年：{v}" for y, v in zip(cat.years, years) if v))
        elif "\n" in value:
            first, *more = value.split("\n")
            out.append(f"{label}：{first}")
            out.extend(more)
        else:
            out.append(f"{label}：{value}")  # empty rows too, as in a partly filled blank
    return "\n".join(out) + "\n"
