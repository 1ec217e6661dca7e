"""Part 八 of the 申报表 as applicants write it: prose is prose, 阶段性目标 are stage goals.

Inside 八 (after its heading, outside its 三年总体目标 table) a paragraph written as
``指标：数值`` is the applicant's text, not an answer to another part of the form: stage
goals are written as ``集群总产值：97.00亿元`` and introductions as ``主导产业：汽车零部件``.
Each case is read through the .docx, the pasted HTML and the text rows, and must give
the report of the same data as JSON.
"""

from __future__ import annotations

import pytest

from checker.intake.parse import parse
from checker.law.pack import load_catalogue
from tests.intake.docx.habits import (add_target_rows, after, apply, cell, changed, oracle_of, readings, replace_next,
                               target_row)
from tests.intake.docx.test_docx_roundtrip import _judged

CAT = load_catalogue()
Y0, _, Y2 = CAT.years
S1, S2 = CAT.stage_years
T = CAT.target_year  # the plan's third label, (3) <target year> 年度

GOALS = {S1: "集群总产值：97.00亿元", S2: "集群总产值：109.00亿元", T: "集群总产值：122.00亿元"}
LABELS = {S1: f"(1) {S1} 年度", S2: f"(2) {S2} 年度", T: f"(3) {T} 年度"}


def _plan_text(form_doc: dict, heading: str, lines: tuple[str, ...], replace: bool = False) -> str:
    """plan_text with ``lines`` after the text under ``heading`` (or in its place)."""
    parts = form_doc["plan"]["plan_text"].split("\n")
    at = parts.index(heading) + 1
    parts[at + (0 if replace else 1):at + 1] = list(lines)
    return "\n".join(parts)


def _agree(docx: bytes, expected: dict) -> dict:
    got = readings(docx)
    oracle = _judged(oracle_of(expected))
    for name, report in got.items():
        assert _judged(report) == oracle, name
    return got["docx"]


def test_stage_goals_written_as_label_and_figure_do_not_replace_the_table(filled_docx, form_doc):
    """The reviewer's A3: the first year's output 38.00 (不符合), goals written as 集群总产值：97.00亿元."""
    edits = [cell("集群总产值（亿元）", 1, "38.00")] + [replace_next(LABELS[y], GOALS[y]) for y in GOALS]
    expected = changed(form_doc, **{f"industry__total_output__{Y0}": "38.00"}, plan__stage_goals=dict(GOALS))
    report = _agree(apply(filled_docx, *edits), expected)
    assert report["verdict"] == "not_eligible"
    each_year = next(c for c in report["checks"] if c["id"] == "core.output_each_year")
    assert each_year["status"] == "fail" and each_year["value"] == "38.00"
    assert not [f for f in report["findings"] if f["id"] == "input.duplicate"]


def test_lines_added_under_a_stage_goal_belong_to_it(filled_docx, form_doc):
    lines = ("集群总产值：97.00亿元", "集群中小企业工业互联网平台应用普及率：38.00%")
    goal = "\n".join((form_doc["plan"]["stage_goals"][S1],) + lines)
    report = _agree(apply(filled_docx, after(LABELS[S1], *lines)), changed(form_doc, **{f"plan__stage_goals__{S1}": goal}))
    assert report["verdict"] == "eligible"


def test_a_target_indicator_in_a_stage_goal_is_not_the_target_table(filled_docx, form_doc):
    line = "研发经费投入：2.50亿元；有效发明专利数量：650个。"
    goal = form_doc["plan"]["stage_goals"][S2] + "\n" + line
    report = _agree(apply(filled_docx, after(LABELS[S2], line)), changed(form_doc, **{f"plan__stage_goals__{S2}": goal}))
    assert report["verdict"] == "eligible"


def test_a_goal_given_inline_after_its_year_label(filled_docx, form_doc):
    edits = [replace_next(LABELS[S1], "集群总产值：97.00亿元")]
    docx = apply(filled_docx, *edits)
    from docx import Document  # the label and its goal in one paragraph: (1) <first stage year> 年度：…
    import io

    d = Document(io.BytesIO(docx))
    paragraphs = d.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.strip() == LABELS[S1])
    paragraphs[at].runs[0].text = LABELS[S1] + "：集群总产值：97.00亿元"
    paragraphs[at + 1]._element.getparent().remove(paragraphs[at + 1]._element)
    out = io.BytesIO()
    d.save(out)
    _agree(out.getvalue(), changed(form_doc, **{f"plan__stage_goals__{S1}": "集群总产值：97.00亿元"}))


@pytest.mark.parametrize("heading, lines", [
    ("二、发展成效", (f"集群总产值：{Y2}年达到86.40亿元，较{Y0}年增长26.69%。",
                   f"集群企业数量：由{Y0}年的330家增加到{Y2}年的341家。")),
    ("三、存在的问题", ("集群中小企业研发投入强度（%）：3.50，低于全国先进集群水平。",
                     "工业互联网平台应用普及率：仅为30.77%，仍需提升。")),
    ("三、存在的问题", ("是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为：经核查，集群内个别企业曾受到税务行政处罚，已整改完毕。",)),
    ("四、未来三年中小企业特色产业集群发展规划", ("集群占地面积(平方公里)：规划扩展至120.00平方公里。",
                                        "研发经费投入：2.50亿元。")),
])
def test_prose_written_as_label_and_value_is_prose(filled_docx, form_doc, heading, lines):
    expected = changed(form_doc, plan__plan_text=_plan_text(form_doc, heading, lines))
    report = _agree(apply(filled_docx, after(heading, *lines)), expected)
    assert report["verdict"] == "eligible"
    assert report["findings"] == []


@pytest.mark.parametrize("text", [f"主导产业：汽车零部件。集群位于样例区汽车零部件产业园，{Y2}年总产值86.40亿元，拥有中小企业312家。",
                                  "集群名称：湖北省样例市样例区汽车零部件产业集群。集群位于样例区汽车零部件产业园。"])
def test_an_introduction_that_starts_with_a_label_is_the_introduction(filled_docx, form_doc, text):
    """Not read as 附件1's 主导产业 (and then 附件1 demanded of a 申报表), nor as 集群名称."""
    heading = "一、集群基本情况简介"
    expected = changed(form_doc, plan__plan_text=_plan_text(form_doc, heading, (text,), replace=True))
    report = _agree(apply(filled_docx, replace_next(heading, text)), expected)
    assert report["verdict"] == "eligible"
    assert report["findings"] == []


def test_stage_goal_text_without_a_year_is_reported_not_guessed(filled_docx, form_doc):
    """Text under 阶段性目标 before any ``(1) <first stage year> 年度`` label: no year to give it, no value read."""
    docx = apply(filled_docx, after("2.阶段性目标", f"集群总产值：{S1}年97.00亿元、{S2}年109.00亿元。", directly=True))
    for name, report in readings(docx).items():
        found = [f for f in report["findings"] if f["field"] == "plan.stage_goals"]
        assert found and f"{S1} 年度" in found[0]["message"], name
        assert report["verdict"] == "eligible", name
        assert not [f for f in report["findings"] if f["id"] == "input.duplicate"], name


def test_target_rows_as_lines_are_still_read_in_part_eight():
    """``标签：值`` lines under the 八 heading: the target rows and full labels are answers."""
    text = ("八、未来三年中小企业特色产业集群发展规划\n"
            "研发经费投入：2.10 / 2.85\n"
            f"三年总体目标：有效发明专利数量（{Y2} 年基准值）：512\n"
            "定性描述：开放合作：新增境外分支机构2个。\n"
            "开放合作：深化与德国企业的合作。\n"
            f"阶段性目标：(1) {S1} 年度：集群总产值：97.00亿元\n")
    app = parse(text)
    assert str(app.values["plan.targets.rd_spend.base"]) == "2.10"
    assert str(app.values["plan.targets.rd_spend.target"]) == "2.85"
    assert str(app.values["plan.targets.invention_patents.base"]) == "512"
    assert app.values["plan.qualitative_targets.open"] == "新增境外分支机构2个。"
    assert app.values[f"plan.stage_goals.{S1}"] == "集群总产值：97.00亿元"
    assert f"industry.total_output.{Y0}" not in app.values
    assert app.values["plan.plan_text"] == "开放合作：深化与德国企业的合作。"


def _extra(direction: str, indicator: str, base: str, target: str) -> dict:
    return {"direction": direction, "indicator": indicator, "base": base, "target": target}


@pytest.mark.parametrize("edits, extras", [
    # the 其它 row filled: 其它 | 集群品牌价值（亿元） | 12.00 | 20.00 (43, 174)
    ([target_row(".....", "集群品牌价值（亿元）", "12.00", "20.00", nth=4)],
     [_extra("其它", "集群品牌价值（亿元）", "12.00", "20.00")]),
    # own indicators typed in the "....." rows under 创新 (170)
    ([target_row(".....", "省级以上技术创新示范企业数量（家）", "8", "12", nth=1)],
     [_extra("创新", "省级以上技术创新示范企业数量（家）", "8", "12")]),
    # an own indicator named like a field of part 五 is still an 其它 target (172)
    ([target_row(".....", "工业用水重复利用率（%）", "85.00", "90.00", nth=3)],
     [_extra("绿色化", "工业用水重复利用率（%）", "85.00", "90.00")]),
    # rows added under 其它 (44)
    ([add_target_rows(("其它", "集群品牌价值（亿元）", "12.00", "20.00"), ("其它", "出口交货值（亿元）", "9.10", "14.00"))],
     [_extra("其它", "集群品牌价值（亿元）", "12.00", "20.00"), _extra("其它", "出口交货值（亿元）", "9.10", "14.00")]),
])
def test_own_indicators_of_the_target_table_are_other_targets(filled_docx, form_doc, edits, extras):
    report = _agree(apply(filled_docx, *edits), changed(form_doc, plan__extra_targets=extras))
    assert report["verdict"] == "eligible"
    assert report["findings"] == []
