"""The fillable .xlsx of 附件2's figures and boxes (and 附件1's row).

One sheet per catalogue section, each a Row-contract table: a hidden 键 column,
locked 栏目/单位 cells, unlocked value cells with data validation (是/否/不适用 lists,
numbers, 0–100 for percentages, whole counts) and two-decimal number formats.
"""

from __future__ import annotations


from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from checker.law.catalogue import Catalogue
from checker.law.rows import Row, all_rows, header
from checker.office.xlsx_layout import print_on_a4
from checker.office.zips import workbook_bytes
from forms.prose import prose

INSTRUCTIONS_SHEET = "填报说明"
FONT = "宋体"
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
UNUSED_FILL = PatternFill("solid", fgColor="BFBFBF")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
# Counts stay General: a "0" format would show a stray 12.5 as 13 and hide the error.
NUMBER_FORMAT = {"num": "0.00", "pct": "0.00", "growth": "0.00", "int": "General",
                 "count": "General"}
WIDTHS = {"A": 40, "B": 62, "C": 16, "D": 44, "E": 14, "F": 14, "G": 14}
VALUE_COL, YEAR_COLS = 4, (5, 6, 7)
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LINE_PT = 15


def _lines(text: str, width: int) -> int:
    """Printed lines of ``text`` in a column ``width`` characters wide.

    A CJK character is about 2.4 widths of "0" in 宋体 11 pt; err on the tall side, a
    clipped label is worse than a loose row.
    """
    units = sum(12 if ord(ch) > 0x2E80 else 5 for ch in text)
    return max(1, -(-units // (5 * max(1, width - 3))))


def _validation(row: Row) -> tuple[tuple, dict] | None:
    """(identity, DataValidation kwargs) of a value cell, or None for free text."""
    if row.choices:
        items = ",".join(row.choices)
        return ("list", items), dict(type="list", formula1=f'"{items}"', allow_blank=True,
                                     promptTitle="请选择", prompt=f"从下拉列表选择：{'、'.join(row.choices)}",
                                     errorTitle="取值不在列表中",
                                     error=f"只能填：{'、'.join(row.choices)}")
    if row.kind in ("int", "count"):
        return ("whole",), dict(type="whole", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, promptTitle="整数",
                                prompt="填写 0 或正整数；无则填 0", errorTitle="应为整数",
                                error="这里只能填 0 或正整数（无则填 0）。")
    if row.kind == "pct":
        return ("pct",), dict(type="decimal", operator="between", formula1="0", formula2="100",
                              allow_blank=True, promptTitle="百分比",
                              prompt="填写 0–100 之间的数字，保留 2 位小数，不带 % 号",
                              errorTitle="应为 0–100 的数字",
                              error="百分比只填 0 到 100 之间的数字（如 12.50），不带 % 号。")
    if row.kind == "growth":
        return ("growth",), dict(type="decimal", operator="between", formula1="-100000",
                                 formula2="100000", allow_blank=True, promptTitle="增长率（%）",
                                 prompt="填写百分数的数字部分，可为负数，保留 2 位小数",
                                 errorTitle="应为数字", error="增长率只填数字（如 10.50 或 -3.20），不带 % 号。")
    if row.kind == "num":
        unit = f"（{row.unit}）" if row.unit else ""
        return ("num",), dict(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, promptTitle=f"数字{unit}",
                              prompt="填写不小于 0 的数字，保留 2 位小数；无则填 0",
                              errorTitle="应为数字", error="这里只能填不小于 0 的数字（无则填 0）。")
    if row.max_chars:
        n = row.max_chars
        return ("len", n), dict(type="textLength", operator="lessThanOrEqual", formula1=str(n),
                                allow_blank=True, promptTitle=f"{n} 字以内",
                                prompt=f"不超过 {n} 字；无相关情况时填“无”",
                                errorTitle="字数超出", error=f"这一栏限 {n} 字以内。")
    if row.kind == "names":
        return ("names",), dict(type="none", allow_blank=True, promptTitle="名称清单",
                                prompt="多个名称用“、”分隔，与数量一致；无则填“无”")
    return None




def _style_locked(cell, fill=LOCKED_FILL) -> None:
    cell.fill = fill
    cell.protection = Protection(locked=True)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    cell.font = Font(name=FONT, size=11)
    cell.border = BORDER


def _instructions_sheet(ws: Worksheet, cat: Catalogue) -> None:
    p = prose(cat)
    app = p["application"]
    ws.column_dimensions["A"].width = 72
    lines: list[tuple[str, bool]] = [(app["title"] + p["workbook"]["title_suffix"], True),
                                     ("", False), (app["instructions_title"], True)]
    lines += [(f"{i}. {t}", False) for i, t in enumerate(app["instructions"], 1)]
    lines += [("", False), (p["workbook"]["help_title"], True)]
    lines += [(f"{i}. {t}", False) for i, t in enumerate(p["workbook"]["help"], 1)]
    for r, (text, bold) in enumerate(lines, 1):
        ws.row_dimensions[r].height = LINE_PT * _lines(text, 72) + 4
        c = ws.cell(row=r, column=1, value=text or None)
        c.font = Font(name=FONT, size=14 if r == 1 else 11, bold=bold)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.protection.sheet = True
    print_on_a4(ws)


def _section_sheet(ws: Worksheet, title: str, rows: list[Row], head: tuple[str, ...]) -> None:
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    ws.column_dimensions["A"].hidden = True
    for c, name in enumerate(head, 1):
        cell = ws.cell(row=1, column=c, value=name)
        _style_locked(cell, HEADER_FILL)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.freeze_panes = "C2"
    validations: dict[tuple, DataValidation] = {}
    for r, row in enumerate(rows, 2):
        for c, text in enumerate((row.key, row.label, row.unit), 1):
            _style_locked(ws.cell(row=r, column=c, value=text or None))
        open_cols = YEAR_COLS if row.yearly else (VALUE_COL,)
        for c in (VALUE_COL,) + YEAR_COLS:
            cell = ws.cell(row=r, column=c)
            if c not in open_cols:
                _style_locked(cell, UNUSED_FILL)
                continue
            cell.protection = Protection(locked=False)
            cell.font = Font(name=FONT, size=11)
            cell.border = BORDER
            # A target's kind is its row's (优质中小企业数量 75 is a count, shown whole).
            cell.number_format = NUMBER_FORMAT.get(row.kind, "@")
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="right" if row.kind in NUMBER_FORMAT else "left")
            spec = _validation(row)
            if spec:
                ident, kwargs = spec
                if ident not in validations:
                    dv = DataValidation(showInputMessage=True,
                                        showErrorMessage=kwargs.get("type") != "none", **kwargs)
                    validations[ident] = dv
                    ws.add_data_validation(dv)
                validations[ident].add(cell.coordinate)
        if row.max_chars and row.max_chars >= 1000:
            ws.row_dimensions[r].height = 240
        elif row.max_chars or row.kind == "names":
            ws.row_dimensions[r].height = 60
        else:
            ws.row_dimensions[r].height = LINE_PT * _lines(row.label, WIDTHS["B"]) + 3
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people widen columns for long text
    ws.protection.formatRows = False
    print_on_a4(ws, landscape=True)
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = title
    ws.oddHeader.center.size = 14
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def build_workbook(cat: Catalogue) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    _instructions_sheet(ws, cat)
    for section, rows in all_rows(cat):
        _section_sheet(wb.create_sheet(section.title), section.title, rows, header(cat))
    return workbook_bytes(wb, cat.issued, title=prose()["application"]["title"])
