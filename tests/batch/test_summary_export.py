"""Exports of the 批量初审: 附件1 推荐汇总表 (.xlsx, .docx) and the comparison (.xlsx, CSV)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest

import batch_apps
from checker.batch import screen
from checker.summary_export import (ZIP_EPOCH, comparison_csv, comparison_xlsx, count_chars,
                                    export_summary)

HEADER = ["序号", "集群名称", "集群运营管理机构", "所在省、市、县（区）", "主导产业", "集群成立时间",
          "集群简介（300 字以内）"]


@pytest.fixture(scope="module")
def result():
    return screen(batch_apps.five_items())


@pytest.fixture(scope="module")
def picked(result):
    # The reviewer ticks the eligible and the threshold applications, in table order.
    return [r for r in result["rows"] if r["source"] in ("eligible.json", "threshold.json")]


@pytest.fixture(scope="module")
def export(picked):
    return export_summary(picked, bureau="样例市经济和信息化局", bureau_contact="王五 13800000000")


def test_count_chars_counts_every_non_whitespace_code_point():
    assert count_chars("集群 简介\n，2023年 “小巨人”") == 15


def test_summary_xlsx_holds_the_selected_clusters(export, picked):
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "2024 年度中小企业特色产业集群推荐汇总表"
    assert rows[1][0] == "市州经信部门：（盖章）样例市经济和信息化局"
    assert rows[2][0] == "联系人和手机：王五 13800000000"
    assert [str(c).split("\n")[0] for c in rows[3]] == HEADER
    assert "万人发明专利拥有量" in rows[3][6]
    body = rows[4:]
    assert [r[0] for r in body] == [1, 2]
    assert [r[1] for r in body] == [batch_apps.NAMES["eligible"], batch_apps.NAMES["threshold"]]
    assert body[0][2:6] == ["样例区汽车零部件产业园管理委员会", "湖北省样例市样例区", "汽车零部件", "2009年"]
    assert body[0][6] == picked[0]["summary"]["intro"]
    assert body[1][6] == batch_apps.LONG_INTRO
    assert ws.page_setup.orientation == "landscape"


def test_summary_docx_is_a4_landscape_with_the_seed_header(export, picked):
    d = docx.Document(io.BytesIO(export.docx))
    texts = [p.text for p in d.paragraphs]
    assert texts[:3] == ["2024 年度中小企业特色产业集群推荐汇总表", "市州经信部门：（盖章）样例市经济和信息化局",
                         "联系人和手机：王五 13800000000"]
    [table] = d.tables
    assert [c.paragraphs[0].text for c in table.rows[0].cells] == HEADER
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in body] == ["1", "2"]
    assert body[0][1:6] == [batch_apps.NAMES["eligible"], "样例区汽车零部件产业园管理委员会",
                            "湖北省样例市样例区", "汽车零部件", "2009年"]
    assert body[1][6] == batch_apps.LONG_INTRO
    section = d.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((297, 210), abs=0.5)


def test_an_intro_over_300_characters_is_a_finding(export):
    [finding] = [f for f in export.findings if f.id == "summary.intro_length"]
    assert finding.field == "summary.intro"
    assert f"共 {count_chars(batch_apps.LONG_INTRO)} 字" in finding.message
    assert batch_apps.NAMES["threshold"] in finding.message
    assert not [f for f in export.findings if f.id == "summary.missing"]


def test_an_empty_summary_field_is_a_finding():
    row = {"name": "某集群", "summary": {"name": "某集群", "operator": "", "location": "湖北省",
                                         "leading_industry": "x", "founded": "2020", "intro": "简介"}}
    findings = export_summary([row]).findings
    assert [(f.id, f.field) for f in findings] == [("summary.missing", "summary.operator")]


def test_exports_are_byte_for_byte_reproducible(picked, result):
    a = export_summary(picked, bureau="局", bureau_contact="人")
    b = export_summary(picked, bureau="局", bureau_contact="人")
    assert (a.xlsx, a.docx) == (b.xlsx, b.docx)
    assert comparison_xlsx(result) == comparison_xlsx(result)
    for blob in (a.xlsx, a.docx, comparison_xlsx(result)):
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            assert {i.date_time for i in zf.infolist()} == {ZIP_EPOCH}
    core = zipfile.ZipFile(io.BytesIO(a.xlsx)).read("docProps/core.xml").decode()
    assert "2024-01-01T00:00:00Z" in core


def test_comparison_csv_has_bom_and_every_row(result):
    data = comparison_csv(result)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["序号", "集群名称", "来源", "结论", "硬性指标通过", "问题数"]
    assert "否决项" in rows[0]
    assert [r[3] for r in rows[1:]] == ["符合", "不符合", "待补充", "不符合", "无法读取"]
    assert rows[-1][2] == "unreadable.xlsx" and rows[-1][-1]
    col = rows[0].index("产值年均增速（数值）")
    assert rows[1][col] == "12.55%"
    weakest = rows[0].index("最弱项")
    assert rows[1][weakest] == "中小企业产值占比"


def _shown(cell) -> str:
    """A cell as a spreadsheet shows it: a figure in its number format, a text as it is."""
    v, fmt = cell.value, cell.number_format
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if fmt.endswith("%"):
        return f"{v * 100:.{len(fmt.partition('.')[2]) - 1}f}%"
    places = len(fmt.partition(".")[2]) if fmt != "General" else 0
    return f"{v:.{places}f}"


def test_comparison_xlsx_matches_the_csv(result):
    # The same table: figures are numbers in the .xlsx, texts as typed (the CSV's protective
    # apostrophe, before a text that could be taken for a formula, is not part of it).
    ws = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(result))).active
    from_xlsx = [[_shown(c) for c in r] for r in ws.iter_rows()]
    from_csv = list(csv.reader(io.StringIO(comparison_csv(result).decode("utf-8-sig"))))
    assert from_xlsx == [[c[1:] if c.startswith("'") else c for c in r] for r in from_csv]
    assert isinstance(ws["A2"].value, int)


def test_libreoffice_converts_the_docx_to_pdf(export, tmp_path):
    src = tmp_path / "推荐汇总表.docx"
    src.write_bytes(export.docx)
    profile = tmp_path / "lo-profile"
    run = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "推荐汇总表.pdf"
    assert run.returncode == 0 and pdf.exists(), run.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for words in ("推荐汇总表", "集群运营管理机构", batch_apps.NAMES["eligible"][:8]):
            assert words in text.replace(" ", "")
