"""Our .csv template, filled: comma-separated Row-contract rows (键,栏目,单位,值,<year> 年,…).

Recognised by its header row, or, when the header was deleted, by rows that start with
a key (``industry.total_output,…``). Excel's quoting (cells with commas, quotes or line
breaks) is read by the standard ``csv`` module; the encoding was already handled by
``checker.intake.textcodec`` (UTF-8 with BOM as we ship it, GB18030 as Chinese Excel
saves it, UTF-16 as its "Unicode 文本").
"""

from __future__ import annotations

import csv
import io
import re
from itertools import islice

from checker.law.rows import ROW_COLUMNS

_KEY_CELL = re.compile(r"^\s*\"?[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\"?\s*,")
_HEADER = tuple(h.replace(" ", "") for h in ROW_COLUMNS)  # the year columns follow: not needed to know it
_SAMPLE_LINES = 20


def looks_like_csv(text: str) -> bool:
    """The Row contract with commas: its header, or mostly key rows, and no tabs."""
    if "\t" in text[:4096]:
        return False
    lines = [line for line in islice((ln for ln in text.split("\n", 200)), 200) if line.strip()][:_SAMPLE_LINES]
    if not lines:
        return False
    first = [c.strip().replace(" ", "") for c in lines[0].split(",")[:4]]
    if tuple(first) == _HEADER or tuple(first[:2]) == _HEADER[1:3]:
        return True
    keyed = sum(1 for line in lines if _KEY_CELL.match(line))
    return keyed >= max(3, len(lines) // 2)


def csv_rows(text: str, limit: int) -> list[tuple[tuple[str, ...], str]]:
    """The rows of the .csv (at most ``limit`` non-blank ones). A text format: the
    applicant sees the text itself, so rows carry no origin."""
    out = []
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    try:
        for row in reader:
            if any(c.strip() for c in row):
                out.append((tuple(row), ""))
                if len(out) >= limit:
                    break
    except csv.Error:
        pass  # an unbalanced quote: the rows read so far are kept, the rest reported by the engine
    return out
