"""Blank templates for ``python -m checker --template json|tsv``, from the field catalogue.

TSV follows the Row contract (键 栏目 单位 值, then one column per data year), one line per
``checker.law.rows`` row. JSON is the application document with every value blank: null,
never an empty box list (that would be an answer: no box ticked). ``forms/`` writes its
.csv and .json blanks from the same functions.
"""

from __future__ import annotations

import json

from checker.law.catalogue import Catalogue, Field
from checker.law.pack import load_catalogue
from checker.law.rows import all_rows, header


def template_tsv(cat: Catalogue | None = None) -> str:
    cat = cat or load_catalogue()
    lines = ["\t".join(header(cat))]
    lines.extend("\t".join(r.cells()) for _, rows in all_rows(cat) for r in rows)
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
            return {r.key: ({"unit": r.unit} if r.units else {}) | {s: None for s in cat.target_slots}
                    for r in f.rows}
        if f.kind == "target_list":
            return []
        # checks stay null: an empty list would mean "no box ticked", an answer.
        return None

    return {y: one() for y in cat.years} if f.yearly else one()


def blank_document(cat: Catalogue | None = None) -> dict:
    """The application document with every field present and nothing filled."""
    cat = cat or load_catalogue()
    return {s.key: {f.key: _blank(cat, f) for f in s.fields} for s in cat.sections}


def template_json(cat: Catalogue | None = None) -> str:
    return json.dumps(blank_document(cat), ensure_ascii=False, indent=2) + "\n"
