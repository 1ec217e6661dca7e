"""Machine blanks: the Row-contract .csv, the .json application and its JSON Schema."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from checker.law.catalogue import Catalogue, Field
from checker.law.rows import all_rows, extra_target_slots, header
from checker.law.template import template_json
from forms.prose import prose

SCHEMA_ID = "cluster-application.schema.json"
YESNO = ["是", "否", True, False]


def build_csv(cat: Catalogue) -> bytes:
    """UTF-8 with BOM (so Excel opens the Chinese right), CRLF, the Row contract columns."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(header(cat))
    for _, rows in all_rows(cat):
        for row in rows:
            out.writerow(row.cells())
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")


def build_json(cat: Catalogue) -> bytes:
    """The blank application document, as ``python -m checker --template json`` writes it."""
    return template_json(cat).encode("utf-8")


def _number(description: str, minimum: int | None = None, maximum: int | None = None,
            integer: bool = False) -> dict:
    num: dict[str, Any] = {"type": "integer" if integer else "number"}
    if minimum is not None:
        num["minimum"] = minimum
    if maximum is not None:
        num["maximum"] = maximum
    # Numbers may also come as text ("36.50", "１２．５０％"), or be left null.
    return {"description": description, "anyOf": [num, {"type": "string"}, {"type": "null"}]}


def _leaf_schema(f: Field, kind: str, unit: str | None, title: str) -> dict:
    unit_text = f"单位：{unit}" if unit else ""
    if kind == "num":
        s = _number(unit_text or "数字", 0)
    elif kind == "int":
        s = _number(("整数，" + unit_text) if unit_text else "整数", 0, integer=True)
    elif kind == "pct":
        s = _number("百分比（0–100，不带 % 号）", 0, 100)
    elif kind == "growth":
        s = _number("增长率（%，可为负数）")
    elif kind == "yesno":
        s = {"enum": YESNO + [None]}
    elif kind == "yesno_na":
        s = {"enum": YESNO + ["不适用", None]}
    elif kind == "choice":
        s = {"enum": [o.label for o in f.options] + [None]}
    elif kind == "checks":
        s = {"description": "已勾选的框（键名）；空列表表示一个都没勾选",
             "type": ["array", "null"], "uniqueItems": True,
             "items": {"enum": [o.key for o in f.options]}}
    elif kind == "named_count":
        s = {"type": ["object", "null"], "additionalProperties": False,
             "properties": {"count": _number("数量", 0, integer=True),
                            "names": {"type": "array", "items": {"type": "string"}}}}
    else:
        s = {"type": ["string", "null"]}
        if f.max_chars:
            s["maxLength"] = f.max_chars
    return {"title": title, **s}


def _field_schema(cat: Catalogue, f: Field) -> dict:
    def one() -> dict:
        if f.kind == "group":
            return {"type": "object", "additionalProperties": False,
                    "properties": {p.key: _leaf_schema(f, f.part_kind, f.unit, p.label)
                                   for p in f.parts}}
        if f.kind == "standards":
            return {"type": "object", "additionalProperties": False,
                    "properties": {p.key: {"title": p.label, "type": "object",
                                           "additionalProperties": False,
                                           "properties": {r.key: _leaf_schema(f, "int", "项", r.label)
                                                          for r in f.roles}}
                                   for p in f.parts}}
        if f.kind == "targets":
            cols = dict(extra_target_slots(cat))
            rows = {}
            for r in f.rows:
                props = {s: _leaf_schema(f, r.kind, r.unit, cols.get(s, cat.slot_label(s)))
                         for s in cat.target_slots}
                if r.units:
                    props["unit"] = {"title": "单位", "enum": list(r.units) + [None]}
                rows[r.key] = {"title": f"{r.direction}：{r.label}", "type": "object",
                               "additionalProperties": False, "properties": props}
            return {"type": "object", "additionalProperties": False, "properties": rows}
        if f.kind == "target_list":
            slot = {"type": ["string", "number", "null"]}
            return {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "properties": {k: {"title": t, **slot} for k, t in extra_target_slots(cat)}}}
        return _leaf_schema(f, f.kind, f.unit, f.label)

    body = one()
    if f.yearly:
        return {"title": f.label, "type": "object", "additionalProperties": False,
                "properties": {y: body for y in cat.years}}
    return {"title": f.label, **{k: v for k, v in body.items() if k != "title"}}


def build_schema(cat: Catalogue) -> bytes:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": prose()["application"]["title"],
        "description": "中小企业特色产业集群申报数据（JSON），由字段目录生成；缺少的栏目视为未填写。",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            s.key: {"title": s.title, "type": "object", "additionalProperties": False,
                    "properties": {f.key: _field_schema(cat, f) for f in s.fields}}
            for s in cat.sections
        },
    }
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
