"""Cells of our exports that a spreadsheet shows as typed, never runs as a formula.

A cluster name, an operator or a file name is user text. A text beginning with
``= + - @`` (or a tab or carriage return, which some programs skip before looking)
is taken for a formula when Excel, WPS or LibreOffice open a CSV file, and openpyxl
stores such a string as a real formula: ``=HYPERLINK(…)`` becomes a live link,
``=1+1`` shows 2 (OWASP, "CSV injection").

- CSV: such a text is written with a leading apostrophe, which every spreadsheet shows
  as text; a number (``-2.55``, ``-0.2550``, ``12.55%``) is left as it is.
- .xlsx: every text is an inline string (never a formula or an error value such as
  ``#N/A``), with Excel's quote-prefix flag on the risky ones so that editing the cell
  keeps it text; numbers are numeric cells.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
# A figure as the exports write it: -2.55, 0.2550, 12.55%, 17 (not 46.40亿元).
NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?%?")


def risky(text: str) -> bool:
    """A text a spreadsheet could take for a formula."""
    return text.startswith(RISKY_START) and NUMBER.fullmatch(text) is None


def csv_cell(value: object) -> str:
    """A CSV field: the text as shown, an apostrophe before a risky one."""
    text = "" if value is None else str(value)
    return "'" + text if risky(text) else text


def put(ws: Any, row: int, column: int, value: object) -> Any:
    """Write ``value`` into an openpyxl worksheet cell: text as text, numbers as numbers."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula and "#N/A" as an error
        if risky(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def as_number(text: str) -> tuple[Decimal | int, str] | None:
    """A figure cell of the comparison as (number, number format) for .xlsx, else None:
    ``12.55%`` -> (0.1255, "0.00%"), ``-0.2550`` -> (-0.2550, "0.0000"), ``17`` -> (17, "0")."""
    if NUMBER.fullmatch(text) is None:
        return None
    percent = text.endswith("%")
    digits = text.rstrip("%")
    places = len(digits.partition(".")[2])
    number: Decimal | int = Decimal(digits) / 100 if percent else (Decimal(digits) if places else int(digits))
    shown = "0" + ("." + "0" * places if places else "")
    return number, shown + ("%" if percent else "")
