"""What a document reader hands on: paragraphs and tables, then rows of cells.

A table is what Word puts on the clipboard when its rows are copied: one cell per
``w:tc`` (a horizontally merged cell once), a vertically merged cell's continuation as
an empty cell, a cell's paragraphs on separate lines, a nested table's rows after the
row that holds it, shifted to that cell's column. The row engine of ``checker.intake.parse``
already reads rows copied from the Word form in exactly that shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.intake.layout import Row


@dataclass(slots=True)
class Table:
    rows: list[list[str]] = field(default_factory=list)


Block = str | Table  # a paragraph is its text


def rows_of(blocks: list[Block]) -> list[Row]:
    """(cells, where in the document) of every paragraph and table row, in order."""
    out: list[Row] = []
    para = tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            for r, cells in enumerate(block.rows, 1):
                if any(c.strip() for c in cells):
                    out.append((tuple(cells), f"第 {tables} 张表格第 {r} 行"))
        else:
            para += 1
            if block.strip():
                out.append(((block,), f"第 {para} 段"))
    return out
