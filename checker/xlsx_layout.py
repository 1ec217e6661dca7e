"""How our .xlsx files print: A4, one page wide, as many pages down as the rows take.

Shared by the build-time blanks (``forms``) and the 批量初审 exports
(``checker.summary_export``, which also runs in Pyodide, where ``forms`` is absent).
Typed against openpyxl's worksheet but imports nothing from it: openpyxl is loaded
only by whoever builds a workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def print_on_a4(ws: Worksheet, *, landscape: bool = False, one_page_wide: bool = True) -> None:
    """A4 (landscape if asked), by default scaled to one page wide."""
    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if one_page_wide:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
