"""What a file is, decided by its content: the one place that knows every kind we meet.

``sniff(data, name)`` says ``docx``, ``xlsx`` or ``text`` (decoded later by
``textcodec``), or refuses with one Chinese line that names the real cause: a Word or
Excel 97-2003 file, a WPS file, a password-protected Office file (an OLE
"EncryptedPackage"), a PDF, a picture, an archive. The file name is only used to name
what the content already shows (.doc and .wps look alike inside), never to decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.intake import limits, ole
from checker.intake.limits import Refused
from checker.intake.zipguard import GuardedZip, open_zip

# The name of each input format a report names (Application.input_format), here beside
# the sniffing that tells the file kinds apart.
FORMAT_LABELS = {
    "json": "JSON", "tsv": "表格行（制表符分隔）", "lines": "“栏目：值”文字", "csv": ".csv 模板",
    "xlsx": ".xlsx 模板", "docx": "Word 申报表", "html": "粘贴的表格（网页格式）",
}
SAVE_DOCX = "请在 Word 或 WPS 中“另存为” .docx 后再上传"
SAVE_XLSX = "请在 Excel 或 WPS 中“另存为” .xlsx 后再上传"
ENCRYPTED = ("这是设置了打开密码的（加密的）Word 或 Excel 文件，无法读取其中的内容；请在 Word、WPS 或 Excel 中"
             "取消打开密码（另存时不设密码）后再上传。")
OLD_OFFICE = f"这是旧版 Office 或 WPS 文件（.doc、.xls、.wps、.et），无法读取；{SAVE_DOCX}，表格请另存为 .xlsx。"
OLD_WORD = {".wps": f"这是 WPS 文字的旧格式文件（.wps），无法读取；{SAVE_DOCX}。",
            "": f"这是 Word 97-2003 文档（.doc），无法读取；{SAVE_DOCX}。"}
OLD_SHEET = {".et": f"这是 WPS 表格的旧格式文件（.et），无法读取；{SAVE_XLSX}。",
             "": f"这是 Excel 97-2003 工作簿（.xls），无法读取；{SAVE_XLSX}。"}
PRESENTATION = "这是 PowerPoint 演示文稿，不是申报表；请上传 Word 申报表（.docx）、.xlsx 模板或 .json 文件。"
ODF = {"text": f"这是 OpenDocument 文档（.odt），无法读取；{SAVE_DOCX}。",
       "spreadsheet": f"这是 OpenDocument 电子表格（.ods），无法读取；{SAVE_XLSX}。"}
ARCHIVE = "这是一个压缩包（如 .zip），不是 Word 或 Excel 文件；请解压后上传其中的申报表（.docx）、.xlsx 或 .json 文件。"
_MAGIC = (
    (b"%PDF", "这是 PDF 文件，无法读取其中的数据；请上传 Word 申报表（.docx）、.xlsx 模板或 .json 文件，或复制表格内容粘贴。"),
    (b"{\\rtf", f"这是 RTF 文档，无法读取；{SAVE_DOCX}。"),
    (b"\x89PNG", "这是图片文件（PNG），无法读取其中的数据。"),
    (b"\xff\xd8\xff", "这是图片文件（JPEG），无法读取其中的数据。"),
    (b"GIF8", "这是图片文件（GIF），无法读取其中的数据。"),
    (b"II*\x00", "这是图片文件（TIFF），无法读取其中的数据。"),
    (b"MM\x00*", "这是图片文件（TIFF），无法读取其中的数据。"),
    (b"\x1f\x8b", "这是 gzip 压缩文件，不是申报材料；请解压后再上传。"),
    (b"7z\xbc\xaf\x27\x1c", "这是 7z 压缩包，不是申报材料；请解压后再上传。"),
    (b"Rar!\x1a\x07", "这是 RAR 压缩包，不是申报材料；请解压后再上传。"),
)


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "docx" | "xlsx" | "text"
    zip: GuardedZip | None = None


def _extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[1] if "." in base[1:] else ""


def _ole(data: bytes, name: str) -> str:
    streams = ole.stream_names(data)
    ext = _extension(name)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        return ENCRYPTED
    if "WordDocument" in streams:
        return OLD_WORD.get(ext, OLD_WORD[""])
    if "Workbook" in streams or "Book" in streams:
        return OLD_SHEET.get(ext, OLD_SHEET[""])
    if "PowerPoint Document" in streams:
        return PRESENTATION
    return OLD_OFFICE


def _zip(data: bytes) -> Sniffed:
    z = open_zip(data)  # raises Refused for a corrupt archive or one with too many members
    if z.has("word/document.xml") or _main_part(z, "word/"):
        return Sniffed("docx", z)
    if z.has("xl/workbook.xml") or _main_part(z, "xl/"):
        return Sniffed("xlsx", z)
    if z.has("ppt/presentation.xml"):
        raise Refused(PRESENTATION)
    if z.has("mimetype") and z.size("mimetype") < 200:
        mimetype = z.read("mimetype").decode("ascii", "replace")
        for kind, message in ODF.items():
            if mimetype.startswith(f"application/vnd.oasis.opendocument.{kind}"):
                raise Refused(message)
    raise Refused(ARCHIVE)


def _main_part(z: GuardedZip, folder: str) -> bool:
    """A main part under another name (document2.xml): any XML in ``folder`` other than rels."""
    return any(n.lower().startswith(folder) and n.lower().endswith(".xml") and "/_rels/" not in n.lower()
               for n in z.names()) and z.has("[Content_Types].xml")


def sniff(data: bytes, name: str = "") -> Sniffed:
    """The kind of ``data``; raises ``Refused`` with the reason it cannot be read."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise Refused(limits.EMPTY)
    if not data:
        raise Refused(limits.EMPTY)
    if len(data) > limits.MAX_FILE_BYTES:
        raise Refused(limits.TOO_BIG)
    head = bytes(data[:16])
    if head.startswith(ole.MAGIC):
        raise Refused(_ole(bytes(data), name))
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip(bytes(data))
    for magic, message in _MAGIC:
        if head.startswith(magic):
            raise Refused(message)
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise Refused("这是图片文件（WebP），无法读取其中的数据。")
    if len(data) > limits.MAX_TEXT_BYTES:
        raise Refused(limits.TEXT_TOO_BIG)
    return Sniffed("text")
