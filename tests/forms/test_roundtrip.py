"""Round trip: the .xlsx filled from example-application.json reads back as the JSON does.

Upload (checker.intake.xlsx.read_xlsx) and paste (the filled range as a spreadsheet copies it,
here LibreOffice's "as shown" tab-separated export of every sheet) must give the same
report as the JSON itself: verdict 符合 (eligible) and every figure equal.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from checker.intake.xlsx import read_xlsx
from tests.forms.filling import fill


@pytest.fixture(scope="session")
def filled(built, example) -> bytes:
    return fill(built["application-template.xlsx"].read_bytes(), example)


@pytest.fixture(scope="session")
def example_json_text(example) -> str:
    return json.dumps(example, ensure_ascii=False, default=str)


@pytest.fixture(scope="session")
def pasted(filled, office, catalogue) -> str:
    """The filled sheets as LibreOffice copies them: tab-separated, cells as shown."""
    # Tokens: tab, ", UTF-8, line 1, -, -, quote-all no, detect numbers, SAVE AS SHOWN,
    # formulas no, strip no, every sheet (one file each).
    fmt = "csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true,false,false,-1"
    out = office.convert({"filled.xlsx": filled}, fmt)["filled.xlsx"]
    return "".join((out / f"filled-{s.title}.csv").read_text("utf-8") for s in catalogue.sections)


def test_upload_reads_as_a_spreadsheet_copies(filled, pasted):
    assert read_xlsx(filled) == pasted


def _expected_values(example: dict, catalogue) -> dict:
    """Leaf path -> value, straight from the JSON (the oracle)."""
    from checker.law.application import NamedCount

    out = {}
    for leaf in catalogue.leaves():
        node = example
        for part in leaf.path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            continue
        if leaf.kind in ("num", "int", "pct", "growth"):
            out[leaf.path] = Decimal(str(node))
        elif leaf.kind == "checks":
            order = [o.key for o in leaf.field.options]
            out[leaf.path] = tuple(sorted(node, key=order.index))
        elif leaf.kind == "named_count":
            out[leaf.path] = NamedCount(count=Decimal(node["count"]), names=tuple(node["names"]))
        elif leaf.kind == "target_list":
            continue  # empty in the example; an empty 其它 is no entry
        else:
            out[leaf.path] = node
    return out


def test_every_figure_matches_the_json(filled, example, catalogue):
    from checker.intake.parse import parse

    app = parse(read_xlsx(filled))
    assert app.input_format == "tsv"
    want = _expected_values(example, catalogue)
    got = {k: v for k, v in app.values.items() if k in want}
    mismatched = {k: (v, got.get(k)) for k, v in want.items() if got.get(k) != v}
    assert mismatched == {}
    assert len(want) > 180


def test_upload_paste_and_json_give_the_same_report(filled, pasted, example_json_text):
    from checker import api

    upload = json.loads(api.check_xlsx(filled))
    paste = api.check_text(pasted)
    as_json = api.check_text(example_json_text)
    assert upload["verdict"] == paste["verdict"] == as_json["verdict"] == "eligible"
    # the same report; only the format it names differs (the page says what was read)
    assert upload["input_format"] == "xlsx" and paste["input_format"] == "tsv"
    assert {**upload, "input_format": "tsv"} == paste

    def judged(report):
        return [(c["id"], c["status"], c.get("value")) for c in report["checks"]]

    assert judged(upload) == judged(as_json)


def test_blanks_are_read_as_blank(built):
    """The blank .xlsx, .json and .csv (as pasted rows) read back the same: all missing."""
    from checker import api

    reports = {
        "xlsx": json.loads(api.check_xlsx(built["application-template.xlsx"].read_bytes())),
        "json": api.check_text(built["application-blank.json"].read_text("utf-8")),
        "csv": api.check_text(built["application-template.csv"].read_text("utf-8-sig")
                              .replace(",", "\t")),
    }
    findings = {name: sorted((f["id"], f["field"]) for f in r["findings"])
                for name, r in reports.items()}
    assert findings["xlsx"] == findings["json"] == findings["csv"]
    # no unknown row, no bad value: only what is unfilled (附件1 not given: not compared)
    assert {i for i, _ in findings["xlsx"]} == {"form.required"}
    assert {r["verdict"] for r in reports.values()} == {"incomplete"}
