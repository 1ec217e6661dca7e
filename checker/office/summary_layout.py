"""附件1 推荐汇总表's one layout, blank or filled, as .xlsx and .docx.

The blank built with the site (``forms.summary``) and the filled export of the
批量初审 (``checker.batch.export``) are both this module with different rows: the
annex line, the title, the 市州经信部门 and 联系人 lines, the header with the
集群简介 guidance in a row of its own (as the seed prints it), column widths, fonts
and print setup exist here only. Everything the seed says comes from the
catalogue's ``summary`` section.

Runs in Pyodide too (the export): openpyxl is imported only when a workbook is made,
the .docx is written by ``checker.office.wordml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from checker.law.catalogue import Catalogue, Field
from checker.office import wordml
from checker.office.xlsx_layout import fit_row_heights, print_on_a4

if TYPE_CHECKING:
    from openpyxl import Workbook

FONT = "宋体"
HEI = "黑体"
# Column widths in spreadsheet units (the .docx grid takes the same proportions):
# the name and the 300-字 简介 are the wide ones.
WIDTHS = {"no": 5, "name": 24, "operator": 24, "location": 18, "leading_industry": 12,
          "founded": 10, "intro": 82}
# An empty row (the blank's) is left this tall, to write in by hand: points, twips.
EMPTY_ROW_PT = 45
# Point sizes: annex line, title, the lines above the table, cells, the guidance.
ANNEX_PT, TITLE_PT, HEAD_PT, CELL_PT, HINT_PT = 16, 18, 12, 11, 9

Cells = Sequence[object]


def parts(cat: Catalogue) -> tuple[list[Field], list[Field]]:
    """(the lines above the table, the table's columns) of the summary section."""
    fields = list(cat.section("summary").fields)
    head = [f for f in fields if not f.required and f.kind == "text"]
    return head, [f for f in fields if f not in head]


def head_line(f: Field, value: str = "") -> str:
    """A line above the table: its label as the form prints it, then what is filled in."""
    return (f.label if "：" in f.label else f"{f.label}：") + value


def _hint(f: Field) -> str | None:
    # The form prints guidance under a column only where it limits the text (集群简介).
    return f.hint if f.hint and f.max_chars else None


def blank_rows(cat: Catalogue, n: int) -> list[list[object]]:
    """``n`` empty rows, numbered in the 序号 column."""
    _, cols = parts(cat)
    return [[i if f.kind == "int" else "" for f in cols] for i in range(1, n + 1)]


def summary_workbook(cat: Catalogue, rows: list[Cells], values: dict[str, str]) -> Workbook:
    """The 推荐汇总表 as a worksheet, ``rows`` under the header (序号 first), the lines
    above filled from ``values`` (field key → text). The caller saves it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from checker.office.safe_cells import put

    section = cat.section("summary")
    head, cols = parts(cat)
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐汇总表"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="center")

    put(ws, 1, 1, section.annex or "").font = Font(name=HEI, size=ANNEX_PT - 2)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(cols))
    put(ws, 2, 1, section.title).font = Font(name=FONT, size=TITLE_PT - 2, bold=True)
    ws.cell(2, 1).alignment = centre
    for r, f in enumerate(head, 3):
        put(ws, r, 1, head_line(f, values.get(f.key, ""))).font = Font(name=FONT, size=HEAD_PT)
    top = 3 + len(head)
    for c, f in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[f.key]
        label = put(ws, top, c, f.label)
        label.font = Font(name=FONT, size=CELL_PT, bold=True)
        label.alignment = centre
        hint = put(ws, top + 1, c, _hint(f))
        hint.font = Font(name=FONT, size=HINT_PT)
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        label.border = hint.border = box
        if not _hint(f):
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
        # The field keys, hidden, so a program can read the table back.
        put(ws, top + 2, c, f"summary.{f.key}").font = Font(name=FONT, size=CELL_PT)
    ws.row_dimensions[top + 2].hidden = True
    first = top + 3
    for r, cells in enumerate(rows, first):
        for c, (f, value) in enumerate(zip(cols, cells), 1):
            number = f.kind == "int" and str(value).isdigit()
            cell = put(ws, r, c, int(str(value)) if number else (value or None))  # user text: never a formula
            cell.font = Font(name=FONT, size=CELL_PT)
            cell.border = box
            cell.alignment = centre if f.kind == "int" or f.key == "founded" else wrap
            cell.number_format = "0" if f.kind == "int" else "@"
    last = first + len(rows) - 1
    for c, f in enumerate(cols, 1):
        if f.max_chars and rows:
            letter = get_column_letter(c)
            dv = DataValidation(type="textLength", operator="lessThanOrEqual",
                                formula1=str(f.max_chars), allow_blank=True,
                                showErrorMessage=True, errorTitle="字数超出",
                                error=f"{f.label}限 {f.max_chars} 字以内。")
            dv.add(f"{letter}{first}:{letter}{last}")
            ws.add_data_validation(dv)
    ws.row_dimensions[2].height = 28
    fit_row_heights(ws, range(top, top + 2))
    fit_row_heights(ws, range(first, last + 1))
    for r, cells in enumerate(rows, first):
        if not any(str(v).strip() for v in cells[1:]):
            ws.row_dimensions[r].height = EMPTY_ROW_PT
    ws.freeze_panes = ws.cell(row=first, column=1)
    print_on_a4(ws, landscape=True)
    # As the .docx: its margins, in inches here.
    ws.page_margins.left = ws.page_margins.right = round(wordml.MARGIN_X / 1440, 3)
    ws.page_margins.top = ws.page_margins.bottom = round(wordml.MARGIN_Y / 1440, 3)
    ws.print_title_rows = f"{top}:{top + 1}"
    return wb


def grid(cat: Catalogue) -> tuple[int, ...]:
    """The .docx column widths (twips): ``WIDTHS``'s proportions across the page."""
    _, cols = parts(cat)
    page = wordml.text_width(landscape=True)
    total = sum(WIDTHS[f.key] for f in cols)
    widths = [page * WIDTHS[f.key] // total for f in cols]
    widths[-1] += page - sum(widths)  # the rounding goes to the widest, the last
    return tuple(widths)


def summary_document(cat: Catalogue, rows: list[Cells], values: dict[str, str]) -> list[tuple[str, bytes]]:
    """The 推荐汇总表 as the entries of a .docx package (A4 landscape); the caller zips."""
    section = cat.section("summary")
    head, cols = parts(cat)
    doc, body = wordml.document()
    wordml.para(body, section.annex or "", size=ANNEX_PT * 2, face=wordml.HEI_ASCII)
    wordml.para(body, section.title, bold=True, size=TITLE_PT * 2, align="center")
    for f in head:
        wordml.para(body, head_line(f, values.get(f.key, "")), size=HEAD_PT * 2)
    widths = grid(cat)
    tbl = wordml.table(body, widths)
    top, sub = wordml.row(tbl, header=True), wordml.row(tbl, header=True)
    bold = {"bold": True, "align": "center"}
    for f, width in zip(cols, widths):
        hint = _hint(f)
        wordml.cell(top, width, [(f.label, bold)], merge=None if hint else "restart")
        wordml.cell(sub, width, [(hint, {"size": HINT_PT * 2})] if hint else [], merge=None if hint else "continue")
    for cells in rows:
        empty = not any(str(v).strip() for v in cells[1:])
        tr = wordml.row(tbl, height=EMPTY_ROW_PT * 20 if empty else None)
        for f, value, width in zip(cols, cells, widths):
            align = "center" if f.kind == "int" or f.key == "founded" else None
            wordml.cell(tr, width, [(str(value), {"align": align, "keep_lines": True})])
    return wordml.package(wordml.finish(doc, body, landscape=True), title=section.title, issued=cat.issued)
