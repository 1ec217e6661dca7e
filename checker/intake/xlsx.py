"""Read a filled .xlsx template back as Row-contract TSV text for ``checker.intake.parse``.

Uploading the workbook and pasting a range copied from it must give the same report,
so each cell is rendered the way a spreadsheet displays (and copies) it: numbers in
their cell's number format (``0.00`` keeps two decimals), percent formats times 100
with a ``%`` sign, booleans as TRUE/FALSE, dates as ISO dates, and a cell holding a
tab, line break or quote is quoted as Excel quotes it on the clipboard.

Rows of every sheet are kept, our own 填报说明 sheet excepted: rows of an extra sheet
reach the parser like any other pasted line and are reported there. A file that is not
a readable workbook raises ``XlsxUnreadable`` (a ``ValueError``) with a Chinese message;
``checker.api`` turns it into a finding. openpyxl is imported lazily: it is pure Python
and loads in Pyodide, but the rest of the checker must not need it.

Bounded: the archive is opened by ``checker.intake.zipguard`` (declared and inflated
sizes, ratio) and every sheet and the shared strings are streamed once under the
limits of ``checker.intake.limits`` (row numbers, columns, cells, strings) before
openpyxl reads anything.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from checker.intake import limits, xmlsafe
from checker.intake.limits import Refused
from checker.intake.zipguard import GuardedZip, open_zip

INSTRUCTIONS_SHEET = "填报说明"
MAX_BYTES = limits.MAX_FILE_BYTES
NO_OPENPYXL = "本环境缺少读取 .xlsx 所需的组件（openpyxl），无法读取 Excel 文件；这不是文件的问题，请刷新页面重试，或复制表格内容粘贴。"
UNREADABLE = "无法读取这个 .xlsx 工作簿（文件内容不符合 Excel 格式）；请用 Excel 或 WPS 重新保存后再上传，或复制表格内容粘贴。"
_DECIMALS = re.compile(r"0(?:\.(0+))?")


class XlsxUnreadable(ValueError):
    """The uploaded bytes are not a workbook we can read; ``str()`` is a Chinese message."""


def _why_not_xlsx(data: bytes) -> str | None:
    """A Chinese reason when ``data`` is clearly not an .xlsx workbook, else None."""
    if not data:
        return "文件是空的（0 字节），请重新选择填好的 .xlsx 文件。"
    if len(data) > MAX_BYTES:
        return limits.TOO_BIG
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ("这是旧版 Excel（.xls）或 Word（.doc）文件，无法读取；"
                "请用 Excel 或 WPS “另存为” .xlsx 格式后再上传，或复制表格内容粘贴。")
    if not data.startswith(b"PK"):
        return ("文件不是 .xlsx 工作簿（.xlsx 是 zip 压缩包，这个文件不是）；"
                "如果是文本或 CSV，请直接复制内容粘贴。")
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "文件已损坏或不完整，无法作为 .xlsx 工作簿打开；请重新保存后再上传。"
    if "word/document.xml" in names:
        return ("这是 Word 文档（.docx，可能被改了扩展名），不是 Excel 工作簿；"
                "请上传本站的 .xlsx 填报模板，或从 Word 申报表中复制表格行粘贴。")
    if "xl/workbook.xml" not in names:
        return "压缩包里没有 Excel 工作簿（xl/workbook.xml），不是 .xlsx 文件；请上传本站的 .xlsx 填报模板。"
    return None


def _decimal_text(value: int | Decimal | object) -> Decimal:
    # str() of a binary float is its shortest round-trip form, e.g. "36.5".
    return Decimal(str(value))


def _number_text(value: object, number_format: str) -> str:
    d = _decimal_text(value)
    fmt = (number_format or "General").split(";")[0].strip()
    percent = fmt.endswith("%")
    if percent:
        d *= 100
        fmt = fmt[:-1]
    m = _DECIMALS.fullmatch(fmt.replace("#,##", "").replace(",", ""))
    if m:
        places = len(m.group(1) or "")
        text = str(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    else:
        # General: what a spreadsheet shows for a plain number (no trailing zeros).
        text = format(d.normalize(), "f") if d != d.to_integral_value() else str(d.to_integral_value())
    return text + ("%" if percent else "")


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as a spreadsheet displays it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, str):
        return value
    try:
        return _number_text(value, number_format)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def _tsv_cell(text: str) -> str:
    # Excel quotes a copied cell that holds a line break, a tab or a quote.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in text for ch in "\t\n\""):
        return '"' + text.replace('"', '""') + '"'
    return text


def _column(ref: str) -> int:
    """"AB12" -> 28 (1-based); 0 when the reference has no letters."""
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
            if n > limits.MAX_SHEET_COLUMN:
                return n
        else:
            break
    return n


def _check_bounds(z: GuardedZip) -> None:
    """Every worksheet and the shared strings streamed once under ``checker.intake.limits``
    (row numbers, columns, cells, strings), before openpyxl reads anything: openpyxl
    itself would allocate a row for every number a ``<row r="…">`` skips."""
    sheets = [n for n in z.names() if n.lower().startswith("xl/worksheets/") and n.lower().endswith(".xml")]
    cells = 0
    for name in sheets:
        row = 0
        for event, el in xmlsafe.events(z.chunks(name)):
            tag = el.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() and len(r) < 9 else row + 1
                    if row > limits.MAX_SHEET_ROW:
                        raise Refused(limits.SHEET_ROWS)
                continue
            if tag == "c":
                if len(el):  # a value (<v>) or an inline string (<is>)
                    cells += 1
                    if cells > limits.MAX_CELLS:
                        raise Refused(limits.SHEET_CELLS)
                    if _column(el.get("r") or "") > limits.MAX_SHEET_COLUMN:
                        raise Refused(limits.SHEET_COLUMNS)
                el.clear()
            elif tag == "row":
                el.clear()
    if z.has("xl/sharedStrings.xml"):
        count = chars = 0
        for event, el in xmlsafe.events(z.chunks("xl/sharedStrings.xml"), ("end",)):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "t":
                chars += len(el.text or "")
                if chars > limits.MAX_SHARED_CHARS:
                    raise Refused(limits.SHARED_STRINGS)
            elif tag == "si":
                count += 1
                if count > limits.MAX_SHARED_STRINGS:
                    raise Refused(limits.SHARED_STRINGS)
                el.clear()


def read_xlsx_zip(z: GuardedZip) -> str:
    """A workbook the sniffer opened -> Row-contract TSV text; raises ``Refused`` only."""
    _check_bounds(z)
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise Refused(NO_OPENPYXL) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # data validation extensions, unknown parts
            wb = load_workbook(io.BytesIO(z.data), read_only=True, data_only=True)
        lines: list[str] = []
        for ws in wb.worksheets:
            if ws.title == INSTRUCTIONS_SHEET:
                continue
            rows = []
            for row in ws.iter_rows():
                texts = [cell_text(getattr(c, "value", None), getattr(c, "number_format", "General"))
                         for c in row]
                rows.append(texts)
            width = max((len(r) for r in rows), default=0)
            for texts in rows:
                if any(t.strip() for t in texts):
                    texts = texts + [""] * (width - len(texts))
                    lines.append("\t".join(_tsv_cell(t) for t in texts))
        wb.close()
    except MemoryError:
        raise Refused(limits.MEMORY) from None
    except Exception:  # any defect of a user's file must become one clear line
        raise Refused(UNREADABLE) from None
    return "\n".join(lines) + ("\n" if lines else "")


def read_xlsx(data: bytes) -> str:
    """Filled .xlsx template -> Row-contract TSV text; raises ``XlsxUnreadable`` only."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise XlsxUnreadable("没有收到文件内容，请重新选择 .xlsx 文件。")
    data = bytes(data)
    reason = _why_not_xlsx(data)
    if reason:
        raise XlsxUnreadable(reason)
    try:
        return read_xlsx_zip(open_zip(data))
    except Refused as err:
        raise XlsxUnreadable(str(err)) from None
