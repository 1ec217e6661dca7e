"""The 佐证材料清单 as a .docx and an .xlsx a county fills in while it assembles its
evidence: one row per item of the report's ``evidence`` (``checker.judge.evidence``), by
part in the form's order, a column for the evidence file's name and one to tick.

Runs in CPython (``python -m checker --evidence``) and in Pyodide (the 在线自评 page's
下载清单): the .docx by ``checker.office.wordml``, the .xlsx by openpyxl (which the page
loads only when it is asked for). Same report and ticks, same bytes.
"""

from __future__ import annotations

from typing import Iterable

from checker.judge.evidence import by_part
from checker.office import wordml
from checker.office.xlsx_layout import fit_row_heights, print_on_a4
from checker.office.zips import stamp, workbook_bytes, zip_bytes

TITLE = "佐证材料清单"
COLUMNS = ("序号", "部分", "材料（所填栏目）", "需提供", "文件名", "已备齐")
# 已备齐: the box as printed; ticked on the page (or in the file) when the evidence is in hand.
BOX, TICKED = "☐", "☑"
# Column widths in spreadsheet units; the .docx grid takes the same proportions.
WIDTHS = (7, 16, 41, 14, 24, 11)
NOTE = "文件名一栏填写该项佐证材料的文件名（或页码），备齐后在“已备齐”一栏勾选。"
FONT = "宋体"


def title(name: str = "") -> str:
    return f"{name}{TITLE}" if name else TITLE


def file_name(fmt: str, name: str = "") -> str:
    return f"{title(name)}.{fmt}"


def table(items: list[dict], ticked: Iterable[str] = ()) -> list[tuple[dict, list[list[str]]]]:
    """(part, its rows) in order; a row is the six columns, 序号 counted across parts."""
    done = set(ticked)
    out, n = [], 0
    for part, group in by_part(items):
        rows = []
        for item in group:
            n += 1
            rows.append([str(n), part["title"], item["label"], item["needs"], "",
                         TICKED if item["id"] in done else BOX])
        out.append((part, rows))
    return out


def evidence_docx(items: list[dict], ticked: Iterable[str] = (), *, name: str = "",
                  issued: str) -> bytes:
    """The checklist as a .docx (A4 portrait), the 部分 cell spanning its part's rows."""
    doc, body = wordml.document()
    wordml.para(body, title(name), bold=True, size=32, align="center")
    wordml.para(body, NOTE, size=21)
    page = wordml.text_width(landscape=False)
    grid = [page * w // sum(WIDTHS) for w in WIDTHS]
    grid[2] += page - sum(grid)
    tbl = wordml.table(body, tuple(grid))
    head = wordml.row(tbl, header=True)
    for text, width in zip(COLUMNS, grid):
        wordml.cell(head, width, [(text, {"bold": True, "align": "center"})])
    for _, rows in table(items, ticked):
        for i, cells in enumerate(rows):
            tr = wordml.row(tbl)
            for col, (text, width) in enumerate(zip(cells, grid)):
                merge = ("restart" if i == 0 else "continue") if col == 1 and len(rows) > 1 else None
                shown = "" if merge == "continue" else text
                align = "center" if col in (0, 1, 3, 5) else None
                wordml.cell(tr, width, [(shown, {"align": align})], merge=merge)
    xml = wordml.finish(doc, body, landscape=False)
    return zip_bytes(wordml.package(xml, title=title(name), issued=issued), stamp(issued))


def evidence_xlsx(items: list[dict], ticked: Iterable[str] = (), *, name: str = "",
                  issued: str) -> bytes:
    """The checklist as a worksheet: header frozen and printed on every page, A4 portrait
    one page wide, rows as tall as their text, 已备齐 a ☐/☑ choice."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from checker.office.safe_cells import put

    wb = Workbook()
    ws = wb.active
    ws.title = TITLE
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    put(ws, 1, 1, title(name)).font = Font(name=FONT, size=16, bold=True)
    ws.cell(1, 1).alignment = centre
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    put(ws, 2, 1, NOTE).font = Font(name=FONT, size=10)
    ws.cell(2, 1).alignment = wrap
    for col, (text, width) in enumerate(zip(COLUMNS, WIDTHS), 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        c = put(ws, 3, col, text)
        c.font = Font(name=FONT, size=11, bold=True)
        c.alignment = centre
        c.border = box
    r = 4
    for _, rows in table(items, ticked):
        for cells in rows:
            for col, text in enumerate(cells, 1):
                c = put(ws, r, col, int(text) if col == 1 else text)
                c.font = Font(name=FONT, size=11)
                c.alignment = centre if col in (1, 2, 4, 6) else wrap
                c.border = box
            r += 1
        if len(rows) > 1:
            ws.merge_cells(start_row=r - len(rows), start_column=2, end_row=r - 1, end_column=2)
    last = r - 1
    if last >= 4:
        choice = DataValidation(type="list", formula1=f'"{BOX},{TICKED}"', allow_blank=True)
        choice.add(f"F4:F{last}")
        ws.add_data_validation(choice)
    ws.row_dimensions[1].height = 28
    fit_row_heights(ws, range(2, last + 1))
    ws.freeze_panes = "A4"
    print_on_a4(ws)
    ws.print_title_rows = "3:3"
    return workbook_bytes(wb, issued, creator=TITLE)
