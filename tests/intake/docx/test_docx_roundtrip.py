"""A filled 申报表 .docx gives the report its data give as JSON: our template filled as a
person would, the seed's official layout with boxes written each way, and both again
after LibreOffice re-saved them."""

from __future__ import annotations

import json

import pytest

from checker import api
from tests.intake.docx.official_layout import BOX_STYLES, YEARS, expected_plan_text

PLAN_TEXT = "plan.plan_text"


def _report(data: bytes) -> dict:
    got = api.check_file(data, "申报表.docx")
    assert got["refused"] is None, got["refused"]
    assert got["text"] is None  # a Word file never goes into the text area
    return json.loads(got["report"])


def _judged(report: dict, plan_text: bool = True) -> dict:
    """What the applicant is told: every check, finding and line of evidence."""
    checks = report["checks"]
    if not plan_text:
        checks = [{**c, "inputs": {k: v for k, v in c["inputs"].items() if k != PLAN_TEXT}} for c in checks]
    return {"verdict": report["verdict"], "score": report["score"], "checks": checks,
            "findings": report["findings"], "evidence": report["evidence"]}


def test_our_template_filled_reads_as_its_json(filled_docx, oracle):
    report = _report(filled_docx)
    assert report["input_format"] == "docx"
    assert report["verdict"] == "eligible"
    assert _judged(report) == _judged(oracle)


@pytest.mark.parametrize("style", BOX_STYLES)
def test_the_official_layout_reads_as_its_json(official, oracle, form_doc, style):
    report = _report(official[style])
    assert _judged(report, plan_text=False) == _judged(oracle, plan_text=False)
    plan = next(c for c in report["checks"] if c["id"] == "governance.plan")
    assert plan["inputs"][PLAN_TEXT] == expected_plan_text(form_doc["plan"])


@pytest.mark.parametrize("name", ["template", *(f"official-{s}" for s in BOX_STYLES)])
def test_resaved_by_libreoffice_reads_the_same(resaved, oracle, name):
    report = _report(resaved[name])
    assert _judged(report, plan_text=name == "template") == _judged(oracle, plan_text=name == "template")


def test_the_blank_template_reads_as_blank(blank_docx):
    report = _report(blank_docx)
    assert report["verdict"] == "incomplete"
    assert {f["id"] for f in report["findings"]} == {"form.required"}
    assert not [n for n in report["normalised"] if n["how"] == "照原文读取"]  # nothing typed, nothing read


def test_where_each_value_came_from(filled_docx):
    report = _report(filled_docx)
    where = {n["field"]: n["source"] for n in report["normalised"]}
    assert where[f"industry.total_output.{YEARS[1]}"] == "二、主导产业情况，第 2 张表格第 2 行"
    assert where["basic.land_area_km2"] == "一、基本情况，第 1 张表格第 6 行"
    assert where["cover.cluster_name"].startswith("中小企业特色产业集群申报表，第 ")
    assert where[PLAN_TEXT].startswith("八、未来三年中小企业特色产业集群发展规划，第 ")
    # every value read is listed once with its place
    read = [n for n in report["normalised"] if n["source"]]
    assert len(read) > 150 and all(n["field"] != "input" for n in read)


def test_the_text_report_names_the_word_file(filled_docx, tmp_path):
    import subprocess
    import sys

    path = tmp_path / "申报表.docx"
    path.write_bytes(filled_docx)
    done = subprocess.run([sys.executable, "-m", "checker", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    assert "输入格式：Word 申报表" in text and "结论：符合" in text
