"""附件2 中小企业特色产业集群申报表 as a Word document, laid out like the seed.

Every label, box, part, unit and note comes from the field catalogue; the prose that
is not field data (填报说明, 八's outline and requirements a–g, 真实性声明) comes from
``prose.yaml``. Each section is one real Word table; the layout of a field follows its
kind (yearly runs get year columns, boxes one ☐ per line, named counts 数量/名称 lines),
so a field added to the catalogue appears here without touching this module.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from checker.law.catalogue import Catalogue, Field, Section
from forms.prose import prose
from forms.wordsetup import BOX, HEI, TABLE_PT, WordDoc, boxes, write_cell

BLANK = "______________"
TEXT_ROW_MM = {200: 26, 300: 40}
ROW_MM = 8


def _is_side_note(note: str | None) -> bool:
    """A "(注：…)" note sits under the label; other notes follow the value."""
    return bool(note) and note.lstrip("(（")[:1] == "注"


class _Grid:
    """Column spans of one section table: label | 3 years × k sub-columns."""

    def __init__(self, w: WordDoc, k: int) -> None:
        self.w, self.k, self.n = w, k, 1 + 3 * k
        label = 56 if k == 1 else 40
        rest = (w.text_width_mm - label) / (self.n - 1)
        self.t = w.table([label] + [rest] * (self.n - 1))
        self.years = ()

    def row(self, spans: list[tuple[int, int]], height: float | None = ROW_MM):
        r = self.w.add_row(self.t, height)
        cells = []
        for a, b in spans:
            cells.append(r.cells[a].merge(r.cells[b]) if b > a else r.cells[a])
        return len(self.t.rows) - 1, cells

    @property
    def full(self):
        # In the wide 三 table a plain row gives its label the first year's columns too.
        return [(0, 0), (1, self.n - 1)] if self.k == 1 else [(0, self.k), (self.k + 1, self.n - 1)]

    @property
    def sub(self):
        return [(0, 0), (1, self.k), (self.k + 1, self.n - 1)]

    def year_spans(self):
        return [(0, 0)] + [(1 + i * self.k, self.k + i * self.k) for i in range(3)]

    def merge_label(self, first: int, last: int, lines: list[str]) -> None:
        cell = self.t.cell(first, 0)
        if last > first:
            cell = cell.merge(self.t.cell(last, 0))
        write_cell(cell, lines)


def _value_lines(f: Field) -> list[str]:
    """What the value cell of a one-row field shows (boxes, blanks, notes)."""
    note = f.note if f.note and not _is_side_note(f.note) else ""
    if f.kind in ("yesno", "yesno_na", "choice"):
        labels = [o.label for o in f.options] if f.kind == "choice" else ["是", "否"]
        if f.kind == "yesno_na":
            labels.append(f.na_label or "不适用")
        return [boxes(labels) + note]
    if f.kind == "checks":
        lead = [f"{f.hint}:"] if f.hint else []
        return lead + [f"{BOX}{o.label}" for o in f.options] + ([f.note] if f.note else [])
    if f.kind == "named_count":
        if note:
            return [f"{prose()['application']['count_only']} {note}"]
        return [prose()["application"]["count_line"]]
    if note:
        return [f"{prose()['application']['count_only']} {note}"]
    if f.kind == "text" and f.hint and f.hint.startswith("("):
        return [f.hint]  # the seed's own placeholder, e.g. (XX(省、市)XX(县、区)XX产业))
    return [""]


def _label_lines(f: Field) -> list[str]:
    side = _is_side_note(f.note) and f.kind != "checks"
    return [f.label] + ([f.note] if side else [])


def _height(f: Field) -> float:
    return TEXT_ROW_MM.get(f.max_chars or 0, 60 if (f.max_chars or 0) > 300 else ROW_MM)


def _yearly_run(fields: list[Field], i: int) -> int:
    j = i
    while j < len(fields) and (fields[j].yearly or fields[j].single_in_yearly_table) \
            and fields[j].kind != "group":
        j += 1
    return j


def _year_table_rows(g: _Grid, fields: list[Field], years: tuple[str, ...]) -> None:
    app = prose()["application"]
    r, cells = g.row(g.year_spans())
    if r == 0:
        g.w.repeat_as_header(g.t.rows[0])
    write_cell(cells[0], app["year_heading"], align="center")
    for c, y in zip(cells[1:], years):
        write_cell(c, f"{y} 年", align="center")
    for f in fields:
        if f.kind == "standards":
            first, cells = g.row([(0, 0)] + [(c, c) for c in range(1, g.n)])
            for i in range(3):
                base = 1 + i * g.k
                write_cell(cells[base], app["standards_category"], align="center")
                for r, role in enumerate(f.roles[: g.k - 1]):
                    write_cell(cells[base + 1 + r], role.label, align="center")
            last = first
            for part in f.parts:
                last, cells = g.row([(0, 0)] + [(c, c) for c in range(1, g.n)])
                for i in range(3):
                    write_cell(cells[1 + i * g.k], part.label, align="center")
            g.merge_label(first, last, _label_lines(f))
        elif f.single_in_yearly_table:
            _, cells = g.row([(0, 0), (1, g.n - 1)])
            write_cell(cells[0], _label_lines(f))
        else:
            _, cells = g.row(g.year_spans())
            write_cell(cells[0], _label_lines(f))


def _section_table(w: WordDoc, cat: Catalogue, section: Section) -> None:
    fields = list(section.fields)
    g = _Grid(w, 3 if any(f.kind == "standards" for f in fields) else 1)
    i = 0
    while i < len(fields):
        f = fields[i]
        nxt = fields[i + 1] if i + 1 < len(fields) else None
        j = _yearly_run(fields, i)
        if j - i >= 2:
            _year_table_rows(g, fields[i:j], cat.years)
            i = j
            continue
        if f.yearly and nxt is not None and nxt.evidence == "计算公式":
            # 五: years down the side, then the formula the form asks for.
            first = None
            for y in cat.years:
                r, cells = g.row(g.sub)
                first = r if first is None else first
                write_cell(cells[1], f"{y} 年", align="center")
            r, cells = g.row(g.sub, 12)
            write_cell(cells[1], nxt.label)
            g.merge_label(first, r, _label_lines(f))
            i += 2
            continue
        if f.yearly:
            # 四: the years across, the values beneath.
            first, cells = g.row(g.year_spans())
            for c, y in zip(cells[1:], cat.years):
                write_cell(c, f"{y}年", align="center")
            last, _ = g.row(g.year_spans(), 8)
            g.merge_label(first, last, _label_lines(f))
            i += 1
            continue
        if (f.context and nxt is not None and nxt.context == f.context and g.k == 1
                and f.kind == nxt.kind == "text"):
            # 联系人 | … | 联系方式 | …
            _, cells = g.row([(0, 0), (1, 1), (2, 2), (3, 3)])
            write_cell(cells[0], f.label)
            write_cell(cells[2], nxt.label, align="center")
            i += 2
            continue
        owner = next((h for h in fields[i + 1:] if f.context and h.label == f.context
                      and h.kind == "group"), None)
        if owner is not None or f.kind == "group":
            # A group of parts under one outer label, with the fields that name it as context.
            owner = owner or f
            members = []
            while fields[i] is not owner:
                members.append(fields[i])
                i += 1
            i += 1
            first = None
            for m in members:
                if m.kind == "checks":
                    r, cells = g.row(g.full)
                    lines = _value_lines(m)
                    write_cell(cells[1], [f"{m.label}："] + lines)
                else:
                    r, cells = g.row(g.sub, _height(m))
                    write_cell(cells[1], m.label)
                first = r if first is None else first
            for p in owner.parts:
                r, cells = g.row(g.sub)
                first = r if first is None else first
                write_cell(cells[1], p.label)
                write_cell(cells[2], prose()["application"]["count_line"])
            g.merge_label(first, r, _label_lines(owner))
            continue
        _, cells = g.row(g.full, _height(f))
        write_cell(cells[0], _label_lines(f))
        write_cell(cells[1], _value_lines(f))
        i += 1


def _cover(w: WordDoc, cat: Catalogue) -> None:
    app = prose()["application"]
    w.para(app["annex"], size=16, face=HEI)
    for _ in range(3):
        w.para()
    w.para(app["title"], size=26, bold=True, align="center", face=HEI)
    for _ in range(4):
        w.para()
    for f in cat.section("cover").fields:
        if f.kind == "group":
            line = f"{f.label}: " + "".join(f"{BLANK[:8]}{p.label}" for p in f.parts)
        else:
            line = f"{f.label}: {BLANK * 2}"
        w.para(line, size=14, space_after=10)
        if f.hint and f.hint.startswith("("):
            w.para(f.hint, size=12, align="center", space_after=10)
    for _ in range(4):
        w.para()
    w.para(app["issuer"], size=16, align="center")


def _instructions(w: WordDoc, cat: Catalogue) -> None:
    app = prose(cat)["application"]
    w.heading(app["instructions_title"], 1, page_break_before=True, align="center")
    for n, text in enumerate(app["instructions"], 1):
        w.para(f"{n}. {text}", first_indent=True, align="justify", space_after=6)


def _plan(w: WordDoc, cat: Catalogue, section: Section) -> None:
    pl = prose(cat)["application"]["plan"]
    fields = {f.key: f for f in section.fields}
    w.heading(section.title, 1, page_break_before=True, align="center")
    w.para(pl["limit"], align="center")
    for item in pl["outline"]:
        w.heading(item["heading"], 2)
        if item.get("text"):
            w.para(item["text"], first_indent=True)
        else:
            w.para()
    w.heading(pl["approach"], 3)
    w.para()
    w.heading(pl["goals"], 3)
    targets = fields["targets"]
    w.para(pl["overall"], bold=True)
    w.para(targets.hint or "", first_indent=True)
    t = w.table([26, 62, 36, 36])
    head = w.add_row(t)
    w.repeat_as_header(head)
    cells = head.cells
    for c, name in zip(cells, pl["columns"]):
        write_cell(c, name, align="center", bold=True)
    directions: list[str] = []
    for row in targets.rows:
        if row.direction not in directions:
            directions.append(row.direction)
    for d in directions:
        first = len(t.rows)
        for row in (r for r in targets.rows if r.direction == d):
            write_cell(w.add_row(t, 8).cells[1], row.label)
        write_cell(w.add_row(t, 8).cells[1], pl["more"])
        cell = t.cell(first, 0).merge(t.cell(len(t.rows) - 1, 0))
        write_cell(cell, d, align="center")
    qual = fields["qualitative_targets"]
    for part in qual.parts:
        cells = w.add_row(t, 8).cells
        write_cell(cells[0], part.label, align="center")
        write_cell(cells[1], qual.label)
    cells = w.add_row(t, 8).cells
    write_cell(cells[0], fields["extra_targets"].label, align="center")
    write_cell(cells[1], pl["more"])
    w.para()
    w.para(pl["remark_intro"], size=TABLE_PT)
    for req in pl["requirements"]:
        w.para(req, size=TABLE_PT, space_after=2)
    w.para(pl["stages"], bold=True)
    for part in fields["stage_goals"].parts:
        w.para(part.label)
        w.para()
    w.heading(pl["tasks"], 3)
    w.para()
    w.heading(pl["measures"], 3)
    w.para()


def _declaration(w: WordDoc) -> None:
    d = prose()["application"]["declaration"]
    w.heading(d["title"], 1, page_break_before=True, align="center")
    t = w.table([36, w.text_width_mm - 36])
    cells = w.add_row(t, 90).cells
    write_cell(cells[0], d["label"], align="center")
    date = d["date"].replace(" ", "\u3000\u3000")  # room to write the date
    write_cell(cells[1], [d["text"], "", "", d["signature"], "", "", d["seal"], "", "", date])
    cells[1].paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cells = w.add_row(t, 70).cells
    write_cell(cells[0], d["recommendation"], align="center")
    write_cell(cells[1], ["", "", "", "", d["recommender_seal"], "", "", date])
    cells[1].paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def build_application_docx(cat: Catalogue) -> bytes:
    app = prose()["application"]
    w = WordDoc(title=app["title"], issued=cat.issued)
    _cover(w, cat)
    _instructions(w, cat)
    for section in cat.sections:
        if section.key in ("cover", "summary"):
            continue
        if section.key == "plan":
            _plan(w, cat, section)
            continue
        # 填报说明 11: 一至七部分不得串页 — every part starts on a new page.
        w.heading(section.title, 1, page_break_before=True, align="center")
        _section_table(w, cat, section)
    _declaration(w)
    return w.to_bytes()
