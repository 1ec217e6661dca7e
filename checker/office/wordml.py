"""A small WordprocessingML (.docx) writer: paragraphs, fixed-grid tables, A4 pages.

Runs in CPython and in Pyodide, so it needs neither python-docx nor lxml: the parts
are built with ElementTree. Used by every .docx the checker writes at run time (the
推荐汇总表, the 佐证材料清单) and by the blank 推荐汇总表 built with the site, so a
table printed by both looks the same. Zipping is the caller's (one reproducible zip
writer: ``checker.office.zips``).
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for _prefix, _uri in (("w", W), ("r", R), ("cp", CP), ("dc", DC), ("dcterms", DCTERMS), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)

FONT_ASCII = "SimSun"  # 宋体
HEI_ASCII = "SimHei"   # 黑体
# A4 in twentieths of a point, and the margins: 2.5 cm at the sides, 2 cm top and bottom.
A4_SHORT, A4_LONG, MARGIN_X, MARGIN_Y = 11906, 16838, 1418, 1134


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, w(tag), {w(k): v for k, v in attrs.items()})


def para(parent: ET.Element, text: str, *, bold: bool = False, size: int = 21,
         align: str | None = None, keep_lines: bool = False, face: str = FONT_ASCII) -> ET.Element:
    """One paragraph of ``text``; ``size`` in half-points; line breaks kept if asked."""
    p = el(parent, "p")
    ppr = el(p, "pPr")
    el(ppr, "spacing", before="0", after="0")
    if align:
        el(ppr, "jc", val=align)
    lines = text.split("\n") if keep_lines else [text]
    r = el(p, "r")
    rpr = el(r, "rPr")
    el(rpr, "rFonts", ascii=face, hAnsi=face, eastAsia=face)
    if bold:
        el(rpr, "b")
    el(rpr, "sz", val=str(size))
    el(rpr, "szCs", val=str(size))
    for i, line in enumerate(lines):
        if i:
            el(r, "br")
        t = el(r, "t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
    return p


def cell(tr: ET.Element, width: int, paras: list[tuple[str, dict[str, Any]]], *,
         merge: str | None = None) -> ET.Element:
    """A table cell of ``width`` twips holding ``paras`` ((text, para options) each);
    ``merge`` "restart" / "continue" joins it with the cell above or below."""
    tc = el(tr, "tc")
    tcpr = el(tc, "tcPr")
    el(tcpr, "tcW", w=str(width), type="dxa")
    if merge:
        el(tcpr, "vMerge", val=merge)
    el(tcpr, "vAlign", val="center")
    for text, kw in paras or [("", {})]:
        para(tc, text, **kw)
    return tc


def table(body: ET.Element, grid: tuple[int, ...]) -> ET.Element:
    """A bordered table with fixed column widths ``grid`` (twips), centred."""
    tbl = el(body, "tbl")
    tblpr = el(tbl, "tblPr")
    el(tblpr, "tblW", w=str(sum(grid)), type="dxa")
    el(tblpr, "jc", val="center")
    borders = el(tblpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el(borders, side, val="single", sz="4", space="0", color="000000")
    el(tblpr, "tblLayout", type="fixed")
    cols = el(tbl, "tblGrid")
    for width in grid:
        el(cols, "gridCol", w=str(width))
    return tbl


def row(tbl: ET.Element, *, header: bool = False, height: int | None = None) -> ET.Element:
    """A table row: a header row repeats on every page, a body row never splits;
    ``height`` (twips) is the least it takes (room to write by hand)."""
    tr = el(tbl, "tr")
    trpr = el(tr, "trPr")
    el(trpr, "tblHeader" if header else "cantSplit")
    if height:
        el(trpr, "trHeight", val=str(height), hRule="atLeast")
    return tr


def text_width(landscape: bool) -> int:
    """The width between the margins, in twips."""
    return (A4_LONG if landscape else A4_SHORT) - 2 * MARGIN_X


def document() -> tuple[ET.Element, ET.Element]:
    """(document, body) of an empty A4 document; ``finish`` adds the page setup."""
    doc = ET.Element(w("document"))
    return doc, el(doc, "body")


def finish(doc: ET.Element, body: ET.Element, landscape: bool) -> bytes:
    # A paragraph must follow a table before the section properties.
    para(body, "")
    sect = el(body, "sectPr")
    page_w, page_h = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    el(sect, "pgSz", w=str(page_w), h=str(page_h), **({"orient": "landscape"} if landscape else {}))
    el(sect, "pgMar", top=str(MARGIN_Y), right=str(MARGIN_X), bottom=str(MARGIN_Y),
       left=str(MARGIN_X), header="851", footer="992", gutter="0")
    return ET.tostring(doc, encoding="UTF-8", xml_declaration=True)


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

# Document defaults: 宋体 (SimSun) everywhere, 五号 (10.5 pt), Chinese language.
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="{FONT_ASCII}" w:hAnsi="{FONT_ASCII}" w:eastAsia="{FONT_ASCII}" w:cs="{FONT_ASCII}"/>
<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
<w:tblPr><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""


def _core_xml(title: str, issued: str) -> bytes:
    # Dated with the notice's day (fixed and meaningful), never the time of writing.
    root = ET.Element(f"{{{CP}}}coreProperties")
    ET.SubElement(root, f"{{{DC}}}title").text = title
    for tag in ("created", "modified"):
        ET.SubElement(root, f"{{{DCTERMS}}}{tag}", {f"{{{XSI}}}type": "dcterms:W3CDTF"}).text = \
            f"{issued}T00:00:00Z"
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def package(document_xml: bytes, *, title: str, issued: str) -> list[tuple[str, bytes]]:
    """The .docx package's entries, in the order Office expects."""
    return [
        ("[Content_Types].xml", _CONTENT_TYPES.encode()),
        ("_rels/.rels", _ROOT_RELS.encode()),
        ("docProps/core.xml", _core_xml(title, issued)),
        ("word/document.xml", document_xml),
        ("word/_rels/document.xml.rels", _DOC_RELS.encode()),
        ("word/styles.xml", _STYLES.encode()),
    ]
