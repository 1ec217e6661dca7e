"""A clipboard's text/html flavour (Word, WPS, Excel, LibreOffice, browsers) or a Word
"web page" -> paragraphs and tables (``checker.intake.blocks``), cell by cell.

Parsed with the standard library's ``html.parser``: nothing is ever rendered, no script
runs, no address is fetched; the page only ever gets the report. Tables are laid out as
Word copies them to text (``blocks``): a ``colspan`` cell once, the rows a ``rowspan``
covers with an empty cell in its place, a cell's paragraphs on separate lines, nested
tables after their row. Boxes: ☑/☐ characters as typed, Word's symbol spans
(``font-family: Wingdings`` or ``mso-symbol-font-family``) through ``boxes``, and
``<input type=checkbox>`` by its ``checked`` attribute.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from checker.intake import boxes, limits
from checker.intake.blocks import Block, Table
from checker.intake.limits import Refused

_VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "col", "area", "base", "wbr", "source"})
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript", "xml"})
_BREAK = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre",
                    "ul", "ol", "dt", "dd", "section", "article"})
_FONT = re.compile(r"(?:mso-symbol-font-family|font-family)\s*:\s*([^;]+)", re.I)
# Not read: hidden text, and text struck through or deleted (an old value left in the cell
# with 删除线 or 修订: read as gone, as a person reads the printed form)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|text-decoration[^;]*line-through", re.I)
_STRUCK = frozenset({"s", "strike", "del"})
_SPACES = re.compile(r"[ \t\r\n\f]+")


def _font_of(style: str) -> str | None:
    for m in _FONT.finditer(style):
        name = m.group(1).split(",")[0].strip().strip("'\"")
        if boxes.is_symbol_font(name):
            return name
    return None


class _Cell:
    def __init__(self, colspan: int) -> None:
        self.lines: list[str] = [""]
        self.colspan = colspan
        self.nested: list[list[str]] = []


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.col = 0  # grid column of the next cell
        self.spans: dict[int, tuple[int, int]] = {}  # grid column -> (rows left, colspan)
        self.cell: _Cell | None = None
        self.extra: list[list[str]] = []  # nested tables' rows, after the current row


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.para: list[str] = [""]
        self.tables: list[_Table] = []
        self.stack: list[tuple[str, bool, str | None]] = []  # tag, hidden, symbol font
        self.skip = 0
        self.count = 0

    # -- state ---------------------------------------------------------------------
    def hidden(self) -> bool:
        return self.skip > 0 or any(h for _, h, _ in self.stack)

    def font(self) -> str | None:
        for _, _, f in reversed(self.stack):
            if f:
                return f
        return None

    def lines(self) -> list[str]:
        t = self.tables[-1] if self.tables else None
        if t is not None and t.cell is not None:
            return t.cell.lines
        return self.para

    def text(self, s: str) -> None:
        if self.hidden() or not s:
            return
        font = self.font()
        if font:
            s = boxes.symbol_text(font, s)
        lines = self.lines()
        lines[-1] += _SPACES.sub(" ", s)

    def newline(self) -> None:
        lines = self.lines()
        if lines[-1].strip():
            lines.append("")

    def bump(self) -> None:
        self.count += 1
        if self.count > limits.MAX_BLOCK_ROWS:
            raise Refused(limits.DOC_ROWS)

    # -- tables --------------------------------------------------------------------
    def fill_spans(self, t: _Table) -> None:
        """Empty cells where a rowspan from above covers the next grid column."""
        while t.row is not None and t.col in t.spans:
            left, width = t.spans[t.col]
            t.row.append("")
            if left <= 1:
                del t.spans[t.col]
            else:
                t.spans[t.col] = (left - 1, width)
            t.col += width

    def end_cell(self, t: _Table) -> None:
        cell = t.cell
        if cell is None or t.row is None:
            t.cell = None
            return
        at = len(t.row)
        text = "\n".join(line.strip() for line in cell.lines if line.strip())
        nested = cell.nested
        if nested and not text:
            t.row.extend(nested[0])  # a cell that only holds a table: its first row continues this row
            nested = nested[1:]
        else:
            t.row.append(text)
        t.extra.extend([""] * at + r for r in nested)
        t.cell = None

    def end_row(self, t: _Table) -> None:
        self.end_cell(t)
        if t.row is not None:
            self.fill_spans(t)
            # rowspans that end beyond this row's last cell
            for col in sorted(c for c in t.spans if c >= t.col):
                left, width = t.spans[col]
                t.row.append("")
                t.spans[col] = (left - 1, width)
                if left <= 1:
                    del t.spans[col]
            t.rows.append(t.row[: limits.MAX_ROW_CELLS])
            t.rows.extend(t.extra)
            self.bump()
        t.row, t.extra, t.col = None, [], 0

    def end_table(self) -> None:
        t = self.tables.pop()
        self.end_row(t)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.nested.extend(t.rows)
        else:
            self.flush_para()
            self.blocks.append(Table(t.rows))

    def flush_para(self) -> None:
        text = "\n".join(line.strip() for line in self.para if line.strip())
        if text:
            self.blocks.append(text)
            self.bump()
        self.para = [""]

    # -- parser callbacks ------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "input" and a.get("type", "").lower() == "checkbox":
            self.text(boxes.TICKED if "checked" in a else boxes.EMPTY)
            return
        if tag == "br":
            self.newline()
            return
        if tag in _VOID:
            return
        style = a.get("style", "")
        font = _font_of(style)
        if font is None and tag == "font" and boxes.is_symbol_font(a.get("face", "").split(",")[0].strip()):
            font = a["face"].split(",")[0].strip()  # LibreOffice: <font face="Wingdings">
        self.stack.append((tag, tag in _STRUCK or bool(_HIDDEN.search(style)), font))
        if tag == "table":
            if len(self.tables) >= limits.MAX_TABLE_DEPTH:
                raise Refused(limits.DOC_NESTING)
            if not self.tables:
                self.flush_para()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            t = self.tables[-1]
            self.end_row(t)
            t.row = []
        elif tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            if t.row is None:
                t.row = []
            self.end_cell(t)
            self.fill_spans(t)
            colspan = _span(a.get("colspan"))
            rowspan = _span(a.get("rowspan"))
            if rowspan > 1:
                t.spans[t.col] = (rowspan - 1, colspan)
            t.col += colspan
            t.cell = _Cell(colspan)
        elif tag in _BREAK:
            self.newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _VOID:
            return
        if any(t == tag for t, _, _ in self.stack):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break
        if tag == "table" and self.tables:
            self.end_table()
        elif tag in ("td", "th") and self.tables:
            self.end_cell(self.tables[-1])
        elif tag == "tr" and self.tables:
            self.end_row(self.tables[-1])
        elif tag in _BREAK:
            self.newline()
            if not self.tables and tag != "tr":
                self.flush_para()

    def handle_data(self, data: str) -> None:
        self.text(data)


def _span(value: str | None) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), limits.MAX_ROW_CELLS)


def read_html(text: str) -> list[Block]:
    """The paragraphs and tables of an HTML document or fragment."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    while reader.tables:
        reader.end_table()
    reader.flush_para()
    return reader.blocks


def has_table(text: str) -> bool:
    return "<table" in text[:2_000_000].lower()
