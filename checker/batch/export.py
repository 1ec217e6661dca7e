"""Exports of the 批量初审: the filled 附件1 推荐汇总表 and the whole comparison.

Runs in CPython and in Pyodide, so the .docx is written without python-docx
(which needs lxml): a handful of WordprocessingML parts built with ElementTree
and zipped here. openpyxl is imported only when an .xlsx is asked for.

Every file is byte-for-byte reproducible (checker.office.zips): zip entries carry the notice's date
and the workbook's core properties a fixed date, so the same selection always
gives the same download (and tests can compare bytes).

Inputs are the JSON-ready rows of ``checker.batch.screen.screen`` (plain dicts), so the
page can hand back the rows it holds, without re-screening.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

from checker.law.application import Finding
from checker.batch.screen import agreed
from checker.law.pack import load_catalogue
from checker.law.model import F, model
from checker.office.zips import normalise_package, stamp, zip_bytes
from checker.office.safe_cells import as_number, csv_cell, put
from checker.office.xlsx_layout import fit_row_heights, pages_across, print_on_a4

FONT = "宋体"
FONT_ASCII = "SimSun"
INTRO_LIMIT_FIELD = "summary.intro"
# Column keys of 附件1, in the seed's order; labels come from the catalogue.
SUMMARY_COLUMNS = ("no", "name", "operator", "location", "leading_industry", "founded", "intro")


@model
class SummaryExport:
    """The filled 推荐汇总表 and what a reviewer should fix before sending it."""

    xlsx: bytes = F(description="推荐汇总表 .xlsx")
    docx: bytes = F(description="推荐汇总表 .docx（A4 横向）")
    findings: tuple[Finding, ...] = F((), description="导出时发现的问题（如简介超过 300 字）")


def count_chars(text: str) -> int:
    """Characters as the form counts them: every non-whitespace code point."""
    return sum(1 for c in text if not c.isspace())


def _workbook_bytes(wb: Any) -> bytes:
    # openpyxl's save_workbook stamps "now" into docProps/core.xml: use the writer
    # directly with fixed dates, then re-zip with fixed entry timestamps.
    from openpyxl.writer.excel import ExcelWriter

    # The notice's date, as on the blank forms (checker.office.zips): fixed and meaningful.
    issued = load_catalogue().issued
    wb.properties.created = wb.properties.modified = datetime.fromisoformat(issued)
    wb.properties.creator = "批量初审"
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()
    return normalise_package(buf.getvalue(), issued)


# --- the 推荐汇总表 rows ------------------------------------------------------

def _summary_section() -> tuple[str, dict[str, str], str]:
    section = load_catalogue().section("summary")
    labels = {f.key: f.label for f in section.fields}
    hint = next(f.hint for f in section.fields if f.key == "intro") or ""
    return section.title, labels, hint


def summary_table(rows: list[dict[str, Any]]) -> tuple[list[list[str]], list[Finding]]:
    """The 附件1 rows (序号 numbered 1..n in the given order) and their findings."""
    _, labels, _ = _summary_section()
    table: list[list[str]] = []
    findings: list[Finding] = []
    for n, row in enumerate(rows, start=1):
        s = row.get("summary") or {}
        cells = [str(n)] + [str(s.get(key) or "") for key in SUMMARY_COLUMNS[1:]]
        table.append(cells)
        name = cells[1] or str(row.get("name") or f"第 {n} 行")
        for key, value in zip(SUMMARY_COLUMNS[1:], cells[1:]):
            if not value.strip():
                findings.append(Finding(
                    id="summary.missing", field=f"summary.{key}", raw=None,
                    message=f"第 {n} 行（{name}）未填写“{labels[key]}”，请补充后再报送。"))
        intro = cells[-1]
        chars = count_chars(intro)
        if chars > 300:
            findings.append(Finding(
                id="summary.intro_length", field=INTRO_LIMIT_FIELD, raw=intro,
                message=(f"第 {n} 行（{name}）的集群简介共 {chars} 字（不计空白），"
                         f"超过 300 字的上限，请删减 {chars - 300} 字以上。")))
    return table, findings


def export_summary(rows: list[dict[str, Any]], *, bureau: str = "",
                   bureau_contact: str = "") -> SummaryExport:
    """The filled 推荐汇总表 for the selected rows, as .xlsx and .docx; 市州经信部门 and
    联系人 not typed by the reviewer are taken from the applications when they agree."""
    table, findings = summary_table(rows)
    _, labels, _ = _summary_section()
    typed = {"bureau": bureau.strip(), "bureau_contact": bureau_contact.strip()}
    for key in typed:
        if not typed[key]:
            typed[key] = agreed(rows, key)
            given = sorted({str((r.get("summary") or {}).get(key) or "").strip() for r in rows} - {""})
            if len(given) > 1:
                findings.append(Finding(
                    id="summary.differs", field=f"summary.{key}", raw=None,
                    message=(f"所选申报的“{labels[key].split('：')[0]}”不一致（{'；'.join(given)}），"
                             "请在导出前填写。")))
    bureau, bureau_contact = typed["bureau"], typed["bureau_contact"]
    return SummaryExport(xlsx=summary_xlsx(table, bureau=bureau, bureau_contact=bureau_contact),
                         docx=summary_docx(table, bureau=bureau, bureau_contact=bureau_contact),
                         findings=tuple(findings))


def summary_xlsx(table: list[list[str]], *, bureau: str, bureau_contact: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    title, labels, hint = _summary_section()
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐汇总表"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SUMMARY_COLUMNS))
    put(ws, 1, 1, title).font = Font(name=FONT, size=16, bold=True)
    ws.cell(1, 1).alignment = centre
    put(ws, 2, 1, f"{labels['bureau']}{bureau}").font = Font(name=FONT, size=11)
    put(ws, 3, 1, f"{labels['bureau_contact']}：{bureau_contact}").font = Font(name=FONT, size=11)
    for col, key in enumerate(SUMMARY_COLUMNS, start=1):
        text = labels[key] + (f"\n{hint}" if key == "intro" else "")
        c = put(ws, 4, col, text)
        c.font = Font(name=FONT, size=11, bold=True)
        c.alignment = centre
        c.border = box
    for r, cells in enumerate(table, start=5):
        for col, value in enumerate(cells, start=1):
            c = put(ws, r, col, int(value) if col == 1 else value)  # user text: never a formula
            c.font = Font(name=FONT, size=11)
            c.alignment = centre if col in (1, 6) else wrap
            c.border = box
    for letter, width in zip("ABCDEFG", (6, 28, 26, 22, 14, 12, 70)):
        ws.column_dimensions[letter].width = width
    ws.row_dimensions[1].height = 28
    fit_row_heights(ws, range(4, 5 + len(table)))
    print_on_a4(ws, landscape=True)
    # As the .docx: 2.5 cm at the sides, 2 cm at the top and bottom (inches here).
    ws.page_margins.left = ws.page_margins.right = round(MARGIN_X / 1440, 3)
    ws.page_margins.top = ws.page_margins.bottom = round(MARGIN_Y / 1440, 3)
    ws.print_title_rows = "4:4"
    return _workbook_bytes(wb)


# --- the 推荐汇总表 as WordprocessingML ---------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ET.register_namespace("w", W)
ET.register_namespace("r", R)
# A4 landscape in twentieths of a point; 2.5 cm side margins leave 14002 for the table.
PAGE_W, PAGE_H, MARGIN_X, MARGIN_Y = 16838, 11906, 1418, 1134
GRID = (600, 2000, 2000, 1600, 1200, 1000, 5602)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, _w(tag), {_w(k): v for k, v in attrs.items()})


def _para(parent: ET.Element, text: str, *, bold: bool = False, size: int = 21,
          align: str | None = None, keep_lines: bool = False) -> ET.Element:
    p = _el(parent, "p")
    ppr = _el(p, "pPr")
    _el(ppr, "spacing", before="0", after="0")
    if align:
        _el(ppr, "jc", val=align)
    lines = text.split("\n") if keep_lines else [text]
    r = _el(p, "r")
    rpr = _el(r, "rPr")
    _el(rpr, "rFonts", ascii=FONT_ASCII, hAnsi=FONT_ASCII, eastAsia=FONT_ASCII)
    if bold:
        _el(rpr, "b")
    _el(rpr, "sz", val=str(size))
    _el(rpr, "szCs", val=str(size))
    for i, line in enumerate(lines):
        if i:
            _el(r, "br")
        t = _el(r, "t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
    return p


def _cell(tr: ET.Element, width: int, paras: list[tuple[str, dict[str, Any]]]) -> None:
    tc = _el(tr, "tc")
    tcpr = _el(tc, "tcPr")
    _el(tcpr, "tcW", w=str(width), type="dxa")
    _el(tcpr, "vAlign", val="center")
    for text, kw in paras:
        _para(tc, text, **kw)


def _document_xml(table: list[list[str]], *, bureau: str, bureau_contact: str) -> bytes:
    title, labels, hint = _summary_section()
    doc = ET.Element(_w("document"))
    body = _el(doc, "body")
    _para(body, title, bold=True, size=36, align="center")
    _para(body, f"{labels['bureau']}{bureau}", size=24)
    _para(body, f"{labels['bureau_contact']}：{bureau_contact}", size=24)

    tbl = _el(body, "tbl")
    tblpr = _el(tbl, "tblPr")
    _el(tblpr, "tblW", w=str(sum(GRID)), type="dxa")
    _el(tblpr, "jc", val="center")
    borders = _el(tblpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(borders, side, val="single", sz="4", space="0", color="000000")
    _el(tblpr, "tblLayout", type="fixed")
    grid = _el(tbl, "tblGrid")
    for width in GRID:
        _el(grid, "gridCol", w=str(width))

    head = _el(tbl, "tr")
    _el(_el(head, "trPr"), "tblHeader")
    for key, width in zip(SUMMARY_COLUMNS, GRID):
        paras: list[tuple[str, dict[str, Any]]] = [(labels[key], {"bold": True, "align": "center"})]
        if key == "intro":
            paras.append((hint, {"size": 18}))
        _cell(head, width, paras)
    for cells in table:
        tr = _el(tbl, "tr")
        _el(_el(tr, "trPr"), "cantSplit")
        for col, (value, width) in enumerate(zip(cells, GRID)):
            align = "center" if col in (0, 5) else None
            _cell(tr, width, [(value, {"align": align, "keep_lines": True})])

    # A paragraph must follow a table before the section properties.
    _para(body, "")
    sect = _el(body, "sectPr")
    _el(sect, "pgSz", w=str(PAGE_W), h=str(PAGE_H), orient="landscape")
    _el(sect, "pgMar", top=str(MARGIN_Y), right=str(MARGIN_X), bottom=str(MARGIN_Y),
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


CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
ET.register_namespace("cp", CP)
ET.register_namespace("dc", DC)


def _core_xml(title: str) -> bytes:
    root = ET.Element(f"{{{CP}}}coreProperties")
    ET.SubElement(root, f"{{{DC}}}title").text = title
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def summary_docx(table: list[list[str]], *, bureau: str, bureau_contact: str) -> bytes:
    title, _, _ = _summary_section()
    return zip_bytes([
        ("[Content_Types].xml", _CONTENT_TYPES.encode()),
        ("_rels/.rels", _ROOT_RELS.encode()),
        ("docProps/core.xml", _core_xml(title)),
        ("word/document.xml", _document_xml(table, bureau=bureau, bureau_contact=bureau_contact)),
        ("word/_rels/document.xml.rels", _DOC_RELS.encode()),
        ("word/styles.xml", _STYLES.encode()),
    ], stamp(load_catalogue().issued))


# --- the whole comparison ---------------------------------------------------

def comparison_table(result: dict[str, Any]) -> list[list[str]]:
    """Header plus one line per screened row (in the result's order), then unreadable files.

    Figures are bare numbers, their units in the header (产值年均增速数值（%）), so a
    spreadsheet can sort, filter and sum them; 硬性指标 passed and total are two columns.
    """
    aspects: dict[str, str] = result["aspects"]
    margins: dict[str, str] = result["margin_titles"]
    units = {cid: next((u for row in result["rows"] if (u := (row["margins"].get(cid) or {}).get("unit"))), "")
             for cid in margins}
    header = ["序号", "集群名称", "来源", "结论", "硬性指标通过（项）", "硬性指标总数（项）", "问题数（条）"]
    header += [f"{title}" for title in aspects.values()]
    for cid, title in margins.items():
        unit = f"（{units[cid]}）" if units[cid] else ""
        header += [f"{title}数值{unit}", f"{title}余量{unit}", f"{title}相对余量（余量÷门槛）"]
    header += ["最弱项", "最弱项相对余量（余量÷门槛）", "无法读取的原因"]
    out = [header]
    for n, row in enumerate(result["rows"], start=1):
        line = [str(n), row["name"], row["source"], row["verdict_label"],
                str(row["hard"]["passed"]), str(row["hard"]["total"]), str(row["findings"])]
        line += [row["aspects"].get(a, {}).get("label", "") for a in aspects]
        for cid in margins:
            m = row["margins"].get(cid) or {}
            line += [m.get("value") or "", m.get("margin") or "", m.get("relative") or ""]
        weakest = row.get("weakest") or {}
        line += [weakest.get("title", ""), weakest.get("relative", ""), ""]
        out.append(line)
    blank = len(header) - 5  # 序号 名称 来源 结论 … 原因
    for n, bad in enumerate(result["unreadable"], start=len(result["rows"]) + 1):
        out.append([str(n), bad["name"], bad["source"], "无法读取"] + [""] * blank + [bad["reason"]])
    return out


# Column widths of the comparison (the default is for a figure column).
COMPARISON_WIDTHS = {"集群名称": 24, "来源": 14, "无法读取的原因": 30}
FIGURE_WIDTH = 9


def comparison_csv(result: dict[str, Any]) -> bytes:
    """UTF-8 with BOM and CRLF, so Excel and WPS open the Chinese text correctly; a text
    that could be taken for a formula gets a leading apostrophe (``checker.office.safe_cells``)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [csv_cell(c) for c in line] for line in comparison_table(result))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def comparison_xlsx(result: dict[str, Any]) -> bytes:
    """The comparison as a worksheet: figures numeric, header frozen and filtered, rows
    as tall as their text, A4 landscape in as few pages across as its columns allow
    (the header row and the 序号 and 集群名称 columns repeat on every page)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "初审对比"
    table = comparison_table(result)
    for r, line in enumerate(table, start=1):
        for col, value in enumerate(line, start=1):
            figure = as_number(value) if r > 1 else None  # numbers stay numbers: sortable
            c = put(ws, r, col, value if figure is None else figure[0])
            if figure is not None:
                c.number_format = figure[1]
            c.font = Font(name=FONT, size=10, bold=(r == 1))
            c.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [COMPARISON_WIDTHS.get(title, FIGURE_WIDTH) for title in table[0]]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last = get_column_letter(len(table[0]))
    ws.freeze_panes = "C2"  # the header row, and 序号 and 集群名称 while scrolling across
    ws.auto_filter.ref = f"A1:{last}{len(table)}"
    fit_row_heights(ws, range(1, len(table) + 1))
    print_on_a4(ws, landscape=True, pages_wide=pages_across(sum(widths)))
    ws.page_margins.left = ws.page_margins.right = ws.page_margins.top = ws.page_margins.bottom = 0.4
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:B"
    return _workbook_bytes(wb)
