"""Exports of the 批量初审: 附件1 推荐汇总表 (.xlsx, .docx) and the comparison (.xlsx, CSV)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest

from tests.batch import batch_apps
from checker.batch.screen import screen
from checker.law.pack import load_catalogue, load_pack
from checker.office.zips import stamp
from checker.batch.export import (comparison_csv, comparison_xlsx, count_chars,
                                    export_summary)

TITLE = load_catalogue().section("summary").title  # {round_year} 年度…推荐汇总表, filled
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
    assert count_chars("集群 简介\n，1999年 “小巨人”") == 15


def test_summary_xlsx_holds_the_selected_clusters(export, picked):
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert [r[0] for r in rows[:4]] == ["附件 1", TITLE,
                                        "市州经信部门：（盖章）样例市经济和信息化局", "联系人和手机：王五 13800000000"]
    assert rows[4] == HEADER
    assert "万人发明专利拥有量" in rows[5][6]  # the guidance row under 集群简介, as the seed prints it
    assert rows[6][0] == "summary.no" and ws.row_dimensions[7].hidden  # the keys, for reading it back
    body = rows[7:]
    assert [r[0] for r in body] == [1, 2]
    assert [r[1] for r in body] == [batch_apps.NAMES["eligible"], batch_apps.NAMES["threshold"]]
    assert body[0][2:6] == ["样例区汽车零部件产业园管理委员会", "湖北省样例市样例区", "汽车零部件", "2009年"]
    assert body[0][6] == picked[0]["summary"]["intro"]
    assert body[1][6] == batch_apps.LONG_INTRO
    assert ws.page_setup.orientation == "landscape"


def test_summary_docx_is_a4_landscape_with_the_seed_header(export, picked):
    d = docx.Document(io.BytesIO(export.docx))
    texts = [p.text for p in d.paragraphs]
    assert texts[:4] == ["附件 1", TITLE,
                         "市州经信部门：（盖章）样例市经济和信息化局", "联系人和手机：王五 13800000000"]
    [table] = d.tables
    assert [c.text for c in table.rows[0].cells] == HEADER
    assert "万人发明专利拥有量" in table.rows[1].cells[6].text
    body = [[c.text for c in row.cells] for row in table.rows[2:]]
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
                                         "leading_industry": "x", "founded": "2009", "intro": "简介"}}
    findings = export_summary([row]).findings
    assert [(f.id, f.field) for f in findings] == [("summary.missing", "summary.operator")]


def test_exports_are_byte_for_byte_reproducible(picked, result):
    a = export_summary(picked, bureau="局", bureau_contact="人")
    b = export_summary(picked, bureau="局", bureau_contact="人")
    assert (a.xlsx, a.docx) == (b.xlsx, b.docx)
    assert comparison_xlsx(result) == comparison_xlsx(result)
    for blob in (a.xlsx, a.docx, comparison_xlsx(result)):
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            assert {i.date_time for i in zf.infolist()} == {stamp(load_catalogue().issued)}
    core = zipfile.ZipFile(io.BytesIO(a.xlsx)).read("docProps/core.xml").decode()
    assert f"{load_catalogue().issued}T00:00:00Z" in core


def test_comparison_csv_has_bom_and_every_row(result):
    data = comparison_csv(result)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:7] == ["序号", "集群名称", "来源", "结论", "硬性指标通过（项）", "硬性指标总数（项）", "问题数（条）"]
    assert "否决项" in rows[0]
    assert [r[3] for r in rows[1:]] == ["符合", "待补充", "不符合", "不符合", "无法读取"]
    assert rows[-1][2] == "unreadable.xlsx" and rows[-1][-1]
    col = rows[0].index("产值年均增速数值（%）")
    assert rows[1][col] == "12.55"  # the unit is in the header: the cell is a bare number
    assert rows[1][rows[0].index("最低年产值数值（亿元）")] == "68.20"
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


def test_libreoffice_converts_the_docx_to_pdf(export, office):
    pdf = office.convert({"推荐汇总表.docx": export.docx}, "pdf")["推荐汇总表.docx"] / "推荐汇总表.pdf"
    assert pdf.exists()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for words in ("推荐汇总表", "集群运营管理机构", batch_apps.NAMES["eligible"][:8]):
            assert words in text.replace(" ", "")


# --- spreadsheets that work in Excel and LibreOffice ---------------------------

def test_comparison_xlsx_figures_are_numbers_with_units_in_the_header(result):
    ws = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(result))).active
    header = [c.value for c in ws[1]]
    first = {h: c.value for h, c in zip(header, ws[2])}
    assert first["硬性指标通过（项）"] == first["硬性指标总数（项）"] and isinstance(first["硬性指标通过（项）"], int)
    assert float(first["最低年产值数值（亿元）"]) == 68.2
    assert float(first["产值年均增速余量（%）"]) == 2.55
    assert float(first["产值年均增速相对余量（余量÷门槛）"]) == 0.255
    figures = [h for h in header if "数值" in h or "余量" in h]
    assert len(figures) == 3 * 7 + 1
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row - 1):  # the last line is the unreadable file
        for h, c in zip(header, row):
            if h in figures and c.value is not None:
                assert c.data_type == "n", (h, c.value)
    assert not [h for h in header if "%" in str(first[h]) or "亿元" in str(first[h])]


def test_comparison_xlsx_freezes_filters_and_prints_a4_landscape(result):
    ws = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(result))).active
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert (ws.print_title_rows, ws.print_title_cols) == ("$1:$1", "$A:$B")
    assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1))


def test_summary_xlsx_rows_are_as_tall_as_their_text(export):
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx)).active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "summary.no") + 1
    heights = {r: ws.row_dimensions[r].height for r in range(first - 3, ws.max_row + 1) if r != first - 1}
    assert all(heights.values()), heights
    # The 320-字 intro of the second cluster needs several lines; a short one fewer.
    assert heights[first + 1] > heights[first] > 15
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_bureau_and_contact_come_from_the_applications_when_they_agree(picked):
    out = export_summary(picked)
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(out.xlsx)).active.iter_rows(values_only=True)]
    assert rows[2][0] == "市州经信部门：（盖章）样例市经济和信息化局"
    assert rows[3][0] == "联系人和手机：王五 13800000000"
    assert not [f for f in out.findings if f.id == "summary.differs"]
    other = [picked[0], {**picked[1], "summary": {**picked[1]["summary"], "bureau": "另一市经信局"}}]
    out = export_summary(other)
    assert docx.Document(io.BytesIO(out.docx)).paragraphs[2].text == "市州经信部门：（盖章）"
    [differs] = [f for f in out.findings if f.id == "summary.differs"]
    assert "另一市经信局" in differs.message and "样例市经济和信息化局" in differs.message
    typed = export_summary(other, bureau="本市经信局")
    assert docx.Document(io.BytesIO(typed.docx)).paragraphs[2].text == "市州经信部门：（盖章）本市经信局"
    assert not [f for f in typed.findings if f.id == "summary.differs"]


def test_the_screening_offers_the_agreed_bureau_to_the_page(result):
    assert result["summary_defaults"] == {"bureau": "样例市经济和信息化局", "bureau_contact": "王五 13800000000"}


@pytest.fixture(scope="module")
def office_pdfs(export, result, office):
    """The 推荐汇总表 (.xlsx, .docx) and the comparison (.xlsx) as LibreOffice prints them."""
    return office.printed({"summary-xlsx.xlsx": export.xlsx, "summary-docx.docx": export.docx,
                           "comparison.xlsx": comparison_xlsx(result)})


def _squash(text: str) -> str:
    return "".join(text.split())


def test_libreoffice_prints_every_intro_whole_on_a4_landscape(office_pdfs, picked):
    # A row too short for its text is clipped in the PDF: the whole 320-字 intro must be there.
    for name in ("summary-xlsx.xlsx", "summary-docx.docx"):
        pdf = office_pdfs[name]
        width, height = map(float, pdf["size"])
        assert (round(width), round(height)) == (842, 595), name  # A4 landscape, in points
        assert _squash(batch_apps.LONG_INTRO) in _squash(pdf["text"]), name
        assert _squash(picked[0]["summary"]["intro"]) in _squash(pdf["text"]), name
    assert office_pdfs["summary-xlsx.xlsx"]["pages"] == office_pdfs["summary-docx.docx"]["pages"] == 1


def test_libreoffice_prints_the_comparison_on_as_few_pages_as_its_columns_allow(office_pdfs, result):
    pdf = office_pdfs["comparison.xlsx"]
    ws = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(result))).active
    assert pdf["pages"] == ws.page_setup.fitToWidth == 2  # was 6: one page down, two across
    text = _squash(pdf["text"])
    # The header row and the cluster names repeat on the second page across.
    second = _squash(pdf["text"].split("\f")[1])
    assert "集群名称" in second and batch_apps.NAMES["eligible"][:6] in second
    assert "68.20" in text


def test_the_comparison_names_aspects_with_no_hard_check_and_the_veto_as_weakest(result):
    rows = list(csv.reader(io.StringIO(comparison_csv(result).decode("utf-8-sig"))))
    head = rows[0]
    words = load_pack().words
    assert f"未来三年目标（{words.no_hard}）" in head and f"填报规范（{words.no_hard}）" in head
    assert "否决项" in head  # an aspect with hard checks keeps its plain title
    veto = next(r for r in rows[1:] if r[2] == "veto.json")
    assert veto[head.index("否决项")] == words.status["fail"]
    assert veto[head.index("最弱项")] == load_pack().by_id["veto.prohibited_industry"].title
    assert veto[head.index("最弱项相对余量（余量÷门槛）")] == ""


# --- 附件1's layout exists once: the blank built with the site and the filled export ---

def _sheet_layout(blob: bytes) -> dict:
    ws = openpyxl.load_workbook(io.BytesIO(blob)).active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "summary.no") + 1
    setup = ws.page_setup
    return {
        # above the rows: the annex line, title, header lines (their labels), header and guidance
        "above": [[str(c).split("：")[0] if c else c for c in row]
                  for row in ws.iter_rows(max_row=first - 1, values_only=True)],
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "heights": [ws.row_dimensions[r].height for r in range(1, first)],
        "print": (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight,
                  ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_title_rows, ws.freeze_panes,
                  tuple(getattr(ws.page_margins, side) for side in ("left", "right", "top", "bottom"))),
    }


def _document_layout(blob: bytes) -> dict:
    d = docx.Document(io.BytesIO(blob))
    [table] = d.tables
    section = d.sections[0]
    body = d.element.body
    grid = [int(c.get(docx.oxml.ns.qn("w:w"))) for c in body.iter(docx.oxml.ns.qn("w:gridCol"))]
    return {
        "above": [p.text.split("：")[0] for p in d.paragraphs[:-1]],
        "header": [[c.text for c in row.cells] for row in table.rows[:2]],
        "grid": grid,
        "page": (section.orientation, section.page_width, section.page_height, section.left_margin,
                 section.right_margin, section.top_margin, section.bottom_margin),
    }


def test_the_blank_and_the_filled_summary_share_one_layout(export):
    from forms.summary import build_summary_docx, build_summary_xlsx

    cat = load_catalogue()
    blank, filled = _sheet_layout(build_summary_xlsx(cat)), _sheet_layout(export.xlsx)
    assert blank == filled
    assert blank["above"][0][0] == cat.section("summary").annex and blank["above"][1][0] == cat.section("summary").title
    assert _document_layout(build_summary_docx(cat)) == _document_layout(export.docx)
