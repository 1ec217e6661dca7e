"""The text/html flavour Word puts on the clipboard when a filled 申报表 is copied.

Built from a .docx with lxml, independently of the checker: ``<p class=MsoNormal>``
paragraphs in ``<td>`` cells with ``mso-`` styles, ``rowspan``/``colspan`` for merged
cells (continuations left out, as Word does), boxes as Word writes them: a symbol span
(``mso-char-type:symbol; mso-symbol-font-family:Wingdings``) holding the symbol's byte,
the MS Gothic glyph of a content control, an ``<input type=checkbox>`` for a form field.
The fragment markers and conditional comments of Word's HTML are there too.
"""

from __future__ import annotations

import io
import zipfile
from html import escape

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
SPAN = "<span lang=ZH-CN style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{}</span>"
TD = ("<td width=142 valign=top style='width:106.3pt;border:solid windowtext 1.0pt;"
      "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'{attrs}>{body}</td>")


def _runs(p) -> str:
    out = []
    for el in p.iter(W + "t", W + "sym", W + "sdt", W + "fldChar"):
        if el.tag == W + "t":
            if any(a.tag == W + "sdtContent" for a in el.iterancestors()):
                continue  # a content control's glyph: written from its state below
            if any(a.tag == W + "del" for a in el.iterancestors()):
                continue
            props = el.getparent().find(W + "rPr")
            struck = props is not None and props.find(W + "strike") is not None
            out.append(("<s>{}</s>" if struck else "{}").format(SPAN.format(escape(el.text or ""))))
        elif el.tag == W + "sym":
            font = el.get(W + "font")
            byte = chr(int(el.get(W + "char"), 16) & 0xFF)
            out.append(f"<span style='font-family:\"{font}\";mso-ascii-font-family:\"{font}\";"
                       f"mso-hansi-font-family:\"{font}\";mso-char-type:symbol;mso-symbol-font-family:\"{font}\"'>"
                       f"<span style='mso-char-type:symbol;mso-symbol-font-family:\"{font}\"'>{escape(byte)}</span></span>")
        elif el.tag == W + "sdt":
            box = el.find(f"{W}sdtPr/{W14}checkbox")
            if box is not None:
                on = box.find(W14 + "checked").get(W14 + "val") == "1"
                out.append(f"<span style='font-family:\"MS Gothic\";mso-bidi-font-family:\"MS Gothic\"'>{'☒' if on else '☐'}</span>")
        elif el.tag == W + "fldChar" and el.get(W + "fldCharType") == "begin":
            box = el.find(f"{W}ffData/{W}checkBox")
            if box is not None:
                on = box.find(W + "checked") is not None or (
                    box.find(W + "default") is not None and box.find(W + "default").get(W + "val") == "1")
                out.append("<![if !supportFormFields]><input type=checkbox%s><![endif]>" % (" checked" if on else ""))
    return "".join(out) or "<o:p>&nbsp;</o:p>"


def _paragraph(p) -> str:
    return f"<p class=MsoNormal style='mso-pagination:widow-orphan'>{_runs(p)}</p>"


def _table(tbl) -> str:
    grid: list[list[tuple]] = []  # per row: (col, span, vmerge, tc)
    for tr in tbl.iter(W + "tr"):
        col, cells = 0, []
        for tc in tr.findall(W + "tc"):
            props = tc.find(W + "tcPr")
            span = int(props.find(W + "gridSpan").get(W + "val")) if props is not None and props.find(W + "gridSpan") is not None else 1
            vm = props.find(W + "vMerge") if props is not None else None
            kind = None if vm is None else (vm.get(W + "val") or "continue")
            cells.append((col, span, kind, tc))
            col += span
        grid.append(cells)
    out = ["<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 "
           "style='border-collapse:collapse;border:none;mso-yfti-tbllook:1184'>"]
    for r, cells in enumerate(grid):
        out.append(f"<tr style='mso-yfti-irow:{r}'>")
        for col, span, kind, tc in cells:
            if kind == "continue":
                continue
            attrs = f" colspan={span}" if span > 1 else ""
            if kind == "restart":
                n = 1
                for later in grid[r + 1:]:
                    if any(c == col and k == "continue" for c, _, k, _ in later):
                        n += 1
                    else:
                        break
                attrs += f" rowspan={n}"
            body = "".join(_paragraph(p) for p in tc.findall(W + "p"))
            out.append(TD.format(attrs=attrs, body=body))
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def word_clipboard_html(docx: bytes) -> str:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    body = root.find(W + "body")
    parts = []
    for el in body:
        if el.tag == W + "p":
            parts.append(_paragraph(el))
        elif el.tag == W + "tbl":
            parts.append(_table(el))
    return ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta http-equiv=Content-Type content=\"text/html; "
            "charset=utf-8\"><meta name=Generator content=\"Microsoft Word 15\"><style><!-- p.MsoNormal "
            "{mso-style-unhide:no;margin:0cm;font-family:等线;} --></style></head>"
            "<body lang=ZH-CN style='tab-interval:21.0pt;word-wrap:break-word'><!--StartFragment-->"
            + "".join(parts) + "<!--EndFragment--></body></html>")
