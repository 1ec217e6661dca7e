"""Fill the .xlsx template from an application JSON, as a person would with Excel."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from checker.law.pack import load_catalogue
from tests.support.docs import get

YEARS = load_catalogue().years  # the year columns of the template, oldest first


def cell_value(doc: dict, key: str, year: str | None = None):
    """The value the Row-contract row ``key`` (and year column) holds for ``doc``."""
    parts = key.split(".")
    if year:
        parts = parts[:2] + [year] + parts[2:]
    value = get(doc, parts)
    if value is not None:
        if isinstance(value, list):  # a box field or the 其它 list is never a row value
            return None
        return value
    parent, last = parts[:-1], parts[-1]
    container = get(doc, parent)
    if isinstance(container, list):
        if parts[:2] == ["plan", "extra_targets"]:
            return None
        return "是" if last in container else "否"  # a box row of a checks field
    if isinstance(container, dict) and set(container) >= {"count", "names"}:
        return None
    # plan.extra_targets.N.slot
    if parts[:2] == ["plan", "extra_targets"]:
        items = get(doc, parts[:2]) or []
        n = int(parts[2])
        return items[n - 1].get(parts[3]) if n <= len(items) else None
    return None


def _named(doc, key):
    parts = key.split(".")
    nc = get(doc, parts[:-1])
    if isinstance(nc, dict) and "count" in nc:
        if parts[-1] == "count":
            return nc["count"]
        return "、".join(nc["names"]) or None
    return None


def fill(template: bytes, doc: dict) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows(min_row=2):
            key = row[0].value
            yearly = row[3].protection.locked
            targets = [(row[4 + i], y) for i, y in enumerate(YEARS)] if yearly else [(row[3], None)]
            for cell, year in targets:
                if key.endswith((".count", ".names")) and year is None:
                    value = _named(doc, key)
                else:
                    value = cell_value(doc, key, year)
                if isinstance(value, bool):
                    value = "是" if value else "否"
                if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                    value = Decimal(value)
                cell.value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
