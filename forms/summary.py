"""附件1 推荐汇总表 (the summary section of the round's catalogue), as .docx and .xlsx.

The 市州经信部门 fills one row per recommended cluster. Columns, header lines and
the 集群简介 guidance come from the catalogue's ``summary`` section.
"""

from __future__ import annotations


from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from checker.law.catalogue import Catalogue, Field
from checker.office.xlsx_layout import print_on_a4
from forms.prose import prose
from forms.wordsetup import HEI, TABLE_PT, WordDoc, write_cell
from forms.xlsxsetup import workbook_bytes

# Relative column widths (集群简介 is the wide one).
WEIGHTS = {"no": 1, "intro": 6}


def _parts(cat: Catalogue) -> tuple[list[Field], list[Field]]:
    """(header lines above the table, table columns) of the summary section."""
    fields = list(cat.section("summary").fields)
    head = [f for f in fields if not f.required and f.kind == "text"]
    return head, [f for f in fields if f not in head]


def _head_line(f: Field) -> str:
    return f.label if "：" in f.label else f"{f.label}："


def build_summary_docx(cat: Catalogue) -> bytes:
    section = cat.section("summary")
    head, cols = _parts(cat)
    w = WordDoc(landscape=True, title=section.title, issued=cat.issued)
    w.para(prose()["summary"]["annex"], size=16, face=HEI)
    w.heading(section.title, 1, align="center")
    for f in head:
        w.para(_head_line(f), size=14)
    total = sum(WEIGHTS.get(f.key, 2) for f in cols)
    t = w.table([w.text_width_mm * WEIGHTS.get(f.key, 2) / total for f in cols])
    top, sub = w.add_row(t, 10).cells, w.add_row(t, 30).cells
    for i, f in enumerate(cols):
        if f.hint and f.max_chars:
            write_cell(top[i], f.label, align="center", bold=True)
            write_cell(sub[i], f.hint, size=9)
        else:
            write_cell(top[i].merge(sub[i]), f.label, align="center", bold=True)
    for n in range(1, prose()["summary"]["blank_rows"] + 1):
        cells = w.add_row(t, 16).cells
        write_cell(cells[0], str(n), align="center", size=TABLE_PT)
    return w.to_bytes()


def build_summary_xlsx(cat: Catalogue) -> bytes:
    section = cat.section("summary")
    head, cols = _parts(cat)
    wb = Workbook()
    ws = wb.active
    ws.title = "附件1 推荐汇总表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="宋体", size=11)
    ws.cell(row=1, column=1, value=prose()["summary"]["annex"]).font = Font(name="黑体", size=14)
    ws.cell(row=2, column=1, value=section.title).font = Font(name="黑体", size=16)
    ws.cell(row=2, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(cols))
    for r, f in enumerate(head, 3):
        ws.cell(row=r, column=1, value=_head_line(f)).font = Font(name="宋体", size=12)
    top = 3 + len(head)
    for c, f in enumerate(cols, 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = 8 * WEIGHTS.get(f.key, 2)
        cell = ws.cell(row=top, column=c, value=f.label)
        cell.font = Font(name="宋体", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        hint = ws.cell(row=top + 1, column=c, value=f.hint if f.hint and f.max_chars else None)
        hint.font = Font(name="宋体", size=9)
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        hint.border = border
        if not (f.hint and f.max_chars):
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
        # The field keys, hidden, so a program can read the table back.
        key = ws.cell(row=top + 2, column=c, value=f"summary.{f.key}")
        key.font = font
    ws.row_dimensions[top + 1].height = 90
    ws.row_dimensions[top + 2].hidden = True
    first = top + 3
    for n in range(prose()["summary"]["blank_rows"]):
        r = first + n
        ws.row_dimensions[r].height = 60
        for c, f in enumerate(cols, 1):
            cell = ws.cell(row=r, column=c, value=n + 1 if f.kind == "int" else None)
            cell.font = font
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="center" if f.kind == "int" else None)
            cell.number_format = "0" if f.kind == "int" else "@"
    for c, f in enumerate(cols, 1):
        if f.max_chars:
            letter = get_column_letter(c)
            dv = DataValidation(type="textLength", operator="lessThanOrEqual",
                                formula1=str(f.max_chars), allow_blank=True,
                                showErrorMessage=True, errorTitle="字数超出",
                                error=f"{f.label}限 {f.max_chars} 字以内。")
            dv.add(f"{letter}{first}:{letter}{first + prose()['summary']['blank_rows'] - 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=first, column=1)
    print_on_a4(ws, landscape=True)
    ws.print_title_rows = f"{top}:{top + 1}"
    return workbook_bytes(wb, section.title, cat.issued)
