"""A filled 申报表 .docx -> paragraphs and tables (``checker.intake.blocks``).

Pure standard library (zipfile through ``zipguard``, ElementTree through ``xmlsafe``),
so it runs in Pyodide. The main document part is streamed: each paragraph or table of
the body is read when it ends and then dropped, so memory follows the largest table,
not the file; pictures and other media are never inflated.

Read as text: runs (hidden text dropped), tracked insertions kept and deletions
dropped, hyperlinks, simple and complex fields (the result, not the code), content
controls, smart tags, text boxes (once, not once per fallback), equations' text.
Boxes in every form Word, WPS and LibreOffice write become ☑ / ☐ (``boxes``).
"""

from __future__ import annotations

from checker.intake import boxes, limits, xmlsafe
from checker.intake.blocks import Block, Table
from checker.intake.limits import Refused
from checker.intake.zipguard import GuardedZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_REL = "/officeDocument"

# Containers whose children are read as if they stood in their place.
_INLINE_WRAPPERS = frozenset(W + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml",
                                             "fldSimple", "bdo", "dir", "sdtContent"))
_DROPPED = frozenset(W + t for t in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText",
                                     "delInstrText", "commentReference", "footnoteReference",
                                     "endnoteReference"))
_DRAWINGS = frozenset((W + "drawing", W + "pict", W + "object", MC + "AlternateContent"))
_BREAKS = {W + "br": "\n", W + "cr": "\n", W + "tab": " ", W + "ptab": " ", W + "noBreakHyphen": "-",
           W + "softHyphen": ""}


def _on(el, name: str) -> bool:
    child = el.find(name)
    return child is not None and boxes.checked(child.get(W + "val"))


def _run_font(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(W + "rFonts")
    if fonts is None:
        return None
    for attr in ("ascii", "hAnsi", "cs"):
        name = fonts.get(W + attr)
        if name and boxes.is_symbol_font(name):
            return name
    return None


def _choice(alternate):
    """The first branch of mc:AlternateContent (Choice, else Fallback): one copy of its content."""
    for child in alternate:
        if child.tag in (MC + "Choice", MC + "Fallback"):
            return child
    return None


class _Paragraph:
    """The text of one paragraph, its text boxes apart, complex fields tracked."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.fields: list[str] = []  # "code" | "result", one per open field
        self.textboxes: list[str] = []

    def in_code(self) -> bool:
        return bool(self.fields) and self.fields[-1] == "code"

    def walk(self, node) -> None:
        for child in node:
            tag = child.tag
            if tag == W + "r":
                self.run(child)
            elif tag in _INLINE_WRAPPERS:
                self.walk(child)
            elif tag == W + "sdt":
                self.content_control(child)
            elif tag == MC + "AlternateContent":
                branch = _choice(child)
                if branch is not None:
                    self.walk(branch)
            elif tag == M + "oMath" or tag == M + "oMathPara":
                self.out.append("".join(t.text or "" for t in child.iter(M + "t")))
            elif tag in _DROPPED:
                continue

    def content_control(self, sdt) -> None:
        props = sdt.find(W + "sdtPr")
        box = props.find(W14 + "checkbox") if props is not None else None
        if box is not None:
            state = box.find(W14 + "checked")
            ticked = state is not None and boxes.checked(state.get(W14 + "val"))
            self.out.append(boxes.TICKED if ticked else boxes.EMPTY)
            return  # its content is only the glyph of that state
        content = sdt.find(W + "sdtContent")
        if content is not None:
            self.walk(content)

    def run(self, r) -> None:
        rpr = r.find(W + "rPr")
        # hidden text, and an old value left with 删除线 (read as gone, as the printed form shows it)
        hidden = rpr is not None and (_on(rpr, W + "vanish") or _on(rpr, W + "strike") or _on(rpr, W + "dstrike"))
        font = _run_font(rpr)
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                self.field_char(child, hidden)
                continue
            if hidden or self.in_code():
                continue
            if tag == W + "t":
                text = child.text or ""
                self.out.append(boxes.symbol_text(font, text) if font else text)
            elif tag in _BREAKS:
                self.out.append(_BREAKS[tag])
            elif tag == W + "sym":
                try:
                    code = int(child.get(W + "char") or "", 16)
                except ValueError:
                    code = 0
                self.out.append(boxes.symbol(child.get(W + "font"), code))
            elif tag in _DRAWINGS:
                self.textbox(child)

    def field_char(self, el, hidden: bool) -> None:
        kind = el.get(W + "fldCharType")
        if kind == "begin":
            self.fields.append("code")
            data = el.find(W + "ffData")
            box = data.find(W + "checkBox") if data is not None else None
            if box is not None and not hidden:
                state = box.find(W + "checked")
                if state is None:
                    state = box.find(W + "default")
                ticked = state is not None and boxes.checked(state.get(W + "val"))
                self.out.append(boxes.TICKED if ticked else boxes.EMPTY)
        elif kind == "separate" and self.fields:
            self.fields[-1] = "result"
        elif kind == "end" and self.fields:
            self.fields.pop()

    def textbox(self, el) -> None:
        if el.tag == MC + "AlternateContent":
            el = _choice(el)
            if el is None:
                return
        for content in el.iter(W + "txbxContent"):
            for p in content.iter(W + "p"):
                text = paragraph_text(p)
                if text.strip():
                    self.textboxes.append(text)
            return  # one text box per drawing: the first copy


def paragraph_text(p) -> str:
    para = _Paragraph()
    para.walk(p)
    text = "".join(para.out)
    if para.textboxes:
        text = "\n".join([text] + para.textboxes) if text.strip() else "\n".join(para.textboxes)
    return text


def _children(node, wrapper_tags=(W + "sdt", W + "customXml")):
    """Children of a table or row, with content controls and custom XML unwrapped."""
    for child in node:
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content)
        elif child.tag == W + "customXml" or child.tag == W + "sdtContent":
            yield from _children(child)
        elif child.tag == MC + "AlternateContent":
            branch = _choice(child)
            if branch is not None:
                yield from _children(branch)
        else:
            yield child


def table_rows(tbl, depth: int = 1) -> list[list[str]]:
    """The rows of a table as Word copies them, nested tables after their row."""
    if depth > limits.MAX_TABLE_DEPTH:
        raise Refused(limits.DOC_NESTING)
    rows: list[list[str]] = []
    for tr in _children(tbl):
        if tr.tag != W + "tr":
            continue
        props = tr.find(W + "trPr")
        if props is not None and props.find(W + "del") is not None:
            continue  # a row deleted with 修订 on (the mark may be on the row alone)
        cells: list[str] = []
        nested: list[list[str]] = []
        for tc in _children(tr):
            if tc.tag != W + "tc":
                continue
            props = tc.find(W + "tcPr")
            if props is not None:
                if props.find(W + "hMerge") is not None and props.find(W + "hMerge").get(W + "val") != "restart":
                    continue  # a legacy horizontal merge: the first cell holds it all
                vmerge = props.find(W + "vMerge")
                if vmerge is not None and vmerge.get(W + "val") in (None, "continue"):
                    cells.append("")  # Word copies a vertical merge's continuation as empty
                    continue
            lines: list[str] = []
            inner: list[list[str]] = []
            for child in _children(tc):
                if child.tag == W + "p":
                    text = paragraph_text(child)
                    if text.strip():
                        lines.append(text)
                elif child.tag == W + "tbl":
                    inner.extend(table_rows(child, depth + 1))
            at = len(cells)
            if inner and not lines:
                # a cell that only holds a table: its first row continues this row
                cells.extend(inner[0])
                inner = inner[1:]
            else:
                cells.append("\n".join(lines))
            nested.extend([""] * at + row for row in inner)
            if len(cells) > limits.MAX_ROW_CELLS:
                break
        rows.append(cells)
        rows.extend(nested)
    return rows


def main_part(z: GuardedZip) -> str:
    """The main document part named by the package relationships (word/document.xml)."""
    if z.has("_rels/.rels"):
        root = xmlsafe.parse(z.read("_rels/.rels"))
        for rel in root.iter(REL + "Relationship"):
            if (rel.get("Type") or "").endswith(MAIN_REL):
                target = (rel.get("Target") or "").lstrip("/")
                if z.has(target):
                    return target
    if z.has("word/document.xml"):
        return "word/document.xml"
    raise Refused(limits.ZIP_MISSING_PART)


def read_docx(z: GuardedZip) -> list[Block]:
    """The body's paragraphs and tables, in order."""
    blocks: list[Block] = []
    body = None
    depth = 0
    count = 0
    for event, el in xmlsafe.events(z.chunks(main_part(z))):
        if event == "start":
            depth += 1
            if depth == 2 and el.tag == W + "body":
                body = el
            continue
        depth -= 1
        if depth != 2 or body is None:
            continue
        # A child of the body is complete: read it, then let it go.
        for block in _body_child(el):
            blocks.append(block)
            count += len(block.rows) if isinstance(block, Table) else 1
            if count > limits.MAX_BLOCK_ROWS:
                raise Refused(limits.DOC_ROWS)
        body.remove(el)
    return blocks


def _body_child(el) -> list[Block]:
    if el.tag == W + "p":
        return [paragraph_text(el)]
    if el.tag == W + "tbl":
        return [Table(table_rows(el))]
    out: list[Block] = []
    for child in _children([el]) if el.tag in (W + "sdt", W + "customXml", MC + "AlternateContent") else ():
        out.extend(_body_child(child))
    return out
