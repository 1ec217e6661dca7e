"""Test helper: an Application straight from a JSON-shaped dict, by catalogue leaf paths.

Not a parser (checker.intake.parse is that): it trusts the document's shape and types, so the
evaluator can be tested on exact values independently of input handling.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import yaml

from checker.law.application import Application, ExtraTarget, NamedCount
from checker.law.catalogue import NUMERIC_KINDS, Catalogue
from checker.law.pack import load_catalogue
from tests.support.docs import get

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "checker" / "data" / "example-application.json"
# The team's read-only inputs sit beside the repository: /work/shared beside /work/main
# here, and CI clones the repository into a folder with a copy of shared/ beside it.
SHARED = ROOT.parent / "shared"


class JsonNumber(str):
    """A JSON number literal written as it must appear in the JSON text (``3.077e1``).

    Case files write ``!num 3.077e1``: YAML would turn a bare 3.077e1 into a binary
    float, and a quoted "3.077e1" is a JSON string, not a number."""


yaml.SafeLoader.add_constructor("!num", lambda loader, node: JsonNumber(loader.construct_scalar(node)))


def _plain_literal(text: str) -> str:
    """The literal as the parser keeps it: an exponent form written out in plain digits."""
    return format(Decimal(text), "f") if "e" in text.lower() else text


def load_example() -> dict:
    return json.loads(EXAMPLE.read_text("utf-8"), parse_float=Decimal, parse_int=Decimal)


def application_from(doc: dict, cat: Catalogue | None = None) -> Application:
    """The Application of ``doc`` by the leaves of ``cat`` (the site's pack by default)."""
    values: dict = {}
    raw: dict[str, str] = {}
    for leaf in (cat or load_catalogue()).leaves():
        v = get(doc, leaf.path.split("."))
        if v is None:
            continue
        if leaf.kind == "named_count":
            count = v.get("count")
            v = NamedCount(count=None if count is None else Decimal(str(count)),
                           names=tuple(v.get("names", ())))
        elif leaf.kind == "checks":
            v = tuple(v)
        elif leaf.kind == "target_list":
            v = tuple(ExtraTarget(**t) for t in v)
        elif leaf.kind in NUMERIC_KINDS and isinstance(v, (str, int, Decimal)):
            raw[leaf.path] = _plain_literal(str(v))
            v = Decimal(str(v))  # test data writes figures as strings: YAML floats would lose 40.00
        values[leaf.path] = v
    return Application(input_format="json", values=values, raw=raw)


def patched(patch: dict, base: dict | None = None) -> dict:
    """Deep-merge ``patch`` into a copy of ``base`` (the example); a None value deletes."""
    import copy

    doc = copy.deepcopy(load_example() if base is None else base)

    def merge(dst: dict, src: dict) -> None:
        for k, v in src.items():
            if v is None:
                dst.pop(k, None)
            elif isinstance(v, dict) and isinstance(dst.get(k), dict):
                merge(dst[k], v)
            else:
                dst[k] = v
    merge(doc, patch)
    return doc


def json_text(doc: object) -> str:
    """JSON text with every Decimal written as its literal (68.20 stays 68.20)."""
    if isinstance(doc, (Decimal, JsonNumber)):
        return str(doc)
    if isinstance(doc, dict):
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {json_text(v)}"
                               for k, v in doc.items()) + "}"
    if isinstance(doc, (list, tuple)):
        return "[" + ", ".join(json_text(v) for v in doc) + "]"
    return json.dumps(doc, ensure_ascii=False)
