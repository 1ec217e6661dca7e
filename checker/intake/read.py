"""Any file, by content, into an Application: the one path of 在线自评, 批量初审 and the CLI.

``read_file(data, name)`` returns a ``FileRead``: the application, or the one-line
Chinese reason it cannot be read (``refused``); for a text file also its decoded text,
which the page puts in its text area (a binary file never goes there). Nothing here
raises: a defect of ours or a file that exhausts memory becomes a prepared refusal.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from checker.law.application import Application, Normalisation
from checker.law.catalogue import Catalogue
from checker.intake import limits
from checker.intake.blocks import Block, rows_of
from checker.intake.limits import Refused
from checker.intake.sniff import sniff
from checker.intake.textcodec import NotTextError, decode
from checker.intake.parse import MAX_CHARS, parse
from checker.intake.collect import Collector
from checker.intake.layout import prepare
from checker.intake.paste import RowReader
from checker.intake.tables import tables

# What each input format is called where a person reads it (page meta line, CLI, 批量初审).
SUMMARY_DOCUMENT = ("这是附件1 推荐汇总表的 Word 文件，不是申报表（附件2）：推荐汇总表由市州经信部门填写；"
                    "请上传各集群填好的申报表，推荐汇总表可在“批量初审”页生成。")
NOT_THE_FORM = ("这个 Word 文档不像申报表：没有找到申报表的部分标题（如“一、基本情况”）或栏目名称"
                "（如“集群总产值（亿元）”）；请上传按附件2 填写的申报表。")
# A document read as the 申报表 names at least this many of its rows (a blank form names ~200).
MIN_FORM_ROWS = 8


@dataclass(frozen=True)
class FileRead:
    app: Application | None = None
    text: str | None = None      # the decoded text of a text file
    refused: str | None = None   # why nothing was read


def _document(blocks: list[Block], input_format: str, refuse_other: bool,
              cat: Catalogue | None) -> Application:
    """A document's paragraphs and tables read as the 申报表 of ``cat``'s round (``Refused``
    when it is not one)."""
    col = Collector(tables(cat))
    reader = RowReader(col)
    reader.read_rows(prepare(rows_of(blocks), col.t))
    reader.resolve()
    reader.apply()
    if refuse_other:
        named = [e for e in reader.entries if e.slot is not None]
        summary = sum(1 for e in named if e.slot.section == "summary")
        if len(named) - summary < MIN_FORM_ROWS:
            titled = any(e.section == "summary" for e in reader.entries)  # the 推荐汇总表's title
            raise Refused(SUMMARY_DOCUMENT if summary >= 3 or titled else NOT_THE_FORM)
    return col.finish(input_format)


def _tsv_cell(text: str) -> str:
    # As Excel and Word quote a copied cell that holds a tab, a line break or a quote.
    if any(ch in text for ch in "\t\n\""):
        return '"' + text.replace('"', '""') + '"'
    return text


def document_rows(html: str, cat: Catalogue | None = None) -> str:
    """An HTML clipboard's tables as the tab-separated rows the row engine reads back alike."""
    from checker.intake.html import read_html

    rows = prepare(rows_of(read_html(html[:MAX_CHARS])), tables(cat))
    return "\n".join("\t".join(_tsv_cell(c) for c in cells) for cells, _ in rows) + "\n"


def read_html_text(html: str, cat: Catalogue | None = None) -> Application:
    """A clipboard's text/html flavour (or an HTML file) read as the 申报表's tables."""
    from checker.intake.html import read_html

    if len(html) > MAX_CHARS:
        html = html[:MAX_CHARS]
    return _document(read_html(html), "html", refuse_other=False, cat=cat)


def _encoding_note(app: Application, encoding: str) -> Application:
    note = Normalisation(field="input", raw=encoding, value="Unicode", how=f"文件按 {encoding} 编码读取")
    return dataclasses.replace(app, normalised=(note,) + app.normalised)


def _read(data: bytes, name: str, cat: Catalogue | None) -> FileRead:
    sniffed = sniff(data, name)
    if sniffed.kind == "docx":
        from checker.intake.docx import read_docx

        return FileRead(app=_document(read_docx(sniffed.zip), "docx", refuse_other=True, cat=cat))
    if sniffed.kind == "xlsx":
        from checker.intake.xlsx import read_xlsx_zip

        app = parse(read_xlsx_zip(sniffed.zip), cat)  # what a paste of the same sheets reads
        return FileRead(app=dataclasses.replace(app, input_format="xlsx"))
    try:
        decoded = decode(bytes(data))
    except NotTextError as err:
        return FileRead(refused=str(err))
    text = decoded.text
    head = text.lstrip()[:4096].lower()
    if head.startswith(("<!doctype html", "<html", "<table")) or ("<html" in head and "<table" in text.lower()):
        app = read_html_text(text, cat)
    else:
        app = parse(text, cat)
    if not decoded.plain_utf8:
        app = _encoding_note(app, decoded.encoding)
    return FileRead(app=app, text=None if app.input_format == "html" else text)


def read_file(data: bytes, name: str = "", cat: Catalogue | None = None) -> FileRead:
    """The file ``data`` (its name only names what the content shows), read by the fields and
    years of ``cat`` (the site pack's catalogue when None); never raises."""
    try:
        return _read(data, name, cat)
    except Refused as err:
        return FileRead(refused=str(err))
    except MemoryError:
        return FileRead(refused=limits.MEMORY)
    except RecursionError:
        return FileRead(refused=limits.DOC_NESTING)
    except Exception:  # noqa: BLE001 - a defect of ours must still give one clear line
        return FileRead(refused=limits.INTERNAL)
