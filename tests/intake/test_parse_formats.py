"""The same application in every input format reads to the same values."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from checker.intake.parse import NotText, parse, parse_bytes
from checker.law.pack import load_catalogue
from tests.intake.render import rows, to_lines, to_tsv

CAT = load_catalogue()
Y0, Y1, Y2 = CAT.years
S1, S2 = CAT.stage_years  # the target table's stage columns

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "checker" / "data" / "example-application.json"
SPEC = ROOT.parent / "shared" / "spec" / "example-application.json"  # shared/ beside the repository
WORD = Path(__file__).with_name("data") / "word_paste.tsv"


@pytest.fixture(scope="module")
def text() -> str:
    return (EXAMPLE if EXAMPLE.exists() else SPEC).read_text("utf-8")


@pytest.fixture(scope="module")
def doc(text):
    return json.loads(text, parse_float=Decimal)


@pytest.fixture(scope="module")
def from_json(text):
    return parse(text)


def test_example_reads_cleanly(from_json):
    assert from_json.input_format == "json"
    assert not from_json.findings
    assert from_json.values["basic.land_area_km2"] == Decimal("36.50")
    assert from_json.raw["basic.land_area_km2"] == "36.50"
    assert from_json.values["industry.chain_actions"] == (
        "chain_map", "academia", "supply_sales_coordination", "chain_leader")
    assert from_json.values["plan.targets.co2.unit"] == "吨二氧化碳/万元"
    assert from_json.values["innovation.platforms.national"].count == 0
    assert from_json.values["innovation.platforms.national"].names == ()


@pytest.mark.parametrize("render, fmt", [
    (lambda d: to_tsv(d), "tsv"),
    (lambda d: to_tsv(d, keys=False), "tsv"),
    (lambda d: to_lines(d), "lines"),
])
def test_renderings_agree_with_json(doc, from_json, render, fmt):
    app = parse(render(doc))
    assert app.input_format == fmt
    assert app.values == from_json.values
    assert app.raw == from_json.raw
    assert not app.findings


def test_row_contract_header_repeats_and_crlf(doc, from_json):
    tsv = to_tsv(doc)
    lines = tsv.splitlines()
    again = "\r\n".join(lines[:40] + [lines[0]] + lines[40:]) + "\r\n"
    assert parse(again).values == from_json.values


def test_row_contract_without_header(doc, from_json):
    tsv = "\n".join(to_tsv(doc).splitlines()[1:])
    assert parse(tsv).values == from_json.values


def test_excel_quoted_multiline_cell():
    text = (f"键\t栏目\t单位\t值\t{Y0} 年\t{Y1} 年\t{Y2} 年\n"
            'plan.plan_text\t发展规划\t\t"一、简介\n二、成效 ""好""\t完"\t\t\t\n'
            "basic.land_area_km2\t集群占地面积(平方公里)\t平方公里\t36.50\t\t\t\n")
    app = parse(text)
    assert app.values["plan.plan_text"] == '一、简介\n二、成效 "好"\t完'
    assert app.values["basic.land_area_km2"] == Decimal("36.50")


def test_word_paste_matches_json(from_json):
    app = parse(WORD.read_text("utf-8"))
    assert app.input_format == "tsv"
    assert not app.findings
    for path, value in app.values.items():
        assert from_json.values[path] == value, path
    # the paste covers the form's tables (附件1, 发展规划 text and 阶段性目标 are not in it)
    covered = [p for p in from_json.values if not p.startswith(("summary.", "plan.stage_goals", "plan.plan_text",
                                                                  "plan.extra_targets"))
               and p not in (f"plan.targets.quality_sme_count.{S1}", f"plan.targets.quality_sme_count.{S2}")]
    assert [p for p in covered if p not in app.values] == []


def test_same_named_rows_by_context():
    app = parse("县级行政区划中小企业主管部门\t甲局\n联系人\t张三\t联系方式\t1\n"
                "集群运营管理机构\t乙委\n联系人\t李四\t联系方式\t2\n"
                "工业用水重复利用率（%）\t88.00\n是否高于行业平均水平\t☐ 是 ☑ 否 ☐ 不适用\n")
    v = app.values
    assert (v["basic.authority_contact"], v["basic.operator_contact"]) == ("张三", "李四")
    assert (v["basic.authority_phone"], v["basic.operator_phone"]) == ("1", "2")
    assert v["green.water_reuse_above_avg"] == "否" and "green.solid_waste_above_avg" not in v


def test_yearly_line_forms():
    for text in ("集群总产值（亿元）：68.20 / 76.90 / 86.40",
                 "集群总产值（亿元）：68.20；76.90；86.40",
                 "集群总产值（亿元）：68.20 76.90 86.40",
                 f"集群总产值（亿元）：{Y0} 年 68.20，{Y1} 年 76.90，{Y2} 年 86.40",
                 f"集群总产值（亿元）{Y0} 年：68.20\n集群总产值（亿元）{Y1} 年：76.90\n集群总产值（亿元）{Y2}年：86.40",
                 f"集群总产值（亿元）（{Y0} 年）：68.20\n集群总产值(亿元)({Y1}年): 76.90\n集群总产值{Y2} 年：86.40",
                 f"industry.total_output.{Y0}: 68.20\nindustry.total_output.{Y1}: 76.90\nindustry.total_output.{Y2}=86.40",
                 "industry.total_output: 68.20 / 76.90 / 86.40"):
        app = parse(text)
        assert [app.values.get(f"industry.total_output.{y}") for y in (Y0, Y1, Y2)] == \
            [Decimal("68.20"), Decimal("76.90"), Decimal("86.40")], text
        assert not app.findings, text


def test_wrong_count_of_yearly_values_is_a_finding():
    app = parse("集群总产值（亿元）：68.20 / 76.90")
    assert app.values == {} and [f.id for f in app.findings] == ["input.wrong_type"]
    assert app.findings[0].field == "industry.total_output"


def test_json_partial_and_empty_boxes():
    app = parse(f'{{"industry": {{"chain_actions": [], "total_output": {{"{Y0}": "６８．２０"}}}}}}')
    assert app.values == {f"industry.total_output.{Y0}": Decimal("68.20"), "industry.chain_actions": ()}


def test_json_labels_and_booleans():
    app = parse('{"industry": {"quality_actions": ["开展了质量诊断服务"]}, '
                '"basic": {"provincial_cluster": true, "misconduct": false}}')
    assert app.values["industry.quality_actions"] == ("quality_diagnosis",)
    assert app.values["basic.provincial_cluster"] == "是" and app.values["basic.misconduct"] == "否"


def test_json_flat_keys():
    app = parse(f'{{"industry.total_output.{Y0}": 68.20, "basic.land_area_km2": "36.50"}}')
    assert app.values == {"basic.land_area_km2": Decimal("36.50"), f"industry.total_output.{Y0}": Decimal("68.20")}


def test_json_wrong_types_everywhere_are_findings():
    app = parse('{"basic": [1], "industry": {"total_output": true, "chain_actions": {"x": 1}, '
                f'"enterprise_count": {{"{Y0}": [1], "{Y1}": "NaN", "{S1}": 1}}}}, '
                f'"innovation": {{"platforms": {{"national": {{"count": {{}}, "names": [1]}}}}, "standards": {{"{Y0}": 5}}}}, '
                '"plan": {"targets": {"co2": []}, "extra_targets": {"a": 1}}, "nonsense": 1}')
    ids = {f.id for f in app.findings}
    assert ids <= {"input.wrong_type", "input.unknown_key", "input.unreadable"}
    assert len(app.findings) >= 10
    assert app.values == {}


def test_broken_json_is_one_finding():
    app = parse('{"basic": {"land_area_km2": 36.50,}}')
    assert app.input_format == "json" and [f.id for f in app.findings] == ["input.unreadable"]
    assert "第 1 行" in app.findings[0].message


def test_parse_bytes_detects_binary():
    with pytest.raises(NotText):
        parse_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(NotText):
        parse_bytes(bytes(range(256)) * 4)
    assert parse_bytes("集群名称：甲".encode("gb18030")).values == {"cover.cluster_name": "甲"}
    assert parse_bytes("\ufeff集群名称：甲".encode("utf-16")).values == {"cover.cluster_name": "甲"}
    assert parse_bytes("集群名称：甲".encode("utf-8-sig")).values == {"cover.cluster_name": "甲"}


def test_annex1_table_with_its_hint_row():
    hint = (f"（集群主导产业链条描述，行业地位，荣誉称号等。{Y2} 年，集群总产值，中小企业数量，专精特新中小企业数量，"
            "专精特新“小巨人”企业数量，制造业单项冠军数量。近三年集群中小企业主持制定国家标准和行业标准数量，"
            "中小企业有效发明专利数量，万人发明专利拥有量等。）")
    text = (f"附件 1\n{CAT.section('summary').title}\n市州经信部门：（盖章）样例市经济和信息化局\n"
            "联系人和手机：王五 13800000000\n"
            "序号\t集群名称\t集群运营管理机构\t所在省、市、县（区）\t主导产业\t集群成立时间\t集群简介（300 字以内）\n"
            f"\t\t\t\t\t\t{hint}\n"
            "1\t甲集群\t甲管委会\t湖北省样例市样例区\t汽车零部件\t2009年\t简介。\n")
    app = parse(text)
    assert not app.findings
    assert app.values == {
        "summary.bureau": "样例市经济和信息化局", "summary.bureau_contact": "王五 13800000000",
        "summary.no": Decimal(1), "summary.name": "甲集群", "summary.operator": "甲管委会",
        "summary.location": "湖北省样例市样例区", "summary.leading_industry": "汽车零部件",
        "summary.founded": "2009年", "summary.intro": "简介。"}


def test_keyed_rows_without_header():
    app = parse("basic.land_area_km2\t集群占地面积(平方公里)\t平方公里\t36.50\n"
                "industry.total_output\t68.20\t76.90\t86.40\n"
                "cover.cluster_name\t集群名称\t\t甲\n")
    assert app.values == {"cover.cluster_name": "甲", "basic.land_area_km2": Decimal("36.50"),
                          f"industry.total_output.{Y0}": Decimal("68.20"),
                          f"industry.total_output.{Y1}": Decimal("76.90"),
                          f"industry.total_output.{Y2}": Decimal("86.40")}
    assert not app.findings


def test_years_in_another_order_follow_the_year_row():
    app = parse(f"年度\t{Y2} 年\t{Y1} 年\t{Y0} 年\n集群总产值（亿元）\t86.40\t76.90\t68.20\n")
    assert app.values[f"industry.total_output.{Y0}"] == Decimal("68.20")
    assert app.values[f"industry.total_output.{Y2}"] == Decimal("86.40")


def test_conflicting_duplicate_is_reported_last_wins():
    app = parse("集群占地面积(平方公里)：36.50\n集群占地面积(平方公里)：40.00\n")
    assert app.values["basic.land_area_km2"] == Decimal("40.00")
    assert [f.id for f in app.findings] == ["input.duplicate"]


def test_region_in_one_cell():
    for text in ("所属地区: 湖北省(区、市)样例市(区)样例区(市、区)", "所属地区：湖北省 样例市 样例区"):
        app = parse(text)
        assert [app.values[f"cover.region.{p}"] for p in ("province", "city", "county")] == \
            ["湖北省", "样例市", "样例区"]


def test_plan_text_over_several_lines():
    app = parse("发展规划（3000 字以内）：一、集群基本情况简介\n集群位于样例区。\n二、发展成效\n（一）总体思路：聚焦底盘。\n"
                "集群占地面积(平方公里)：36.50\n")
    assert app.values["plan.plan_text"] == "一、集群基本情况简介\n集群位于样例区。\n二、发展成效\n（一）总体思路：聚焦底盘。"
    assert app.values["basic.land_area_km2"] == Decimal("36.50")
    assert not app.findings


def test_label_blank_value_lines():
    app = parse("集群占地面积(平方公里) 36.50\n集群总产值（亿元）  68.20 76.90 86.40\n是否建立集群碳排放监测机制 是\n")
    assert app.values["basic.land_area_km2"] == Decimal("36.50")
    assert app.values[f"industry.total_output.{Y2}"] == Decimal("86.40")
    assert app.values["green.carbon_monitoring"] == "是"
    assert app.input_format == "lines" and not app.findings


def test_blank_templates_read_as_unanswered():
    from checker.law.template import template_json, template_tsv

    assert parse(template_tsv()).values == {} and not parse(template_tsv()).findings
    blank = parse(template_json())
    assert not blank.findings
    # the JSON blank pre-fills the CO2 row's unit and an empty 其它 list, nothing else
    assert set(blank.values) <= {"plan.targets.co2.unit", "plan.extra_targets"}


def test_box_label_and_mark_in_two_columns():
    app = parse("集群已开展的质量品牌建设工作\n开展了先进质量管理模式推广\t☑\n开展了质量诊断服务\t☐\n")
    assert app.values["industry.quality_actions"] == ("quality_model",)


def test_row_contract_without_key_column(doc, from_json):
    """Our .xlsx hides the 键 column: a copy of 栏目 to the last year's column, with or without the header row."""
    body = ["\t".join(r[1:]) for r in rows(doc)]
    with_header = "\n".join([f"栏目\t单位\t值\t{Y0} 年\t{Y1} 年\t{Y2} 年"] + body) + "\n"
    assert parse(with_header).values == from_json.values
    assert parse("\n".join(body) + "\n").values == from_json.values


def test_rows_of_a_sheet_of_ones_own_are_reported():
    text = (f"键\t栏目\t单位\t值\t{Y0} 年\t{Y1} 年\t{Y2} 年\n"
            "basic.land_area_km2\t集群占地面积(平方公里)\t平方公里\t12.50\t\t\t\n"
            "这一页是自己加的说明\t随便写写\t\t\t\t\t\n"
            "集群企业数量\t\t\t\t330\t338\t341\n")
    app = parse(text)
    assert app.values["basic.land_area_km2"] == Decimal("12.50")
    assert app.values[f"industry.enterprise_count.{Y2}"] == Decimal("341")
    (f,) = app.findings
    assert f.id == "input.unknown_label" and f.raw.startswith("这一页是自己加的说明")


def test_a_bracket_line_is_not_taken_for_json():
    app = parse("[注] 以下为申报数据\n集群占地面积(平方公里)：36.50\n")
    assert app.input_format == "lines"
    assert app.values == {"basic.land_area_km2": Decimal("36.50")}


def test_years_down_the_side_in_lines():
    app = parse(f"近三年集群单位产值能耗（吨标准煤/万元）\t{Y0} 年\t0.15\n{Y1} 年：0.14\n\t{Y2} 年\t0.13\n")
    assert [app.values[f"green.energy_intensity.{y}"] for y in (Y0, Y1, Y2)] == \
        [Decimal("0.15"), Decimal("0.14"), Decimal("0.13")]


@pytest.mark.parametrize("text", [
    '{"innovation": {"platforms": "无", "standards": "暂无"}}',
    "创新平台建设情况 (需提供清单及佐证材料)\t无\n"
    "近三年集群中小企业主持 (起草单位排名前三位) 或参与制修订标准数量情况 (需提供清单)\t暂无\n",
    "创新平台建设情况：无\n近三年集群中小企业主持（起草单位排名前三位）或参与制修订标准数量情况：暂无\n",
])
def test_none_for_a_whole_group_reads_alike_in_every_format(text):
    app = parse(text)
    assert not app.findings, app.findings
    assert {p: v.count for p, v in app.values.items() if p.startswith("innovation.platforms.")} == {
        f"innovation.platforms.{k}": Decimal(0) for k in ("national", "provincial", "other")}
    cells = {p: v for p, v in app.values.items() if p.startswith("innovation.standards.")}
    assert len(cells) == 24 and set(cells.values()) == {Decimal(0)}


def test_other_text_on_a_group_label_row_is_still_reported():
    """Reported on the group, naming the rows it should be written in (it is a label of the form)."""
    (found,) = parse("创新平台建设情况\t有三个\n").findings
    assert (found.id, found.field, found.raw) == ("input.unreadable", "innovation.platforms", "有三个")
    assert "“省级制造业创新中心或省级创新平台名称及数量”" in found.message and "不是申报表上的栏目" not in found.message


@pytest.mark.parametrize("text, values", [
    # figures of 2000–2099 are figures, not the years of a header row
    ("集群企业数量\t2005\t2060\t2099\n", {Y0: "2005", Y1: "2060", Y2: "2099"}),
    ("集群企业数量\t2050\t\t\n", {Y0: "2050"}),
    # a year left blank in a table row: each value stays under its year
    ("集群企业数量\t\t330\t341\n", {Y1: "330", Y2: "341"}),
    ("集群企业数量\t330\t\t\n", {Y0: "330"}),
])
def test_yearly_cells_are_read_in_place(text, values):
    app = parse(text)
    assert {k: str(v) for k, v in app.values.items()} == {f"industry.enterprise_count.{y}": v for y, v in values.items()}
    assert not app.findings


def test_a_figure_line_without_its_cells_still_needs_every_year():
    """``集群总产值：68.20``: no cells tell which year it is."""
    assert [f.id for f in parse("集群总产值（亿元）：68.20\n").findings] == ["input.wrong_type"]
