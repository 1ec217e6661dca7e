"""What every .xlsx blank shares on saving: its title, no author, reproducible bytes.

How they print (A4, one page wide) is ``checker.office.xlsx_layout.print_on_a4``, shared with
the 批量初审 exports.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from checker.office.zips import normalise_package


def workbook_bytes(wb: Workbook, title: str, issued: str) -> bytes:
    """The saved workbook with its title and no author, byte-identical across builds."""
    wb.properties.title = title
    wb.properties.creator = ""
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_package(buf.getvalue(), issued)
