"""Exports of the 批量初审: the filled 附件1 推荐汇总表 and the whole comparison.

Runs in CPython and in Pyodide. The 推荐汇总表 is the blank's layout
(``checker.office.summary_layout``, also used by ``forms``) with the selected rows; its
.docx is written by ``checker.office.wordml`` (no python-docx, which needs lxml).
openpyxl is imported only when an .xlsx is asked for.

Every file is byte-for-byte reproducible (checker.office.zips): zip entries carry the notice's date
and the workbook's core properties a fixed date, so the same selection always
gives the same download (and tests can compare bytes).

Inputs are the JSON-ready rows of ``checker.batch.screen.screen`` (plain dicts), so the
page can hand back the rows it holds, without re-screening.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from checker.batch.screen import agreed
from checker.law.application import Finding
from checker.law.model import F, model
from checker.law.pack import load_catalogue
from checker.office.safe_cells import as_number, csv_cell, put
from checker.office.summary_layout import parts, summary_document, summary_workbook
from checker.office.xlsx_layout import fit_row_heights, pages_across, print_on_a4
from checker.office.zips import stamp, workbook_bytes, zip_bytes

FONT = "宋体"
CREATOR = "批量初审"  # the files' author, as a spreadsheet shows it
INTRO_LIMIT_FIELD = "summary.intro"


@model
class SummaryExport:
    """The filled 推荐汇总表 and what a reviewer should fix before sending it."""

    xlsx: bytes = F(description="推荐汇总表 .xlsx")
    docx: bytes = F(description="推荐汇总表 .docx（A4 横向）")
    findings: tuple[Finding, ...] = F((), description="导出时发现的问题（如简介超过 300 字）")


def count_chars(text: str) -> int:
    """Characters as the form counts them: every non-whitespace code point."""
    return sum(1 for c in text if not c.isspace())


# --- the 推荐汇总表 rows ------------------------------------------------------

def _labels() -> dict[str, str]:
    return {f.key: f.label for f in load_catalogue().section("summary").fields}


def summary_table(rows: list[dict[str, Any]]) -> tuple[list[list[str]], list[Finding]]:
    """The 附件1 rows (序号 numbered 1..n in the given order) and their findings."""
    labels = _labels()
    keys = [f.key for f in parts(load_catalogue())[1]][1:]  # after 序号
    table: list[list[str]] = []
    findings: list[Finding] = []
    for n, row in enumerate(rows, start=1):
        s = row.get("summary") or {}
        cells = [str(n)] + [str(s.get(key) or "") for key in keys]
        table.append(cells)
        name = cells[1] or str(row.get("name") or f"第 {n} 行")
        for key, value in zip(keys, cells[1:]):
            if not value.strip():
                findings.append(Finding(
                    id="summary.missing", field=f"summary.{key}", raw=None,
                    message=f"第 {n} 行（{name}）未填写“{labels[key]}”，请补充后再报送。"))
        intro = cells[-1]
        chars = count_chars(intro)
        if chars > 300:
            findings.append(Finding(
                id="summary.intro_length", field=INTRO_LIMIT_FIELD, raw=intro,
                message=(f"第 {n} 行（{name}）的集群简介共 {chars} 字（不计空白），"
                         f"超过 300 字的上限，请删减 {chars - 300} 字以上。")))
    return table, findings


def export_summary(rows: list[dict[str, Any]], *, bureau: str = "",
                   bureau_contact: str = "") -> SummaryExport:
    """The filled 推荐汇总表 for the selected rows, as .xlsx and .docx; 市州经信部门 and
    联系人 not typed by the reviewer are taken from the applications when they agree."""
    table, findings = summary_table(rows)
    labels = _labels()
    typed = {"bureau": bureau.strip(), "bureau_contact": bureau_contact.strip()}
    for key in typed:
        if not typed[key]:
            typed[key] = agreed(rows, key)
            given = sorted({str((r.get("summary") or {}).get(key) or "").strip() for r in rows} - {""})
            if len(given) > 1:
                findings.append(Finding(
                    id="summary.differs", field=f"summary.{key}", raw=None,
                    message=(f"所选申报的“{labels[key].split('：')[0]}”不一致（{'；'.join(given)}），"
                             "请在导出前填写。")))
    bureau, bureau_contact = typed["bureau"], typed["bureau_contact"]
    return SummaryExport(xlsx=summary_xlsx(table, bureau=bureau, bureau_contact=bureau_contact),
                         docx=summary_docx(table, bureau=bureau, bureau_contact=bureau_contact),
                         findings=tuple(findings))


def _values(bureau: str, bureau_contact: str) -> dict[str, str]:
    return {"bureau": bureau, "bureau_contact": bureau_contact}


def summary_xlsx(table: list[list[str]], *, bureau: str, bureau_contact: str) -> bytes:
    """The filled 推荐汇总表 .xlsx: the blank's layout (``checker.office.summary_layout``) with
    these rows."""
    cat = load_catalogue()
    return workbook_bytes(summary_workbook(cat, table, _values(bureau, bureau_contact)), cat.issued,
                          creator=CREATOR)


def summary_docx(table: list[list[str]], *, bureau: str, bureau_contact: str) -> bytes:
    """The filled 推荐汇总表 .docx (A4 landscape), in the blank's layout."""
    cat = load_catalogue()
    return zip_bytes(summary_document(cat, table, _values(bureau, bureau_contact)), stamp(cat.issued))


# --- the whole comparison ---------------------------------------------------

def comparison_table(result: dict[str, Any]) -> list[list[str]]:
    """Header plus one line per screened row (in the result's order), then unreadable files.

    Figures are bare numbers, their units in the header (产值年均增速数值（%）), so a
    spreadsheet can sort, filter and sum them; 硬性指标 passed and total are two columns.
    """
    aspects: dict[str, str] = result["aspects"]
    margins: dict[str, str] = result["margin_titles"]
    units = {cid: next((u for row in result["rows"] if (u := (row["margins"].get(cid) or {}).get("unit"))), "")
             for cid in margins}
    header = ["序号", "集群名称", "来源", "结论", "硬性指标通过（项）", "硬性指标总数（项）", "问题数（条）"]
    header += [_aspect_title(result["rows"], key, title) for key, title in aspects.items()]
    for cid, title in margins.items():
        unit = f"（{units[cid]}）" if units[cid] else ""
        header += [f"{title}数值{unit}", f"{title}余量{unit}", f"{title}相对余量（余量÷门槛）"]
    header += ["最弱项", "最弱项相对余量（余量÷门槛）", "无法读取的原因"]
    out = [header]
    for n, row in enumerate(result["rows"], start=1):
        line = [str(n), row["name"], row["source"], row["verdict_label"],
                str(row["hard"]["passed"]), str(row["hard"]["total"]), str(row["findings"])]
        line += [row["aspects"].get(a, {}).get("label", "") for a in aspects]
        for cid in margins:
            m = row["margins"].get(cid) or {}
            line += [m.get("value") or "", m.get("margin") or "", m.get("relative") or ""]
        weakest = row.get("weakest") or {}
        line += [weakest.get("title") or "", weakest.get("relative") or "", ""]  # a veto has no relative
        out.append(line)
    blank = len(header) - 5  # 序号 名称 来源 结论 … 原因
    for n, bad in enumerate(result["unreadable"], start=len(result["rows"]) + 1):
        out.append([str(n), bad["name"], bad["source"], "无法读取"] + [""] * blank + [bad["reason"]])
    return out


def _aspect_title(rows: list[dict[str, Any]], key: str, title: str) -> str:
    """An aspect's column title; one with no hard check to count says so (无硬性指标)."""
    counted = {(row["aspects"].get(key) or {}).get("counted") for row in rows
               if not (row["aspects"].get(key) or {}).get("total")} - {None}
    if counted and all((row["aspects"].get(key) or {}).get("total", 0) == 0 for row in rows):
        return f"{title}（{counted.pop()}）"
    return title


# Column widths of the comparison (the default is for a figure column).
COMPARISON_WIDTHS = {"集群名称": 24, "来源": 14, "无法读取的原因": 30}
FIGURE_WIDTH = 9


def comparison_csv(result: dict[str, Any]) -> bytes:
    """UTF-8 with BOM and CRLF, so Excel and WPS open the Chinese text correctly; a text
    that could be taken for a formula gets a leading apostrophe (``checker.office.safe_cells``)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [csv_cell(c) for c in line] for line in comparison_table(result))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def comparison_xlsx(result: dict[str, Any]) -> bytes:
    """The comparison as a worksheet: figures numeric, header frozen and filtered, rows
    as tall as their text, A4 landscape in as few pages across as its columns allow
    (the header row and the 序号 and 集群名称 columns repeat on every page)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "初审对比"
    table = comparison_table(result)
    for r, line in enumerate(table, start=1):
        for col, value in enumerate(line, start=1):
            figure = as_number(value) if r > 1 else None  # numbers stay numbers: sortable
            c = put(ws, r, col, value if figure is None else figure[0])
            if figure is not None:
                c.number_format = figure[1]
            c.font = Font(name=FONT, size=10, bold=(r == 1))
            c.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [COMPARISON_WIDTHS.get(title, FIGURE_WIDTH) for title in table[0]]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last = get_column_letter(len(table[0]))
    ws.freeze_panes = "C2"  # the header row, and 序号 and 集群名称 while scrolling across
    ws.auto_filter.ref = f"A1:{last}{len(table)}"
    fit_row_heights(ws, range(1, len(table) + 1))
    print_on_a4(ws, landscape=True, pages_wide=pages_across(sum(widths)))
    ws.page_margins.left = ws.page_margins.right = ws.page_margins.top = ws.page_margins.bottom = 0.4
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:B"
    return workbook_bytes(wb, load_catalogue().issued, creator=CREATOR)
