"""批量初审 in CPython: five applications screened, ordered, and their statuses."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.batch import batch_apps
from checker import api
from checker.batch.screen import (KEY_MARGINS, combine, margin_of, order_key, screen, screen_json, screen_part,
                           weakest_of)
from checker.law.pack import load_pack
from checker.law.rows import header

STATUS = load_pack().words.status


@pytest.fixture(scope="module")
def result():
    return screen(batch_apps.five_items())


def by_source(result, source):
    return next(r for r in result["rows"] if r["source"] == source)


def test_default_order_is_eligible_then_hard_passed_then_weakest_margin(result):
    # veto, incomplete and threshold pass as many hard checks; the veto is weaker than
    # any margin (even threshold's shortfall), so it comes last.
    assert [r["source"] for r in result["rows"]] == [
        "eligible.json", "incomplete.xlsx", "threshold.json", "veto.json"]
    assert [r["rank"] for r in result["rows"]] == [1, 2, 3, 4]
    assert [r["verdict"] for r in result["rows"]] == [
        "eligible", "incomplete", "not_eligible", "not_eligible"]
    assert [r["verdict_label"] for r in result["rows"]] == ["符合", "待补充", "不符合", "不符合"]


def test_the_unreadable_file_is_listed_with_its_reason_and_the_others_screened(result):
    assert len(result["rows"]) == 4
    [bad] = result["unreadable"]
    assert bad["source"] == "unreadable.xlsx"
    assert "损坏" in bad["reason"] or "不完整" in bad["reason"]


def test_names_come_from_the_application_not_the_file(result):
    for kind, name in batch_apps.NAMES.items():
        source = f"{kind}.xlsx" if kind == "incomplete" else f"{kind}.json"
        assert by_source(result, source)["name"] == name


def test_hard_checks_passed_drop_by_one_for_each_failing_or_missing_hard_check(result):
    eligible = by_source(result, "eligible.json")["hard"]
    assert eligible["passed"] == eligible["total"]
    for source in ("veto.json", "threshold.json", "incomplete.xlsx"):
        hard = by_source(result, source)["hard"]
        assert hard == {"passed": eligible["total"] - 1, "total": eligible["total"]}, source


def test_aspect_statuses_name_the_failing_aspect(result):
    eligible = by_source(result, "eligible.json")["aspects"]
    assert {a["status"] for k, a in eligible.items() if a["total"]} == {"pass"}
    veto = by_source(result, "veto.json")["aspects"]
    assert veto["veto"]["status"] == "fail" and veto["veto"]["label"] == STATUS["fail"]
    assert veto["core"]["status"] == "pass"
    threshold = by_source(result, "threshold.json")["aspects"]
    assert threshold["core"]["status"] == "fail" and threshold["veto"]["status"] == "pass"
    incomplete = by_source(result, "incomplete.xlsx")["aspects"]
    assert incomplete["innovation"]["status"] == "missing"
    assert incomplete["innovation"]["label"] == STATUS["missing"]
    assert list(result["aspects"])[0] == "veto"


def test_key_margins_are_taken_from_the_reports(result):
    eligible = by_source(result, "eligible.json")
    assert set(eligible["margins"]) == set(KEY_MARGINS)
    growth = eligible["margins"]["core.output_growth"]
    assert (growth["value"], growth["threshold"]) == ("12.55", "10")
    assert Decimal(growth["relative"]) == Decimal("0.2550")
    # The weakest point of the example: 80.20 % SME share over a 70 % line.
    assert eligible["weakest"]["id"] == "core.sme_output_share"
    assert eligible["weakest"]["relative"] == "0.1457"
    incomplete = by_source(result, "incomplete.xlsx")
    assert incomplete["margins"]["innovation.rd_growth"]["status"] == "missing"
    assert incomplete["margins"]["innovation.rd_growth"]["relative"] is None
    assert incomplete["weakest"] == {"id": "core.sme_output_share", "title": "中小企业产值占比",
                                     "relative": "0.0714", "band": "thin", "room": "高出门槛 7.1%"}
    threshold = by_source(result, "threshold.json")
    assert threshold["weakest"]["id"] == "core.output_each_year"
    assert Decimal(threshold["weakest"]["relative"]) < 0
    assert threshold["weakest"]["band"] == "fail" and threshold["weakest"]["room"] == "低于门槛 5.0%"
    assert eligible["margins"]["core.output_growth"]["room"] == "高出门槛 25.5%"
    assert eligible["margins"]["core.output_growth"]["band"] == "pass"


def test_findings_are_counted_and_full_reports_kept(result):
    for row in result["rows"]:
        assert row["findings"] == len(row["report"]["findings"])
        assert row["report"]["schema"] == "cluster-check-report/1"
    # The 简介 over 300 字 is a finding of the threshold application.
    assert by_source(result, "threshold.json")["findings"] > by_source(result, "eligible.json")["findings"]


def test_each_report_is_the_checkers_own_report(result):
    items = dict(batch_apps.five_items())
    for row in result["rows"]:
        data = items[row["source"]]
        if row["source"].endswith(".xlsx"):
            assert row["report"] == json.loads(api.check_xlsx(data))
        else:
            assert row["report"] == api.check_text(data.decode("utf-8"))


def test_summary_fields_for_the_recommendation_table(result):
    s = by_source(result, "eligible.json")["summary"]
    assert s["operator"] == "样例区汽车零部件产业园管理委员会"
    assert s["location"] == "湖北省样例市样例区"
    assert s["leading_industry"] == "汽车零部件" and s["founded"] == "2009年"
    assert s["bureau"] == "样例市经济和信息化局"


def test_relative_margin_is_margin_over_threshold_in_decimal():
    m = margin_of({"value": "86.40", "threshold": "40", "margin": "46.40", "status": "pass"})
    assert m["relative"] == "1.1600"
    assert weakest_of({"a": m}) == (Decimal("46.40") / Decimal("40"), "a")
    # Without a margin in the report, it is computed the way the comparison points.
    m = margin_of({"value": "120", "threshold": "100", "comparison": "<=", "status": "warn"})
    assert m["margin"] == "-20" and m["relative"] == "-0.2000"
    assert margin_of({"value": None, "threshold": "10", "status": "missing"})["relative"] is None


def test_weakest_margin_is_exact_not_the_rounded_display():
    # 1/3 and 0.33333 round alike to 4 places; exact Decimal still tells them apart.
    a = {"x": {"margin": "1", "threshold": "3"}}
    b = {"x": {"margin": "0.33333", "threshold": "1"}}
    assert weakest_of(a)[0] > weakest_of(b)[0]


def test_order_key_ties_fall_back_to_name_then_input_order():
    def row(i, name, verdict="eligible", passed=10, margin=None):
        margins = {} if margin is None else {"m": {"margin": margin, "threshold": "1"}}
        return {"seq": [i, 0], "name": name, "verdict": verdict, "hard": {"passed": passed},
                "margins": margins}
    rows = [row(0, "乙", margin="0.1"), row(1, "甲", margin="0.1"),
            row(2, "丙"), row(3, "丁", margin="0.3"),
            row(4, "戊", verdict="incomplete", passed=12, margin="5"),
            row(5, "甲", margin="0.1")]
    assert [(r["name"], r["seq"][0]) for r in sorted(rows, key=order_key)] == [
        ("丁", 3), ("乙", 0), ("甲", 1), ("甲", 5), ("丙", 2), ("戊", 4)]


def test_parts_screened_apart_combine_to_the_same_result():
    items = batch_apps.five_items()
    whole = screen(items)
    odd = screen_part(items[1::2], indexes=list(range(1, len(items), 2)))
    even = screen_part(items[0::2], indexes=list(range(0, len(items), 2)))
    assert combine([odd, even]) == whole


def test_screen_json_is_json_and_stable():
    items = batch_apps.five_items()
    text = screen_json(items)
    assert text == screen_json(items)
    data = json.loads(text)
    assert [r["rank"] for r in data["rows"]] == [1, 2, 3, 4]


def test_wide_paste_gives_one_application_per_column_with_the_same_reports():
    apps = batch_apps.applications()
    picked = [apps["eligible"], apps["threshold"], apps["veto"]]
    wide = screen([("粘贴的表格", batch_apps.wide_table(picked))])
    assert wide["unreadable"] == []
    alone = screen([(f"{k}.json", batch_apps.dumps(apps[k])) for k in ("eligible", "threshold", "veto")])
    got = {r["name"]: (r["verdict"], r["hard"], r["aspects"]) for r in wide["rows"]}
    want = {r["name"]: (r["verdict"], r["hard"], r["aspects"]) for r in alone["rows"]}
    assert got == want
    assert [r["source"] for r in wide["rows"]][0] == "粘贴的表格（第 1 个集群列）"


def test_wide_paste_by_labels_keeps_repeated_labels_apart():
    # 集群名称, 联系人, 联系方式 recur in several parts of the form: each keeps its place.
    apps = batch_apps.applications()
    picked = [apps["eligible"], apps["threshold"]]
    wide = screen([("粘贴的表格", batch_apps.wide_label_table(picked))])
    alone = screen([(f"{k}.json", batch_apps.dumps(apps[k])) for k in ("eligible", "threshold")])
    assert [(r["name"], r["verdict"], r["hard"], r["aspects"]) for r in wide["rows"]] == \
        [(r["name"], r["verdict"], r["hard"], r["aspects"]) for r in alone["rows"]]
    assert wide["rows"][0]["summary"] == alone["rows"][0]["summary"]


def test_a_two_column_paste_is_one_application_not_a_wide_table():
    from checker.intake.wide import is_wide

    assert not is_wide("集群名称\t湖北省样例市甲区汽车零部件产业集群\n集群占地面积(平方公里)\t36.50\n")
    assert not is_wide("集群总产值（亿元）\t68.20\t76.90\t86.40\n")
    assert not is_wide("\t".join(header(load_pack().catalogue)) + "\n")
    assert is_wide("集群名称\t甲集群\t乙集群\n")


@pytest.mark.parametrize("name,content,words", [
    ("空.json", b"", "为空"),
    ("扫描件.pdf", b"%PDF-1.7\n...", "PDF"),
    ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "另存为"),
    ("乱码.bin", bytes(range(256)), "二进制文件"),
    ("随便.txt", "今天天气很好。".encode(), "没有读到任何申报表栏目"),
])
def test_unreadable_inputs_each_get_a_reason(name, content, words):
    items = [(name, content), ("eligible.json", batch_apps.dumps(batch_apps.applications()["eligible"]))]
    result = screen(items)
    assert [r["source"] for r in result["rows"]] == ["eligible.json"]
    [bad] = result["unreadable"]
    assert bad["source"] == name and words in bad["reason"]


def test_a_renamed_word_file_is_named_as_such():
    from checker.batch.export import summary_docx

    docx = summary_docx([], bureau="", bureau_contact="")
    [bad] = screen([("申报表.xlsx", docx)])["unreadable"]
    assert "Word" in bad["reason"]


def test_gb18030_text_is_read():
    text = "集群名称：湖北省样例市样例区汽车零部件产业集群\n集群占地面积(平方公里)：36.50\n"
    result = screen([("gbk.txt", text.encode("gb18030"))])
    assert result["unreadable"] == []
    assert result["rows"][0]["name"] == "湖北省样例市样例区汽车零部件产业集群"


@pytest.mark.parametrize("bom, encoding", [(b"", "utf-16"), (b"\xfe\xff", "utf-16-be")])
def test_utf16_text_with_bom_is_read(bom, encoding):
    # Excel's "Unicode 文本" export is UTF-16 with a byte-order mark.
    text = "集群名称\t湖北省样例市样例区汽车零部件产业集群\n集群占地面积(平方公里)\t36.50\n"
    data = bom + text.encode(encoding)
    result = screen([("unicode.txt", data), ("gbk.txt", text.encode("gb18030"))])
    assert result["unreadable"] == []
    first, second = sorted(result["rows"], key=lambda r: r["source"])
    assert first["source"] == "gbk.txt" and second["source"] == "unicode.txt"
    assert second["name"] == "湖北省样例市样例区汽车零部件产业集群"
    # the same report; each says first how its file was decoded
    assert [n["raw"] for n in (first["report"]["normalised"][0], second["report"]["normalised"][0])] == \
        ["GB18030（GBK）", "UTF-16"]
    assert {**second["report"], "normalised": second["report"]["normalised"][1:]} == \
        {**first["report"], "normalised": first["report"]["normalised"][1:]}


def test_a_file_the_checker_chokes_on_is_listed_and_the_others_screened(monkeypatch):
    import checker.batch.screen as batch

    real = batch._read_one

    def choke(entry):
        if entry.source == "veto.json":
            raise ValueError("boom")
        return real(entry)

    monkeypatch.setattr(batch, "_read_one", choke)
    result = screen(batch_apps.five_items())
    assert len(result["rows"]) == 3
    bad = {u["source"]: u["reason"] for u in result["unreadable"]}
    assert "ValueError: boom" in bad["veto.json"] and "unreadable.xlsx" in bad


def test_a_forty_digit_figure_is_screened_with_plain_margins():
    forty = "1" + "0" * 39
    years = load_pack().catalogue.years
    text = api.example_text().replace(", ".join(f'"{y}": {v}' for y, v in zip(years, ("68.20", "76.90", "86.40"))),
                                      ", ".join(f'"{y}": {forty}' for y in years))
    assert text != api.example_text()
    row = screen([("huge.json", text)])["rows"][0]
    m = row["margins"]["core.output_each_year"]
    # (1e39 - 40) / 40, in plain digits (the batch's own 28-digit context rounds it)
    assert m["relative"] == "25" + "0" * 36 + ".0000"
    assert m["room"] == "高出门槛 25" + "0" * 38 + ".0%"


def test_a_wide_table_past_the_cluster_limit_says_which_columns_were_not_read():
    """split_wide keeps MAX_CLUSTERS columns; the rest are listed as not read, not dropped silently."""
    from checker.intake.wide import MAX_CLUSTERS

    names = [f"集群{i}" for i in range(1, MAX_CLUSTERS + 6)]
    text = "集群名称\t" + "\t".join(names) + "\n集群占地面积(平方公里)\t" + "\t".join("36.50" for _ in names) + "\n"
    got = screen([("宽表.tsv", text)])
    assert len(got["rows"]) == MAX_CLUSTERS
    (left,) = got["unreadable"]
    assert f"第 {MAX_CLUSTERS + 1} 个起的 5 个集群没有读取" in left["reason"]
    assert left["source"] == f"宽表.tsv（第 {MAX_CLUSTERS + 1}—{MAX_CLUSTERS + 5} 个集群列）"
    assert screen([("宽表.tsv", text.replace("\t".join(names), "\t".join(names[:MAX_CLUSTERS])))])["unreadable"] == []


def test_a_vetoed_rows_weakest_item_is_the_veto_not_a_passing_share(result):
    veto = by_source(result, "veto.json")
    # Its margins all pass; the one thing that fails is the veto, and that is its weakest item.
    assert all(m["band"] != "fail" for m in veto["margins"].values())
    assert veto["weakest"] == {"id": "veto.prohibited_industry",
                               "title": load_pack().by_id["veto.prohibited_industry"].title,
                               "relative": None, "band": "fail", "room": "不符合"}
    assert "veto" not in {r["weakest"]["id"].split(".")[0] for r in result["rows"] if r is not veto}


def test_an_aspect_with_no_hard_check_says_so_instead_of_0_of_0(result):
    words = load_pack().words
    for row in result["rows"]:
        for key, a in row["aspects"].items():
            assert a["counted"] == (f"{a['passed']}/{a['total']}" if a["total"] else words.no_hard), key
    assert by_source(result, "eligible.json")["aspects"]["targets"]["counted"] == "无硬性指标"
    assert result["status_labels"] == words.status
