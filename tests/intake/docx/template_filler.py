"""Fill our blank 申报表 .docx (forms/application_docx.py) as a person does in Word.

The person reads each row's label, types the value into the cell beside it (over the
blank line ____ where there is one), turns ☐ into ☑ in front of the boxes that apply,
and writes the plan's prose under its headings. python-docx stands in for Word; what
comes out is an ordinary .docx, which LibreOffice may then re-save.

``application_form(example)`` is the part of an application a 申报表 holds: the example
without 附件1 (filled by the 市州, not in the 申报表) and without the stage years' steps
(the stage years) of 优质中小企业数量 (our JSON extension; the form's target
table has no such columns). The years are those of the catalogue the template was built
with (the site pack's by default).
"""

from __future__ import annotations

import copy
import io
import re
from decimal import Decimal

from docx import Document

from checker.law.catalogue import Catalogue
from checker.law.pack import load_catalogue

BOX, TICK = "☐", "☑"


def application_form(example: dict, cat: Catalogue | None = None) -> dict:
    doc = copy.deepcopy(example)
    doc.pop("summary", None)
    q = doc.get("plan", {}).get("targets", {}).get("quality_sme_count", {})
    for year in (cat or load_catalogue()).stage_years:
        q.pop(year, None)
    return doc


def figure(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _set(cell, text: str | None) -> None:
    """Replace a cell's text by ``text`` (one paragraph per line), keeping its first run's look;
    ``None`` (a value the application does not give) leaves the cell as the blank form has it."""
    if text is None:
        return
    paragraphs = cell.paragraphs
    for p in paragraphs[1:]:
        p._element.getparent().remove(p._element)
    first = paragraphs[0]
    lines = text.split("\n")
    runs = first.runs
    if runs:
        runs[0].text = lines[0]
        for r in runs[1:]:
            r._element.getparent().remove(r._element)
    else:
        first.add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def _tick(cell, labels: list[str]) -> None:
    """☐ → ☑ in front of each label (the box and its label may sit in one run or two)."""
    for p in cell.paragraphs:
        for run in p.runs:
            text = run.text
            for label in labels:
                text = text.replace(f"{BOX} {label}", f"{TICK} {label}").replace(f"{BOX}{label}", f"{TICK}{label}")
            run.text = text


def _named(nc: dict | None) -> str | None:
    if nc is None:
        return None
    if not isinstance(nc, dict):
        return str(nc)  # 无 for the whole group: written as given
    # A JSON null in a list of names cannot be typed into Word: the person types nothing for it.
    names = "、".join(n for n in nc.get("names", []) if n is not None) or "无"
    count = figure(nc.get("count"))
    if count is None:
        return f"名称：{names}"
    # 12 家 or 无 as the count: written as given, no 个 after it
    return f"数量：{count}{'个' if count[-1:].isdigit() else ' '} 名称：{names}"


def _year(v, y: str):
    return v.get(y) if isinstance(v, dict) else None


def _unique(row):
    seen, out = set(), []
    for c in row.cells:
        if id(c._tc) not in seen:
            seen.add(id(c._tc))
            out.append(c)
    return out


class _Person:
    def __init__(self, doc: dict, cat: Catalogue | None = None) -> None:
        self.doc = doc
        self.cat = cat or load_catalogue()
        self.years = self.cat.years
        self.section = None
        self.pending = None  # software_spend: the values go in the row below the years
        self.last_first = None
        self.side = None
        self.used: set[tuple[str, str]] = set()  # the 联系人 rows filled so far (the same label twice)

    def field(self, label: str):
        if self.section is None:
            return None
        for f in self.section.fields:
            if _compact(f.label) == _compact(label):
                if f.context and (self.section.key, f.key) in self.used:
                    continue  # 联系人 under 主管部门, then 联系人 under 运营管理机构
                if f.context:
                    self.used.add((self.section.key, f.key))
                return f
            if f.kind == "group" and any(_compact(p.label) == _compact(label) for p in f.parts):
                return f
        return None

    def value(self, f, part: str | None = None):
        v = self.doc.get(self.section.key, {}).get(f.key)
        if part is not None and isinstance(v, dict):
            v = v.get(part)
        return v

    def answer_labels(self, f, v) -> list[str]:
        if f.kind == "checks":
            return [o.label for o in f.options if o.key in v]
        if f.kind == "yesno_na" and v == "不适用":
            return [f.na_label or "不适用"]
        return [v]

    def row(self, row) -> None:
        cells = _unique(row)
        texts = [c.text.strip() for c in cells]
        # python-docx hands a vertical merge's continuation as the cell above: a person
        # sees an empty label there.
        first = cells[0]._tc
        continued = first is self.last_first
        self.last_first = first
        if continued:
            texts[0] = ""
        if self.pending is not None:
            f, self.pending = self.pending, None
            for c, y in zip(cells[1:], self.years):
                _set(c, figure(_year(self.value(f), y)))
            return
        label = texts[0].split("\n")[0]
        f = self.field(label)
        if f is None and len(cells) > 1:
            f = self.field(texts[1].split("\n")[0].rstrip("：:"))
            if f is not None and f.kind != "group":
                self.fill(f, cells[1:], texts[1:])
                return
        if f is None:
            self.sub_row(cells, texts)
            return
        if f.kind == "group" and len(texts) > 1 and not any(
                _compact(p.label) == _compact(texts[1]) for p in f.parts):
            # the outer label of a block whose first row is another field (数字化新模式新业态推广情况)
            inner = self.field(texts[1].split("\n")[0].rstrip("：:"))
            if inner is not None:
                self.fill(inner, cells[1:], texts[1:])
            return
        self.fill(f, cells, texts)

    def fill(self, f, cells, texts) -> None:
        v = self.value(f)
        if v is None and f.kind not in ("group", "standards") and not (f.yearly and len(cells) >= 3) \
                and not (f.context and len(cells) == 4):
            return  # not given: the cell stays blank
        if f.kind == "group":
            part = next(p for p in f.parts if _compact(p.label) in (_compact(t.split("\n")[0]) for t in texts))
            _set(cells[-1], _named(self.value(f, part.key)))
            return
        if f.kind in ("checks", "yesno", "yesno_na", "choice"):
            labels = self.answer_labels(f, v)
            head = cells[-1].text.split("\n")[0]
            head = head if head.endswith(("：", ":")) else ""  # the field's label printed in the cell stays
            if f.kind == "checks" and not labels:
                _set(cells[-1], head + "无")  # none of them: a person writes 无 (all ☐ is a blank form)
            elif all(isinstance(x, str) and x in cells[-1].text for x in labels):
                _tick(cells[-1], labels)
            else:
                _set(cells[-1], head + str(v))  # typed over the boxes (√, ☑是 ☐否, 无 …)
            return
        if f.kind == "named_count":
            if "数量" in texts[-1] or not isinstance(v.get("count"), (int, Decimal)) or not v.get("names"):
                _set(cells[-1], _named(v))
            else:  # _____ 个 (需提供清单…): the count, and the list in brackets
                _set(cells[-1], f"{figure(v['count'])} 个（{'、'.join(v['names'])}）")
            return
        if f.kind == "standards":
            return  # its rows follow (国际, 国家, …)
        if f.yearly and len(cells) >= 4 and all(re.fullmatch(r"\d{4}\s*年", t) for t in texts[1:4]):
            self.pending = f  # 工业软件采购金额: the years above, the values below
            return
        if f.yearly and len(cells) == 3 and re.fullmatch(r"\d{4}\s*年", texts[1]):
            _set(cells[2], figure(_year(v, texts[1][:4])))  # 五: years down the side
            self.side = f
            return
        if f.yearly:
            for c, y in zip(cells[1:], self.years):
                _set(c, figure(_year(v, y)))
            return
        if f.context and len(cells) == 4:  # 联系人 | … | 联系方式 | …
            nxt = self.field(texts[2])
            _set(cells[1], figure(v))
            _set(cells[3], figure(self.doc.get(self.section.key, {}).get(nxt.key)))
            return
        _set(cells[-1], figure(v))

    def sub_row(self, cells, texts) -> None:
        """Rows whose label cell is a vertical merge's continuation."""
        if len(texts) == 10 and texts[1] in ("国际", "国家", "行业", "团体"):
            part = {"国际": "international", "国家": "national", "行业": "industry", "团体": "group"}[texts[1]]
            std = self.doc.get("innovation", {}).get("standards", {})
            for i, y in enumerate(self.years):
                got = std.get(y, {}).get(part, {})
                _set(cells[2 + 3 * i], figure(got.get("lead")))
                _set(cells[3 + 3 * i], figure(got.get("join")))
            return
        if len(texts) == 3 and re.fullmatch(r"\d{4}\s*年", texts[1]):
            _set(cells[2], figure(_year(self.doc.get("green", {}).get(self.side.key), texts[1][:4])))
            return
        if len(texts) == 3 and self.side is not None and "计算公式" in texts[1]:
            formula = next(f for f in self.section.fields if f.evidence == "计算公式"
                           and _compact(f.label) == _compact(texts[1]))
            _set(cells[2], figure(self.value(formula)))
            return
        if len(texts) == 3:
            f = self.field(texts[1].split("\n")[0].rstrip("：:"))
            if f is not None and f.kind == "text" and f.evidence == "计算公式":
                _set(cells[2], figure(self.value(f)))
            elif f is not None:
                self.fill(f, cells[1:], texts[1:])
            else:
                owner = next((g for g in self.section.fields if g.kind == "group"
                              and any(_compact(p.label) == _compact(texts[1]) for p in g.parts)), None)
                if owner is not None:
                    part = next(p for p in owner.parts if _compact(p.label) == _compact(texts[1]))
                    _set(cells[2], _named(self.value(owner, part.key)))

    def targets(self, table) -> None:
        t = self.doc.get("plan", {}).get("targets", {})
        rows = {r.label: r.key for r in self.cat.field("plan.targets").rows}
        q = self.doc.get("plan", {}).get("qualitative_targets", {})
        for row in table.rows[1:]:
            cells = _unique(row)
            texts = [c.text.strip() for c in cells]
            if texts[1] in rows:
                got = t.get(rows[texts[1]], {})
                unit = f" {got['unit']}" if got.get("unit") and "base" in got else ""  # 二氧化碳排放量 says its unit
                base = figure(got.get("base"))
                _set(cells[2], None if base is None else base + unit)
                _set(cells[3], figure(got.get("target")))
            elif texts[1] == "定性描述":
                part = {"开放合作": "open", "治理和服务": "governance"}[texts[0]]
                _set(cells[2], q.get(part))


def _plan(body, paragraphs, doc: dict, cat: Catalogue) -> None:
    """The prose under its headings; the (一)–(四) headings give way to the text that
    names them inline (as the example writes them); the stage goals under their labels."""
    plan = doc.get("plan", {})
    blocks = plan["plan_text"].split("\n") if "plan_text" in plan else []  # heading, text, heading, text, …
    texts = {blocks[i]: blocks[i + 1] for i in range(0, len(blocks) - 1, 2)}
    goals = plan.get("stage_goals", {})
    stages = {f"({n}) {y} 年度": goals[y] for n, y in enumerate((*cat.stage_years, cat.target_year), 1) if y in goals}
    for i, p in enumerate(paragraphs):
        text = p.text.strip()
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if text in texts and nxt is not None:
            nxt.text = texts[text]
        elif text in stages and nxt is not None:
            nxt.text = stages[text]
        elif texts and re.match(r"^\([一二三四]\) ", text):
            p._element.getparent().remove(p._element)
            if nxt is not None and not nxt.text.strip():
                nxt._element.getparent().remove(nxt._element)


def fill_template(template: bytes, doc: dict, cat: Catalogue | None = None) -> bytes:
    d = Document(io.BytesIO(template))
    person = _Person(doc, cat)
    cat = person.cat
    titles = {s.title: s for s in cat.sections}
    body = d.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    in_plan = False
    plan_paragraphs = []
    cover = cat.section("cover")
    for el in list(body.iterchildren()):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(el, d)
            text = p.text.strip()
            if text in titles:
                person.section = titles[text]
                in_plan = person.section.key == "plan"
                continue
            if text.startswith("九、"):
                in_plan = False
            if in_plan:
                plan_paragraphs.append(p)
                continue
            head = text.split(":", 1)[0]
            f = next((f for f in cover.fields if f.label == head), None)
            if f is not None and person.section is None and f.key in doc.get("cover", {}):
                value = doc["cover"][f.key]
                if f.kind == "group":
                    line = f"{f.label}: " + "".join(f"{value[pt.key][:-1]}{pt.label}" for pt in f.parts)
                else:
                    line = f"{f.label}: {value}"
                p.runs[0].text = line
                for r in p.runs[1:]:
                    r._element.getparent().remove(r._element)
        elif tag == "tbl":
            table = Table(el, d)
            if in_plan:
                person.targets(table)
                continue
            if person.section is None or person.section.key in ("cover", "summary"):
                continue
            for row in table.rows:
                person.row(row)
    _plan(body, plan_paragraphs, doc, cat)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
