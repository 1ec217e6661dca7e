"""How our .xlsx files print: A4, one page wide (or as few pages as a wide table's
columns allow), as many pages down as the rows take, rows as tall as their text.

Shared by the build-time blanks (``forms``) and the 批量初审 exports
(``checker.batch.export``, which also runs in Pyodide, where ``forms`` is absent).
Typed against openpyxl's worksheet but imports nothing from it: openpyxl is loaded
only by whoever builds a workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


# A4 landscape less 1 cm margins, in column-width units at 100 % (about 1.9 mm each).
A4_LANDSCAPE_UNITS = 145
# The smallest print scale that stays readable: a wider table takes more pages across.
MIN_SCALE = 0.6


def print_on_a4(ws: Worksheet, *, landscape: bool = False, pages_wide: int = 1) -> None:
    """A4 (landscape if asked), scaled to ``pages_wide`` pages across."""
    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def pages_across(total_width: float) -> int:
    """How few A4 landscape pages a table of ``total_width`` column units fits across
    without printing smaller than ``MIN_SCALE``."""
    return max(1, -(-int(total_width * MIN_SCALE * 100) // (A4_LANDSCAPE_UNITS * 100)))


# Column widths count the default font's digit; a CJK character takes about two.
# Slightly generous, so a line the spreadsheet wraps a little earlier still fits.
WIDE, NARROW = 2.1, 1.1
LINE_PT = 1.35   # line height as a multiple of the font size (SimSun / Noto CJK)
PADDING_PT = 4.0


def text_width(line: str) -> float:
    """Width of one line in column-width units of an 11 pt font."""
    import unicodedata

    return sum(WIDE if unicodedata.east_asian_width(c) in "WF" else NARROW for c in line)


def lines_needed(text: str, width: float, size: float = 11) -> int:
    """Lines a wrapped cell of ``width`` needs for ``text`` at ``size`` pt."""
    usable = max(width - 1, 1) * 11 / size  # a margin inside the cell; smaller type fits more
    return sum(max(1, -(-int(text_width(line) * 100) // int(usable * 100))) for line in text.split("\n"))


def fit_row_heights(ws: Worksheet, rows: range) -> None:
    """Set each row's height to what its wrapped cells need (merged cells excepted).

    Neither Excel nor LibreOffice grows a row when a file is opened, and openpyxl
    writes no height by default: a 300-字 简介 would print as one clipped line.
    """
    from openpyxl.utils import get_column_letter

    merged = {c for rng in ws.merged_cells.ranges for row in ws.iter_rows(
        min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col) for c in row}
    for r in rows:
        tallest = 0.0
        for cell in ws[r]:
            if cell.value is None or cell in merged:
                continue
            size = cell.font.sz or 11  # layout only: no verdict rests on it
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            text = cell.value if isinstance(cell.value, str) else str(cell.value)
            tallest = max(tallest, lines_needed(text, width, size) * size * LINE_PT)
        if tallest:
            ws.row_dimensions[r].height = round(tallest + PADDING_PT, 1)
