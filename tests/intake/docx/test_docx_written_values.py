"""Values as applicants write them in the 申报表's cells (review section 2): each is read,
and read the same through the .docx, the pasted HTML and the text rows, as the same data
given as JSON; what is set aside (a remark, a unit written short) is reported in 已读取."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from docx.oxml.ns import qn

from checker import api
from tests.intake.docx.habits import apply, cell, changed, deleted_row, extra_cell, find_row, readings, set_text, struck
from tests.intake.docx.test_docx_plan_part import _agree
from tests.intake.docx.test_docx_roundtrip import _judged

SOFTWARE = "工业软件采购金额"
OUTPUT = "集群总产值（亿元）"
OVERSEAS = "集群或集群内企业在境外设立分支机构数量"
MISCONDUCT = "是否存在偷税漏税"


def _hows(report: dict, field: str) -> list[str]:
    return [n["how"] for n in report["normalised"] if n["field"].startswith(field)]


@pytest.mark.parametrize("values", [("820.00万元", "960.00万元", "1130.00万元"),
                                    ("820.00 万元", "960.00 万元", "1130.00 万元"),
                                    ("８２０.００万元", "９６０.００万元", "１１３０.００万元")])
def test_units_in_the_values_under_the_years(filled_docx, form_doc, values):
    """工业软件采购金额: years in one row, values beneath; the values may carry their unit."""
    def edit(d) -> None:
        under = find_row(d, SOFTWARE).getnext()  # its label cell is merged with the years' row
        for tc, v in zip(list(under.iterchildren(qn("w:tc")))[1:], values):
            set_text(tc, v)

    report = _agree(apply(filled_docx, edit), form_doc)
    assert report["findings"] == []


def test_a_remark_cell_added_after_the_last_year(filled_docx, form_doc):
    report = _agree(apply(filled_docx, extra_cell(OUTPUT, "初步统计")), form_doc)
    assert report["findings"] == []
    assert any("初步统计" in h for h in _hows(report, "industry.total_output"))


@pytest.mark.parametrize("base, target, expect", [
    ("311040吨", "255053吨", (Decimal("311040"), Decimal("255053"))),
    ("31.10万吨", "25.50万吨", (Decimal("311000.00"), Decimal("255000.00"))),
    ("311040 吨二氧化碳", "255053 吨二氧化碳", (Decimal("311040"), Decimal("255053"))),
])
def test_the_co2_target_as_a_total(filled_docx, form_doc, base, target, expect):
    """fields.md: the 二氧化碳排放量 row takes a total (吨二氧化碳); 吨 on that row is 吨二氧化碳."""
    co2 = {"unit": "吨二氧化碳", "base": expect[0], "target": expect[1]}
    docx = apply(filled_docx, cell("二氧化碳排放量", 2, base, label_column=1),
                 cell("二氧化碳排放量", 3, target, label_column=1))
    report = _agree(docx, changed(form_doc, plan__targets__co2=co2))
    assert report["verdict"] == "eligible" and report["findings"] == []


@pytest.mark.parametrize("text", ["3 个 (需提供清单及佐证材料)\n某公司墨西哥工厂、某公司德国研发中心、某公司泰国办事处",
                                  "3 个\n名称：某公司墨西哥工厂、某公司德国研发中心、某公司泰国办事处",
                                  "3 个 某公司墨西哥工厂、某公司德国研发中心、某公司泰国办事处"])
def test_a_count_with_its_names_after_it(filled_docx, form_doc, text):
    report = _agree(apply(filled_docx, cell(OVERSEAS, 1, text)), form_doc)
    assert report["findings"] == []


def test_a_ticked_answer_with_a_remark(filled_docx, form_doc):
    docx = apply(filled_docx, cell(MISCONDUCT, 1, "☐ 是 ☑ 否（经税务部门核实）"))
    report = _agree(docx, form_doc)
    assert report["verdict"] == "eligible" and report["findings"] == []
    assert any("经税务部门核实" in h for h in _hows(report, "basic.misconduct"))


@pytest.mark.parametrize("label, column, text", [
    (OUTPUT, 1, "68.20亿"),  # 亿 alone on a row in 亿元
    (OUTPUT, 1, "682000万元"),  # 万元 converted: 68.20, its two decimals kept
    ("集群中小企业从业人员数量", 2, "2.34万人"),
    ("集群占地面积", 1, "36.50（含规划区）"),
    ("集群中小企业工业互联网平台应用普及率", 1, "30.77%（96家/312家）"),
])
def test_scales_and_remarks_after_a_figure(filled_docx, form_doc, label, column, text):
    report = _agree(apply(filled_docx, cell(label, column, text)), form_doc)
    assert report["findings"] == []
    assert _hows(report, "")  # the reading is reported


def test_an_approximate_figure_is_refused_saying_why(filled_docx):
    for name, report in readings(apply(filled_docx, cell(OUTPUT, 3, "约86.40"))).items():
        (found,) = [f for f in report["findings"] if f["id"] == "input.unreadable"]
        assert "约数" in found["message"] and "确数" in found["message"], name


def test_an_old_value_struck_through_is_not_read(filled_docx, form_doc):
    """字体—删除线 on the old figure, the new one after it: the struck text is gone."""
    report = _agree(apply(filled_docx, struck(OUTPUT, 3, "38.00", "86.40")), form_doc)
    assert report["findings"] == []


def test_a_row_deleted_with_tracked_changes_is_not_read(filled_docx, oracle):
    """The deletion marked on the row only (w:trPr/w:del), its text left in w:t."""
    got = api.check_file(apply(filled_docx, deleted_row(OUTPUT, "38.00", "39.00", "39.50")), "申报表.docx")
    assert _judged(json.loads(got["report"])) == _judged(oracle)
