"""What every .xlsx blank shares: A4 printing one page wide, and reproducible bytes."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from forms.reproducible import normalise_package


def print_on_a4(ws: Worksheet, *, landscape: bool = False) -> None:
    """A4, one page wide, as many pages down as the rows take."""
    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(wb: Workbook, title: str) -> bytes:
    """The saved workbook with its title and no author, byte-identical across builds."""
    wb.properties.title = title
    wb.properties.creator = ""
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_package(buf.getvalue())
