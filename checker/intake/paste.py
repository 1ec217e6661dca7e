"""Pasted rows (tab-separated) and ``标签：值`` lines, read by one row engine.

First pass: split the text into rows of cells (Excel-quoted cells may hold tabs and
line breaks), recognise header rows, and turn each row into an *entry*: the slots its
key or label may mean, its value cells and year columns. Lines that carry no label of
their own continue the row above them (a long text over several paragraphs, a box on
its own line, the next year of a table whose years run down the side).
Second pass: same-named labels (联系人, 是否高于行业平均水平, 集群名称…) are told apart
by ``context`` (the row above them) or by the section around them; then each entry
fills its slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field as dc_field
from itertools import islice

from checker.intake.collect import Collector
from checker.intake.fill import fill, takes_group_none
from checker.intake.layout import prepare
from checker.intake.tables import KEY_SHAPE, Slot, Tables, bare, norm
from checker.intake.text import BLANKS, quote, strip_blanks
from checker.intake.values import MARKS, is_figure, is_none, ticked

MAX_CELLS = 64
# A whole application is a few hundred rows; more is not an application and must not
# cost the user more than a second.
MAX_ROWS = 3000
MAX_COLON_TRIES = 8
_KEY_LINE = re.compile(r"^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\s*[:：=\t]\s*(.*)$", re.S)
_YEAR_CELL = re.compile(r"^(20[0-9]{2})\s*年?度?$")
_LEAD = re.compile(r"^(?:#{1,6}\s+|[-*•·]\s+|>\s*)")
_COLON = re.compile(r"[:：]")
_NUMERICISH = re.compile(r"^[-+−－0-9０-９.,，．%％\s无暂]*$")
_NO_WORDS = re.compile(r"^[\W_]*$")
_BLANK_VALUE = re.compile(r"^(.*?\S)[ \u3000]+([-+0-9０-９.．无暂☑☐□✓√■✔☒是否—－].*)$")
HEADER_NAMES = {"键": "key", "栏目": "label", "单位": "unit", "值": "value"}


@dataclass
class Entry:
    cands: list[Slot]
    cells: list[str]
    raw: str
    label: str = ""  # normalised label as typed (for context)
    years: dict[str, str] | None = None
    unit: str | None = None
    section: str | None = None  # set for headings
    slot: Slot | None = None
    continues: bool = False  # may take continuation lines (long text, boxes)
    extra_lines: list[str] = dc_field(default_factory=list)
    origin: str = ""  # where in a document the row came from (file readers)
    year_cells: list[str] | None = None  # the years its cells named, when not the round's in order


def split_rows(text: str) -> Iterator[list[str]]:
    """Non-blank rows of cells; a cell starting with a quote may span tabs and lines
    (Excel quotes such cells). Lazy, so a megabyte of blank lines costs no memory."""
    lines = text.split("\n")
    quotes_ok = True
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if not line.strip(BLANKS):
            continue
        if '"' not in line or not quotes_ok:
            yield line.split("\t", MAX_CELLS)
            continue
        cells: list[str] = []
        rest = line
        while True:
            if rest.startswith('"'):
                # Find the closing quote, possibly on a later line (bounded look-ahead).
                buf, j, consumed = rest, 1, 0
                closed = None
                while True:
                    k = buf.find('"', j)
                    if k < 0:
                        if consumed >= 200 or i + consumed >= n or len(buf) > 100_000:
                            break
                        buf += "\n" + lines[i + consumed]
                        consumed += 1
                        continue
                    if k + 1 < len(buf) and buf[k + 1] == '"':
                        j = k + 2
                        continue
                    if k + 1 == len(buf) or buf[k + 1] == "\t":
                        closed = k
                    break
                if closed is not None:
                    cells.append(buf[1:closed].replace('""', '"'))
                    i += consumed
                    rest = buf[closed + 1:]
                    if rest.startswith("\t") and len(cells) < MAX_CELLS:
                        rest = rest[1:]
                        continue
                    break
                quotes_ok = False  # an unbalanced quote: read the rest literally
            head, sep, tail = rest.partition("\t")
            cells.append(head)
            if not sep or len(cells) >= MAX_CELLS:
                if sep:
                    cells.append(tail)
                break
            rest = tail
        yield cells


class RowReader:
    def __init__(self, col: Collector) -> None:
        self.t: Tables = col.t
        self.col = col
        self.entries: list[Entry] = []
        self.columns: dict[str, int] | None = None  # Row contract header positions
        self.year_header: list[str] | None = None  # 年度 | <year> 年 | ... (Word)
        self.pending_years: Entry | None = None  # a yearly row whose values come below
        self.summary_columns: list[Slot | None] | None = None  # 附件1 header row seen
        self.tab_rows = 0
        self.line_rows = 0
        self.origin = ""

    # -- pass 1 --------------------------------------------------------------------
    def read(self, text: str) -> None:
        if "\t" in text:
            rows: Iterable[tuple[str, ...]] = (tuple(r) for r in split_rows(text))
        else:
            rows = ((line,) for line in text.split("\n") if line.strip(BLANKS))
        # One row past the limit, so that reading it reports the limit.
        self.read_rows(prepare(((cells, "") for cells in islice(rows, MAX_ROWS + 1)), self.t))

    def read_rows(self, rows: Iterable[tuple[tuple[str, ...], str]]) -> None:
        """Rows of cells with where each came from (``checker.intake`` readers, or ``read``)."""
        count = 0
        for cells, self.origin in rows:
            row = list(cells)
            if len(row) == 1:
                if not row[0].strip(BLANKS):
                    continue
                line: str | None = row[0]
            else:
                line = None
            count += 1
            if count > MAX_ROWS:
                self.col.find("input.too_long", "input", None,
                              f"输入超过 {MAX_ROWS} 行（不含空行），只读取了前 {MAX_ROWS} 行；"
                              "一份申报表远少于这个行数，请检查粘贴的内容。")
                break
            if line is not None:
                self._line(line)
            else:
                self._cells(row)  # type: ignore[arg-type]

    def _finding_unknown(self, label: str, raw: str) -> None:
        self.col.find("input.unknown_label", "input", raw,
                      f"无法识别栏目“{quote(label)[:40]}”：不是申报表上的栏目名称或键名，这一行未读取；"
                      "请按模板的“栏目”原文或键名（如 industry.total_output）填写。")

    def _finding_group(self, head: Slot, value: str) -> None:
        """A value beside a label that heads several rows (阶段性目标, 创新平台建设情况…)."""
        f = head.field
        assert f is not None
        items = [p.label for p in f.parts] or [r.label for r in f.rows]
        self.col.find("input.unreadable", head.path, value,
                      f"“{quote(f.label)[:40]}”分为{'、'.join(f'“{x}”' for x in items)}，请写在对应的一项中"
                      f"（如“{items[0]}：……”）；这里的文字没有对应到任何一项，未读取。")

    def _header(self, cells: list[str]) -> bool:
        names = [strip_blanks(c) for c in cells]
        compacted = [norm(c) for c in names]
        # 键 栏目 单位 值 <year> 年 …; the 键 column may be missing (hidden in our .xlsx)
        if ("键" in compacted or "栏目" in compacted) and ("值" in compacted or "单位" in compacted):
            cols: dict[str, int] = {}
            for i, c in enumerate(compacted):
                if c in HEADER_NAMES:
                    cols.setdefault(HEADER_NAMES[c], i)
                m = _YEAR_CELL.match(c)
                if m and m.group(1) in self.t.years:
                    cols.setdefault(m.group(1), i)
            self.columns = cols
            return True
        if compacted and compacted[0] == "年度" and all(_YEAR_CELL.match(c) for c in compacted[1:] if c):
            self.year_header = [_YEAR_CELL.match(c).group(1) for c in compacted[1:] if c]  # type: ignore[union-attr]
            return True
        return False

    def _cells(self, cells: list[str]) -> None:
        raw = "\t".join(cells)
        if not any(strip_blanks(c) for c in cells):
            return
        self.tab_rows += 1
        if self._header(cells):
            return
        cols = self.columns
        if cols is not None and ("key" in cols or "label" in cols):
            def cell(name: str) -> str:
                i = cols.get(name)
                return cells[i] if i is not None and i < len(cells) else ""
            key = strip_blanks(cell("key"))
            years = {y: cell(y) for y in self.t.years if y in cols}
            unit = strip_blanks(cell("unit")) or None
            value = [cell("value")] if "value" in cols else []
            keyed = bool(key) and KEY_SHAPE.match(key) is not None
            if keyed and self.t.key(key) is not None and not strip_blanks(value[0] if value else "") \
                    and not any(strip_blanks(v) for v in years.values()):
                return  # a blank row of the template: missing, and no label to tell apart
            if keyed:
                self._key(key, value, raw, years, unit)
                return
            label = strip_blanks(cell("label"))
            if label and not key:
                has_value = any(strip_blanks(v) for v in value + list(years.values()))
                if has_value or self.t.label(label) or len([c for c in cells if strip_blanks(c)]) > 1:
                    self._label(label, value, raw, years, unit)
                else:
                    self._line(label)  # the next paragraph of a long text above
                return
            # no key and no label: maybe a Word row pasted under our header
        stripped = [strip_blanks(c) for c in cells]
        lead = 0
        while lead < len(stripped) and not stripped[lead]:
            lead += 1
        first = stripped[lead]
        rest = cells[lead + 1:]
        if KEY_SHAPE.match(first):
            if len(cells) >= 4 + len(self.t.years) and lead == 0 and cols is None:
                # Row contract without its header row: 键 栏目 单位 值 and a cell per year
                years = dict(zip(self.t.years, cells[4:4 + len(self.t.years)]))
                self._key(first, [cells[3]], raw, years, strip_blanks(cells[2]) or None)
            else:
                slot = self.t.key(first)
                self._key(first, self._drop_label(slot, rest) if slot else rest, raw)
            return
        if self.summary_columns is not None:
            if self._summary_row(cells, raw):
                return
        elif self._summary_header(stripped):
            return
        # A year cell: the next year of a table whose years run down the side.
        m = _YEAR_CELL.match(norm(first))
        if m and self.pending_years is not None:
            self._side_year(m.group(1), rest, raw)
            return
        # Values under a 年度 header row (工业软件采购金额: years across, values beneath).
        # A row whose label cell is blank (merged with the years' row) is that row's values, whatever
        # they are (abc is then reported as unreadable, not taken for another row).
        if self.pending_years is not None and (
                (lead and self.pending_years.years is None)
                or all(_NUMERICISH.match(c) or is_figure(c) for c in stripped if c)):
            e = self.pending_years
            if e.slot is None and e.cands:
                # under the years' cells: past the (merged, blank) label cell, blank years kept in place
                e.cells = cells[1:] if lead else cells
                if e.year_cells is not None:  # each value under the year its cell named
                    e.years, e.cells = dict(zip(e.year_cells, e.cells)), []
            self.pending_years = None
            return
        if not any(strip_blanks(c) for c in rest):
            self._line(first)  # one cell holding 标签：值 or a box line
            return
        # 方向 | 指标 | 基准值 | 目标值, or an outer label | part | value: the second cell decides.
        if len(stripped) > lead + 1 and stripped[lead + 1]:
            second = self.t.label(stripped[lead + 1])
            if second and second[0].kind not in ("ignore", "heading"):
                first_c = self.t.label(first)
                targets = [s for s in second if s.kind == "target_row"]
                if targets or not first_c or all(c.kind in ("ignore", "heading") for c in first_c):
                    self._label(stripped[lead + 1], cells[lead + 2:], raw)
                    return
        self._label(first, rest, raw)

    def _drop_label(self, slot: Slot, rest: list[str]) -> list[str]:
        """``key | 栏目 | 单位 | 值``: the label and unit cells of a keyed row are not values."""
        if len(rest) >= 2 and strip_blanks(rest[0]) and slot in self.t.label(rest[0]):
            rest = rest[1:]
            if len(rest) >= 2 and strip_blanks(rest[0]) in ("", slot.unit or ""):
                rest = rest[1:]
        return rest

    def _summary_header(self, stripped: list[str]) -> bool:
        """The header row of 附件1 推荐汇总表 (序号 | 集群名称 | …): its columns name fields."""
        if len(stripped) < 4:
            return False
        columns: list[Slot | None] = []
        for cell in stripped:
            cands = [c for c in self.t.label(cell, False) if c.section == "summary" and c.kind == "leaf"]
            columns.append(cands[0] if cands else None)
        if sum(c is not None for c in columns) < 3:
            return False
        self.summary_columns = columns
        return True

    def _summary_row(self, cells: list[str], raw: str) -> bool:
        """The row under the 附件1 header: one cell per column (the seed's hint row is skipped)."""
        columns = self.summary_columns or []
        pairs = [(slot, c) for slot, c in zip(columns, cells) if slot is not None and strip_blanks(c)]
        hints = [slot for slot, c in pairs
                 if slot.field is not None and slot.field.hint and norm(c) == norm(slot.field.hint)]
        if pairs and len(hints) == len(pairs):
            return True  # （集群主导产业链条描述…）: the form's own hint, not a value
        self.summary_columns = None
        if not pairs:
            return False
        for slot, c in pairs:
            self._add(Entry([slot], [c], raw, norm(slot.label)))
        return True

    def _line(self, line: str) -> None:
        s = strip_blanks(line)
        if not s:
            return
        s = _LEAD.sub("", s)
        if _NO_WORDS.match(s):
            return  # rules, dots, ellipses: "....." rows of the form
        m = _KEY_LINE.match(s)
        if m and KEY_SHAPE.match(m.group(1)):
            self.line_rows += 1
            self._key(m.group(1), [m.group(2)], s)
            return
        prev = self.entries[-1] if self.entries else None
        if any(c in s for c in MARKS) and self._box_line(s, prev):
            return
        # 标签：值 — the longest known label before a colon wins (labels hold colons too).
        colons = [mm.start() for mm in _COLON.finditer(s, 0, min(len(s), 400))][:MAX_COLON_TRIES]
        for loose, positions in ((False, reversed(colons)), (True, colons)):
            for pos in positions:
                cands = self.t.label(s[:pos], loose)
                if cands:
                    self.line_rows += 1
                    self._add(Entry(cands, [s[pos + 1:].lstrip(BLANKS)], s, norm(s[:pos])))
                    return
        # 栏目 followed by blanks and a value (no colon): 集群占地面积(平方公里) 36.50
        m3 = _BLANK_VALUE.match(s)
        if m3 and not colons:
            cands = self.t.label(m3.group(1), False)
            if cands:
                self.line_rows += 1
                self._add(Entry(cands, [m3.group(2)], s, norm(m3.group(1))))
                return
        whole = self.t.label(s)
        if whole:
            self._label(s, [], s)
            return
        if prev is not None and prev.continues:
            prev.extra_lines.append(s)
            return
        m2 = _YEAR_CELL.match(norm(s.split(":")[0].split("：")[0]))
        if m2 and self.pending_years is not None and colons:
            self._side_year(m2.group(1), [s[colons[0] + 1:]], s)
            return
        if colons and strip_blanks(s[colons[0] + 1:]):
            self.line_rows += 1
            self._finding_unknown(s[:colons[0]], s)
            return
        if len(s) > 1 and not s.startswith(("(", "（", "注")):
            self.col.find("input.unrecognised", "input", s,
                          "这一行没有可识别的栏目和数值（应为“栏目：值”、Tab 分隔的表格行或 JSON），未读取。")

    def _box_line(self, s: str, prev: Entry | None) -> bool:
        """``☑绘制产业链图谱…`` on its own line: a box of the checks field above (or any)."""
        marked = ticked(s)
        if marked is None:
            return False
        on, off, lead = marked
        if strip_blanks(lead):
            cands = self.t.label(strip_blanks(lead).rstrip(":："))
            if cands:
                self._add(Entry(cands, [s[len(lead):]], s, norm(lead)))
                return True
            return False
        if prev is not None and prev.continues and prev.cands and prev.cands[0].leaf_kind == "checks":
            prev.extra_lines.append(s)
            return True
        done = False
        for label, is_on in [(x, True) for x in on] + [(x, False) for x in off]:
            slots = self.t.option_slots.get(norm(label))
            if not slots:
                continue
            self._add(Entry(slots, ["是" if is_on else "否"], s, norm(label)))
            done = True
        return done

    def _key(self, key: str, cells: list[str], raw: str, years: dict[str, str] | None = None,
             unit: str | None = None) -> None:
        slot = self.t.key(key)
        if slot is None:
            self.col.find("input.unknown_key", key if KEY_SHAPE.match(key) else "input", raw,
                          f"键“{quote(key)[:60]}”不在申报表字段目录中，这一行未读取；请使用模板中的键名。")
            return
        self._add(Entry([slot], cells, raw, norm(slot.label), years, unit))

    def _label(self, label: str, cells: list[str], raw: str, years: dict[str, str] | None = None,
               unit: str | None = None) -> None:
        cands = self.t.label(label)
        if not cands:
            if (any(strip_blanks(c) for c in cells) or (years and any(strip_blanks(v) for v in years.values()))
                    or sum(1 for c in raw.split("\t") if strip_blanks(c)) > 1):
                self._finding_unknown(label, raw)
            elif any(c in label for c in MARKS):
                self._box_line(label, self.entries[-1] if self.entries else None)
            return
        if any(norm(c) == "定性描述" for c in cells):
            cells = [c for c in cells if norm(c) != "定性描述"]
        if years is None and len(cells) >= 2:
            cells, years, unit = self._without_unit_cell(cands, cells, unit)
        # 联系人 | 张三 | 联系方式 | 027-…: two label/value pairs in one Word row
        if len(cells) >= 3 and cands[0].kind == "leaf":
            other = self.t.label(strip_blanks(cells[1]))
            if other and other[0].kind == "leaf":
                self._add(Entry(cands, cells[:1], raw, norm(label), years, unit))
                self._add(Entry(other, cells[2:], raw, norm(cells[1])))
                return
        self._add(Entry(cands, cells, raw, norm(label), years, unit))

    def _without_unit_cell(self, cands: list[Slot], cells: list[str], unit: str | None
                           ) -> tuple[list[str], dict[str, str] | None, str | None]:
        """栏目 | 单位 | 值 | a cell per year, without the 键 column or its header row."""
        first = strip_blanks(cells[0])
        units = {c.unit or "" for c in cands}
        n = len(self.t.years)
        if len(units) != 1 or first != next(iter(units)) or (not first and len(cells) < 2 + n):
            return cells, None, unit
        rest = cells[1:]
        if cands[0].kind == "yearly" and len(rest) >= 1 + n:
            return rest[:1], dict(zip(self.t.years, rest[1:1 + n])), first or unit
        if first:
            return rest, None, unit
        return cells, None, unit

    def _year_cells(self, cells: list[str], years: list[str]) -> bool:
        """Whether cells that look like years are the table's years (each with 年, or exactly
        the round's years without it), not figures of a row that happen to be 2000–2099."""
        return all("年" in c for c in cells) or years == list(self.t.years)

    def _side_year(self, year: str, cells: list[str], raw: str) -> None:
        e = self.pending_years
        assert e is not None
        value = next((c for c in cells if strip_blanks(c)), "")
        e.years = dict(e.years or {})
        e.years[year] = value

    def _add(self, e: Entry) -> None:
        e.origin = self.origin
        first = e.cands[0]
        if first.kind == "heading":
            e.section = first.section
            self.entries.append(e)
            self.pending_years = None
            return
        if first.kind == "ignore" and not any(strip_blanks(c) for c in e.cells):
            return
        if first.kind == "ignore":
            filled = [strip_blanks(c) for c in e.cells if strip_blanks(c)]
            if first.field is not None and takes_group_none(first.field) and len(filled) == 1 and is_none(filled[0]):
                self.entries.append(e)  # 创新平台建设情况：无 — none for the whole group
                self.pending_years = None
                return
            if not all(any(c.kind in ("ignore", "heading") for c in self.t.label(v))
                       for v in e.cells if strip_blanks(v)):
                if first.field is not None:
                    self._finding_group(first, filled[0] if filled else e.raw)
                else:
                    self._finding_unknown(e.raw.split("\t", 1)[0], e.raw)
            return
        f = first.field
        # Lines without a label continue a long text (发展规划, 200 字以内…) or a box list.
        e.continues = first.kind == "leaf" and (
            first.leaf_kind == "checks"
            or (first.leaf_kind == "text" and f is not None and (bool(f.max_chars) or first.section == "plan")))
        self.pending_years = None
        if first.kind == "yearly":
            filled = [strip_blanks(c) for c in e.cells if strip_blanks(c)]
            years = [m.group(1) for c in filled if (m := _YEAR_CELL.match(norm(c)))]
            if years and len(years) == len(filled) and self._year_cells(filled, years):
                self.pending_years = e  # <year>年 | <year>年 | <year>年: values on the next row
                e.cells = []
                if years != list(self.t.years):
                    e.year_cells = years
            elif (filled and e.years is None and self.year_header
                  and self.year_header != list(self.t.years)[:len(self.year_header)]
                  and len(e.cells) <= len(self.year_header)):
                # a 年度 row with the years in another order: map cells by that header
                e.years = dict(zip(self.year_header, e.cells))
                e.cells = []
            elif filled and _YEAR_CELL.match(norm(filled[0])) and e.years is None \
                    and ("年" in filled[0] or (len(filled) == 2 and filled[0] == next(iter(self.t.years)))):
                # years down the side: <first year> 年 | 0.42, then the next rows
                self.pending_years = e
                e.years = {_YEAR_CELL.match(norm(filled[0])).group(1): filled[1] if len(filled) > 1 else ""}  # type: ignore[union-attr]
                e.cells = []
        self.entries.append(e)

    # -- pass 2 --------------------------------------------------------------------
    def resolve(self) -> None:
        """Pick one slot per entry: the only candidate, else a not yet filled one told
        apart by context, by the section around it (above, else below), else the first."""
        entries = self.entries
        section: str | None = None
        taken: set[tuple[str, str | None]] = set()
        for i, e in enumerate(entries):
            if e.section:
                section = e.section
                continue
            if len(e.cands) == 1:
                e.slot = e.cands[0]
            else:
                free = [c for c in e.cands if (c.path, c.option) not in taken] or e.cands
                e.slot = (self._by_context(i, free) or self._by_section(free, section)
                          or self._by_section(free, self._next_section(i)) or free[0])
            taken.add((e.slot.path, e.slot.option))
            section = e.slot.section

    def _next_section(self, i: int) -> str | None:
        for x in self.entries[i + 1:i + 40]:
            if x.section:
                return x.section
            if len(x.cands) == 1:
                return x.cands[0].section
        return None

    def _by_context(self, i: int, cands: list[Slot]) -> Slot | None:
        ctxs = {s.context: s for s in cands if s.context}
        if not ctxs:
            return None
        for prev in reversed(self.entries[max(0, i - 8):i]):
            for label in (prev.label, norm(prev.raw.split("\t", 1)[0])):
                if label in ctxs:
                    return ctxs[label]

                b = bare(label)
                for ctx, slot in ctxs.items():
                    if bare(ctx) == b:
                        return slot
        return None

    @staticmethod
    def _by_section(cands: list[Slot], section: str | None) -> Slot | None:
        if section is None:
            return None
        return next((s for s in cands if s.section == section), None)

    def apply(self) -> None:
        for e in self.entries:
            if e.slot is None:
                continue
            self.col.where = e.origin
            cells = e.cells
            if e.extra_lines:
                cells = list(cells)
                if e.slot.leaf_kind == "checks":
                    cells = [" ".join([c for c in cells if strip_blanks(c)] + e.extra_lines)]
                else:
                    joined = "\n".join([c for c in cells if strip_blanks(c)] + e.extra_lines)
                    cells = [joined]
            fill(e.slot, cells, self.col, e.raw, e.years, e.unit)
        self.col.where = ""


def read_rows(text: str, col: Collector) -> str:
    """Fill ``col`` from pasted rows or lines; returns "tsv" or "lines"."""
    r = RowReader(col)
    r.read(text)
    r.resolve()
    r.apply()
    return "tsv" if r.tab_rows and r.tab_rows >= r.line_rows else "lines"


def read_cells(rows: Iterable[tuple[tuple[str, ...], str]], col: Collector) -> None:
    """Fill ``col`` from a document's rows of cells (.docx, HTML tables, .csv), with their origins."""
    r = RowReader(col)
    r.read_rows(prepare(rows, col.t))
    r.resolve()
    r.apply()

