"""Habits of real applicants, applied to our filled template as Word would save them.

Each habit is an edit of the filled 申报表 (``tests/intake/docx/template_filler.py``) made with
python-docx on the document's XML, the way a person changes a cell or adds a paragraph
in Word: ``apply(docx, cell("集群总产值（亿元）", 1, "38.00"), after("(1) <first stage year> 年度", …))``.
``readings`` then reads the result through every entry point: the .docx, the text/html
flavour Word puts on the clipboard when the document is copied, and the tab-separated
rows the page puts in its text area after that paste. All three must agree.
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from checker import api
from tests.intake.docx.word_html import word_clipboard_html

Edit = Callable[[object], None]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _rows(d):
    for tbl in d.element.body.iter(qn("w:tbl")):
        yield from tbl.iterchildren(qn("w:tr"))


def find_row(d, label: str, column: int = 0):
    """The first table row whose cell ``column`` starts with ``label`` (blanks ignored)."""
    want = _compact(label)
    for tr in _rows(d):
        tcs = list(tr.iterchildren(qn("w:tc")))
        if len(tcs) > column and _compact(_text(tcs[column])).startswith(want):
            return tr
    raise KeyError(label)


def _write(p, line: str, props=None) -> None:
    r = OxmlElement("w:r")
    if props is not None:
        r.append(copy.deepcopy(props))
    t = OxmlElement("w:t")
    t.text = line
    t.set(XML_SPACE, "preserve")
    r.append(t)
    p.append(r)


def set_text(tc, text: str) -> None:
    """A cell's text replaced by ``text``, one paragraph per line."""
    paragraphs = list(tc.iterchildren(qn("w:p")))
    for p in paragraphs[1:]:
        tc.remove(p)
    p = paragraphs[0]
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    for i, line in enumerate(text.split("\n")):
        if i:
            p = OxmlElement("w:p")
            tc.append(p)
        if line:
            _write(p, line)


def cell(label: str, column: int, text: str, *, label_column: int = 0) -> Edit:
    """Type ``text`` into cell ``column`` of the row labelled ``label``."""
    def edit(d) -> None:
        tcs = list(find_row(d, label, label_column).iterchildren(qn("w:tc")))
        set_text(tcs[column], text)
    return edit


def extra_cell(label: str, text: str) -> Edit:
    """A cell added at the end of a row (Word: 插入—在右侧插入单元格) holding ``text``."""
    def edit(d) -> None:
        tr = find_row(d, label)
        last = list(tr.iterchildren(qn("w:tc")))[-1]
        new = copy.deepcopy(last)
        last.addnext(new)
        set_text(new, text)
    return edit


def _paragraphs(d):
    return list(d.element.body.iterchildren(qn("w:p")))


def _paragraph(d, start: str):
    want = _compact(start)
    for p in _paragraphs(d):
        if _compact(_text(p)).startswith(want):
            return p
    raise KeyError(start)


def replace_next(start: str, *lines: str) -> Edit:
    """The paragraph after the one starting with ``start`` (its filled text) replaced by ``lines``."""
    def edit(d) -> None:
        p = _paragraph(d, start).getnext()
        _replace(p, lines)
    return edit


def after(start: str, *lines: str, directly: bool = False) -> Edit:
    """Paragraphs ``lines`` added after the text written under the paragraph ``start``
    (``directly``: right after that paragraph)."""
    def edit(d) -> None:
        head = _paragraph(d, start)
        nxt = head.getnext()
        last = nxt if not directly and nxt is not None and _text(nxt).strip() else head
        for line in lines:
            new = copy.deepcopy(head)
            _replace(new, (line,))
            last.addnext(new)
            last = new
    return edit


def _replace(p, lines) -> None:
    props = p.find(qn("w:r") + "/" + qn("w:rPr"))
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    _write(p, lines[0], props)
    last = p
    for line in lines[1:]:
        new = copy.deepcopy(p)
        for child in list(new):
            if child.tag != qn("w:pPr"):
                new.remove(child)
        _write(new, line, props)
        last.addnext(new)
        last = new


def target_row(indicator: str, *values: str, direction: str | None = None, nth: int = 0) -> Edit:
    """Cells after the indicator of the ``nth`` row of 八's target table whose indicator is
    ``indicator`` ("....." for the blank rows), optionally retyping the indicator."""
    def edit(d) -> None:
        rows = [tr for tr in _rows(d) if len(list(tr.iterchildren(qn("w:tc")))) >= 4
                and _text(list(tr.iterchildren(qn("w:tc")))[1]).strip() == indicator]
        tcs = list(rows[nth].iterchildren(qn("w:tc")))
        for tc, v in zip(tcs[1:], values):
            set_text(tc, v)
        if direction is not None:
            set_text(tcs[0], direction)
    return edit


def add_target_rows(*rows: tuple[str, ...]) -> Edit:
    """Rows added under the 其它 row of the target table (Word: 在下方插入行)."""
    def edit(d) -> None:
        last = find_row(d, "其它")
        for values in rows:
            new = copy.deepcopy(last)
            for tc, v in zip(new.iterchildren(qn("w:tc")), values):
                set_text(tc, v)
            last.addnext(new)
            last = new
    return edit


def struck(label: str, column: int, old: str, new: str) -> Edit:
    """An old value left in the cell with strikethrough (字体—删除线), the new one after it."""
    def edit(d) -> None:
        tc = list(find_row(d, label).iterchildren(qn("w:tc")))[column]
        set_text(tc, "")
        p = tc.find(qn("w:p"))
        props = OxmlElement("w:rPr")
        props.append(OxmlElement("w:strike"))
        _write(p, old, props)
        _write(p, " " + new)
    return edit


def deleted_row(label: str, *values: str) -> Edit:
    """A copy of a row inserted below it and then deleted with 修订 on, marked only on the
    row (w:trPr/w:del) with its text left in w:t."""
    def edit(d) -> None:
        tr = find_row(d, label)
        old = copy.deepcopy(tr)
        props = old.find(qn("w:trPr"))
        if props is None:
            props = OxmlElement("w:trPr")
            old.insert(0, props)
        mark = OxmlElement("w:del")
        mark.set(qn("w:id"), "901")
        mark.set(qn("w:author"), "张三")
        props.append(mark)
        for tc, v in zip(list(old.iterchildren(qn("w:tc")))[1:], values):
            set_text(tc, v)
        tr.addnext(old)
    return edit


def apply(docx: bytes, *edits: Edit) -> bytes:
    d = Document(io.BytesIO(docx))
    for edit in edits:
        edit(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def readings(docx: bytes) -> dict[str, dict]:
    """The report of the document through each entry point (.docx, pasted HTML, text rows)."""
    got = api.check_file(docx, "申报表.docx")
    assert got["refused"] is None, got["refused"]
    html = api.check_html(word_clipboard_html(docx))
    return {"docx": json.loads(got["report"]), "html": json.loads(html["report"]),
            "rows": api.check_text(html["text"])}


def changed(doc: dict, **paths) -> dict:
    """A copy of the application ``doc`` with ``section__field__key=value`` changes."""
    doc = copy.deepcopy(doc)
    for dotted, value in paths.items():
        parts = dotted.split("__")
        node = doc
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    return doc


def oracle_of(doc: dict) -> dict:
    """The report of the same data as JSON."""
    return api.check_text(json.dumps(doc, ensure_ascii=False, default=str))
