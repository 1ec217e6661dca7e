"""The page's Python side: parts screened apart, merged without reports, exported by id."""

from __future__ import annotations

import io
import json

import openpyxl

from tests.batch import batch_apps
from checker.batch.screen import screen
from checker.batch.session import BatchSession


def test_parts_merged_without_reports_order_like_one_screening():
    items = batch_apps.five_items()
    indexed = [(i, name, data) for i, (name, data) in enumerate(items)]
    session = BatchSession()
    parts = [json.loads(session.screen_part(indexed[k::2])) for k in (1, 0)]
    light = [{"rows": [{k: v for k, v in r.items() if k != "report"} for r in p["rows"]],
              "unreadable": p["unreadable"]} for p in parts]
    merged = json.loads(session.merge(json.dumps(light, ensure_ascii=False)))
    whole = screen(items)
    assert [r["id"] for r in merged["rows"]] == [r["id"] for r in whole["rows"]]
    assert [r["rank"] for r in merged["rows"]] == [1, 2, 3, 4]
    assert merged["unreadable"] == whole["unreadable"]
    assert merged["aspects"] == whole["aspects"]


def test_exports_follow_the_ids_given():
    session = BatchSession()
    result = json.loads(session.screen(batch_apps.five_items()))
    ids = [r["id"] for r in result["rows"]]
    long_intro = next(i for i, r in enumerate(result["rows"]) if r["source"] == "threshold.json")
    xlsx, docx, findings = session.export_summary([ids[long_intro], ids[0]], "局", "人")
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    names = [r[1] for r in ws.iter_rows(min_row=8, values_only=True)]  # under the header, guidance and keys
    assert names == [result["rows"][long_intro]["name"], result["rows"][0]["name"]]
    assert [f["id"] for f in json.loads(findings)] == ["summary.intro_length"]
    assert docx.startswith(b"PK")
    xlsx, csv = session.export_comparison(list(reversed(ids)))
    lines = csv.decode("utf-8-sig").splitlines()
    assert lines[1].split(",")[1] == result["rows"][-1]["name"]
    meta = json.loads(session.meta())
    assert meta["rules"]["core.output_growth"]["title"]


def test_warm_up_screens_the_example_without_keeping_it():
    session = BatchSession()
    session.warm_up()
    assert session.result is None
