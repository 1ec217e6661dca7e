"""A4 Word documents in Chinese government style, written with python-docx.

Fonts are named as Word and WPS expect on a Chinese system: 宋体 for East Asian text
(w:eastAsia), SimSun for Latin text, and a font-table entry giving 宋体 its alternate
name SimSun, GB2312 charset and panose so an application without it picks a
similar serif CJK font. Headings use 黑体 (SimHei) the same way.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from checker.office.zips import normalise_package

SONG = ("宋体", "SimSun")   # (East Asian name, Latin alias)
HEI = ("黑体", "SimHei")
# Font-table entries (w:font) for the two faces: alternate name, panose, GB2312.
FONT_TABLE = {
    "宋体": ("SimSun", "02010600030101010101", "roman"),
    "黑体": ("SimHei", "02010609060101010101", "modern"),
}
BODY_PT = 12      # 小四
TABLE_PT = 10.5   # 五号
BOX = "☐"


def set_run_font(run, face: tuple[str, str] = SONG, size: float | None = None,
                 bold: bool | None = None) -> None:
    run.font.name = face[1]
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), face[0])
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _fonts_in_styles(doc) -> None:
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for name, value in (("w:ascii", SONG[1]), ("w:hAnsi", SONG[1]), ("w:eastAsia", SONG[0]),
                        ("w:cs", SONG[1])):
        rfonts.set(qn(name), value)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.name = SONG[1]
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SONG[0])
    for level, size in ((1, 16), (2, 14), (3, 12)):
        st = doc.styles[f"Heading {level}"]
        st.font.name = HEI[1]
        st.font.size = Pt(size)
        st.font.bold = False
        st.font.italic = False
        st.font.color.rgb = None
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEI[0])
        rfonts = st.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        st.paragraph_format.space_before = Pt(12)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True


def _font_table(doc) -> None:
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, (alt, panose, family) in FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:panose1", panose), ("w:charset", "86"),
                           ("w:family", family), ("w:pitch", "variable")):
            el = etree.SubElement(font, qn(tag))
            el.set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# CT_TrPr children in schema order: Word rejects a file whose order is wrong.
_TR_PR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
                "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")


def _add_row_property(row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement(tag))
    children = sorted(tr_pr, key=lambda el: _TR_PR_ORDER.index(el.tag.rsplit("}", 1)[1]))
    for el in children:
        tr_pr.remove(el)
        tr_pr.append(el)


def _drop_template_thumbnail(doc) -> None:
    # python-docx's default template carries a preview picture of itself.
    rels = doc.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            rels.pop(r_id)


class WordDoc:
    """A python-docx Document on A4 with our fonts and a few layout helpers."""

    def __init__(self, *, issued: str, landscape: bool = False, title: str = "") -> None:
        self.issued = issued  # the file date: the notice's (checker.office.zips)
        self.doc = Document()
        _fonts_in_styles(self.doc)
        _font_table(self.doc)
        _drop_template_thumbnail(self.doc)
        sec = self.doc.sections[0]
        if landscape:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = Mm(297), Mm(210)
        else:
            sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin = sec.bottom_margin = Mm(25)
        sec.left_margin, sec.right_margin = Mm(26), Mm(24)
        self.text_width_mm = (297 if landscape else 210) - 50
        cp = self.doc.core_properties
        cp.title, cp.author, cp.last_modified_by, cp.comments = title, "", "", ""
        cp.revision = 1

    def para(self, text: str = "", *, size: float = BODY_PT, bold: bool = False,
             align: str | None = None, face: tuple[str, str] = SONG, page_break_before: bool = False,
             first_indent: bool = False, space_after: float = 4):
        p = self.doc.add_paragraph()
        if text:
            set_run_font(p.add_run(text), face, size, bold)
        fmt = p.paragraph_format
        fmt.space_after = Pt(space_after)
        fmt.page_break_before = page_break_before
        if first_indent:
            fmt.first_line_indent = Pt(size * 2)
        if align:
            p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        return p

    def heading(self, text: str, level: int = 1, *, page_break_before: bool = False,
                align: str | None = None):
        p = self.doc.add_heading("", level=level)
        set_run_font(p.add_run(text), HEI)
        p.paragraph_format.page_break_before = page_break_before
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, widths_mm: Sequence[float], rows: int = 0) -> Table:
        t = self.doc.add_table(rows=rows, cols=len(widths_mm))
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for col, w in zip(t.columns, widths_mm):
            col.width = Mm(w)
        self._widths = list(widths_mm)
        return t

    def add_row(self, t: Table, min_height_mm: float | None = None):
        row = t.add_row()
        for cell, w in zip(row.cells, self._widths):
            cell.width = Mm(w)
        if min_height_mm:
            row.height = Mm(min_height_mm)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _add_row_property(row, "w:cantSplit")
        return row

    @staticmethod
    def repeat_as_header(row) -> None:
        """Repeat this row at the top of each page the table runs onto."""
        _add_row_property(row, "w:tblHeader")

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_package(buf.getvalue(), self.issued)


def write_cell(cell: _Cell, lines: Sequence[str] | str, *, bold: bool = False,
               align: str | None = None, size: float = TABLE_PT) -> _Cell:
    """Replace a cell's text by one paragraph per line."""
    if isinstance(lines, str):
        lines = [lines]
    first = cell.paragraphs[0]
    for p in cell.paragraphs[1:]:
        p._element.getparent().remove(p._element)
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        if line:
            set_run_font(p.add_run(line), SONG, size, bold)
        p.paragraph_format.space_after = Pt(0)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return cell


def boxes(labels: Sequence[str]) -> str:
    """Inline boxes as printed in the seed: ☐ 是 ☐ 否."""
    return " ".join(f"{BOX} {label}" for label in labels)
