"""One test per normalisation the contract names, each with what is reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.intake.parse import parse
from checker.law.pack import load_catalogue

Y0, Y1, Y2 = load_catalogue().years


def one(text: str):
    app = parse(text)
    return app, {n.how for n in app.normalised}, [f.id for f in app.findings]


@pytest.mark.parametrize("typed, value, raw, how", [
    ("１２．５０", Decimal("12.50"), "12.50", "全角字符转为半角"),
    ("12.50%", Decimal("12.50"), "12.50", "去掉单位“%”"),
    ("１２．５０％", Decimal("12.50"), "12.50", "全角字符转为半角"),
    (" 12.50 ", Decimal("12.50"), "12.50", "去掉首尾空白"),
    ("\u300012.50\u3000", Decimal("12.50"), "12.50", "去掉首尾空白"),
])
def test_percent_typing(typed, value, raw, how):
    app, hows, finds = one(f"digital.cloud_rate\t{typed}\t\n")
    assert app.values["digital.cloud_rate"] == value
    assert app.raw["digital.cloud_rate"] == raw
    assert how in hows and not finds


@pytest.mark.parametrize("typed", ["1,234.50", "1，234.50", "１，２３４．５０", "1 234.50"])
def test_thousands_separators(typed):
    app, hows, finds = one(f"集群外商直接投资额（万元）{Y0} 年：{typed}")
    assert app.values[f"industry.fdi.{Y0}"] == Decimal("1234.50")
    assert app.raw[f"industry.fdi.{Y0}"] == "1234.50"
    assert "去掉千位分隔符" in hows and not finds


def test_wan_yuan_converted_to_yi_yuan_when_unit_written():
    app, hows, _ = one(f"集群总产值（亿元）{Y0} 年：682000万元")
    assert app.values[f"industry.total_output.{Y0}"] == Decimal("68.2")
    assert app.raw[f"industry.total_output.{Y0}"] == "682000"  # as typed, for the decimals check
    assert any("万元换算为亿元" in h for h in hows)


def test_yi_yuan_converted_to_wan_yuan():
    app, hows, _ = one(f"集群外商直接投资额（万元）{Y1} 年：1.32亿元")
    assert app.values[f"industry.fdi.{Y1}"] == Decimal("13200")
    assert any("亿元换算为万元" in h for h in hows)


def test_bare_number_is_in_the_fields_unit():
    app, hows, _ = one(f"集群总产值（亿元）{Y0} 年：68.20")
    assert app.values[f"industry.total_output.{Y0}"] == Decimal("68.20")
    assert not hows


@pytest.mark.parametrize("typed, unit", [("36.50平方公里", "平方公里"), ("312家", "家"), ("6 件", "件"),
                                         ("0.36吨二氧化碳/万元", "吨二氧化碳/万元")])
def test_units_after_numbers(typed, unit):
    label = {"平方公里": "集群占地面积(平方公里)", "家": f"其中：集群中小企业数量{Y2} 年",
             "件": "集群中小企业 PCT 国际专利申请量", "吨二氧化碳/万元":
             f"近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）{Y2} 年"}[unit]
    app, hows, finds = one(f"{label}：{typed}")
    assert len(app.values) == 1 and not finds
    assert f"去掉单位“{unit}”" in hows


def test_wrong_unit_is_a_finding_and_missing():
    app, _, finds = one(f"集群总产值（亿元）{Y0} 年：68.20家")
    assert f"industry.total_output.{Y0}" not in app.values
    assert finds == ["input.unit_mismatch"]
    assert app.findings[0].field == f"industry.total_output.{Y0}"
    assert app.findings[0].raw == "68.20家"


@pytest.mark.parametrize("word", ["无", "暂无", "-", "—", "－"])
def test_none_is_zero_for_counts_and_amounts(word):
    app, hows, finds = one(f"集群企业数量{Y0} 年：{word}\n集群外商直接投资额（万元）{Y0} 年：{word}")
    assert app.values[f"industry.enterprise_count.{Y0}"] == 0
    assert app.values[f"industry.fdi.{Y0}"] == 0
    assert "“无”按 0 计" in hows and not finds


@pytest.mark.parametrize("label, path", [
    ("集群中小企业上云比例 (%)", "digital.cloud_rate"),
    ("近三年集群中小企业有效发明专利年均增速 (%)", "innovation.invention_patent_cagr"),
    (f"近三年集群单位产值能耗（吨标准煤/万元）{Y0} 年", f"green.energy_intensity.{Y0}"),
])
def test_none_is_a_finding_for_pct_growth_intensity(label, path):
    app, _, finds = one(f"{label}：无")
    assert path not in app.values
    assert finds == ["input.none_not_allowed"]
    assert app.findings[0].field == path and app.findings[0].raw == "无"


def test_none_is_text_for_text():
    app, _, finds = one("集群产业链强链补链情况 (200 字以内)：无")
    assert app.values["industry.chain_text"] == "无" and not finds


def test_empty_is_missing_not_none():
    app = parse("集群企业数量\t\t\t\n集群产业链强链补链情况 (200 字以内)\t\n")
    assert app.values == {} and not app.findings


@pytest.mark.parametrize("typed, answer", [
    ("是", "是"), ("否", "否"), ("true", "是"), ("FALSE", "否"), ("☑ 是 ☐ 否", "是"),
    ("☐是 ■否", "否"), ("☐ 是 ☑ 否（如涉及，需提供佐证材料）", "否"),
])
def test_yes_no(typed, answer):
    app, _, finds = one(f"是否建立集群碳排放监测机制：{typed}")
    assert app.values["green.carbon_monitoring"] == answer and not finds


@pytest.mark.parametrize("typed", ["不适用", "非高耗能行业，不适用", "☐ 是 ☐ 否 ☑ 非高耗能行业，不适用"])
def test_not_applicable(typed):
    app = parse(f"属于高耗能行业的集群，能效水平是否达到行业基准值：{typed}")
    assert app.values["basic.energy_benchmark_met"] == "不适用"


def test_yes_no_unreadable_is_a_finding():
    app, _, finds = one("是否建立集群碳排放监测机制：也许")
    assert app.values == {} and finds == ["input.unreadable"]


@pytest.mark.parametrize("mark, ticked", [("☑", True), ("✓", True), ("√", True), ("■", True), ("是", True),
                                          ("☐", False), ("□", False), ("否", False)])
def test_box_marks_in_box_rows(mark, ticked):
    app = parse(f"industry.chain_actions.chain_map\t{mark}\nindustry.chain_actions.academia\t否\n")
    assert app.values["industry.chain_actions"] == (("chain_map",) if ticked else ())


def test_box_rows_all_empty_is_missing():
    app = parse("industry.chain_actions.chain_map\t\nindustry.chain_actions.academia\t\n")
    assert "industry.chain_actions" not in app.values


def test_checks_by_labels_keys_and_none():
    app = parse("集群已开展的产业链资源协同协作工作：开展通用生产设备共享、开展物流、仓储、设计等服务资源共享\n"
                "集群已开展的质量品牌建设工作：quality_model；collective_mark\n"
                "集群已开展的绿色低碳相关工作：无\n")
    assert app.values["industry.resource_actions"] == ("equipment_sharing", "service_sharing")
    assert app.values["industry.quality_actions"] == ("quality_model", "collective_mark")
    assert app.values["green.green_actions"] == ()
    assert not app.findings


def test_unknown_box_is_a_finding_others_kept():
    app = parse("集群已开展的质量品牌建设工作：quality_model、开了个会")
    assert app.values["industry.quality_actions"] == ("quality_model",)
    assert [f.id for f in app.findings] == ["input.unknown_label"]


def test_named_count_forms():
    app = parse("集群内产业联盟组织情况：数量：2个 名称：甲联盟、乙协会\n"
                "集群或集群内企业在境外设立分支机构数量：3 个（需提供清单及相关佐证材料）\n"
                "open.overseas_branches.names\t某工厂；某中心\n")
    a = app.values["governance.alliances"]
    assert a.count == 2 and a.names == ("甲联盟", "乙协会")
    b = app.values["open.overseas_branches"]
    assert b.count == 3 and b.names == ("某工厂", "某中心")


def test_a_count_with_a_fraction_is_read_as_written():
    # Not refused by the parser: form.ranges flags it and it cannot pass a check.
    app, _, finds = one(f"集群企业数量{Y0} 年：12.5")
    assert app.values == {f"industry.enterprise_count.{Y0}": Decimal("12.5")} and finds == []


def test_int_decimals_accepted_when_whole():
    app = parse(f"集群企业数量{Y0} 年：330.00")
    assert app.values[f"industry.enterprise_count.{Y0}"] == 330
    assert app.raw[f"industry.enterprise_count.{Y0}"] == "330.00"


def test_negative_growth_kept():
    app = parse("集群外商直接投资额增长率（%）：-3.20 / −1.00 / 0")
    assert [app.values[f"industry.fdi_growth.{y}"] for y in (Y0, Y1, Y2)] == \
        [Decimal("-3.20"), Decimal("-1.00"), Decimal("0")]


def test_text_kept_as_typed_but_stripped():
    app, hows, _ = one("集群名称\t  湖北省（样例）产业集群  \n")
    assert app.values["cover.cluster_name"] == "湖北省（样例）产业集群"
    assert "去掉首尾空白" in hows


def test_markup_is_text_with_a_finding():
    app, _, finds = one("集群名称：<script>alert(1)</script>")
    assert app.values["cover.cluster_name"] == "<script>alert(1)</script>"
    assert finds == ["input.markup"]


def test_control_characters_removed_and_reported():
    app = parse("集群名称：样例\x00集群\x07")
    assert app.values["cover.cluster_name"] == "样例集群"
    assert app.findings[0].id == "input.control_characters"


def test_unknown_label_quotes_raw_and_is_truncated():
    app = parse("某个不存在的栏目：" + "1" * 500)
    (f,) = app.findings
    assert f.id == "input.unknown_label" and f.field == "input"
    assert len(f.raw) < 120 and f.raw.startswith("某个不存在的栏目")


def test_unknown_key():
    app = parse("industry.no_such_field\t12\n")
    assert [f.id for f in app.findings] == ["input.unknown_key"]


def test_long_number_refused_without_int_conversion():
    app = parse(f"集群总产值（亿元）{Y0} 年：" + "9" * 100_000)
    assert app.values == {} and app.findings[0].id == "input.unreadable"


def test_values_are_decimals_never_floats():
    import json

    doc = {"basic": {"land_area_km2": "36.50"}, "industry": {"total_output": {Y0: 68.2}}}
    app = parse(json.dumps(doc))
    assert all(type(v) is Decimal for v in app.values.values())
