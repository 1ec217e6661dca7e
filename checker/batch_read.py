"""Turn the files and pastes a reviewer drops on the 批量初审 page into applications.

Each item is ``(file name or title, content)``; content is ``bytes`` (a file) or
``str`` (a paste). The result is, per application, either a text the parser reads,
the bytes of a filled .xlsx template, or the reason it cannot be read, in Chinese.
A pasted wide table (one column per cluster) becomes one application per column.

Nothing here raises on bad input: a reviewer with twenty files must see the
nineteen good ones screened and the bad one named with its reason.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from checker.batch_wide import is_wide, split_wide
from checker.parse import NotText, decode


@dataclass(frozen=True)
class Readable:
    name: str        # what the table shows until the application names itself
    source: str      # the file name (and column) it came from
    seq: tuple[int, int]  # (item index, column of a wide table or 0): input order
    text: str | None = None
    xlsx: bytes | None = None

    @property
    def id(self) -> str:
        return entry_id(self.seq)


@dataclass(frozen=True)
class Unreadable:
    name: str
    source: str
    seq: tuple[int, int]
    reason: str

    @property
    def id(self) -> str:
        return entry_id(self.seq)


def entry_id(seq: tuple[int, int]) -> str:
    """Stable row id: the item's index, plus the column of a wide table (``"3"``, ``"3-2"``)."""
    return str(seq[0]) if seq[1] == 0 else f"{seq[0]}-{seq[1]}"


def _stem(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base[1:] else base


def _zip_kind(data: bytes) -> str:
    """``xlsx``, ``docx``, ``zip`` (another archive) or ``corrupt``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "corrupt"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return "zip"


def _decode(data: bytes) -> str | None:
    """The parser's own decoding (UTF-8, UTF-16 with BOM, GB18030); None for binary data."""
    try:
        return decode(data)
    except NotText:
        return None  # the batch names its own reason, pointing to the .json/.xlsx uploads


_BINARY = (
    (b"%PDF", "这是 PDF 文件，无法读取其中的数据；请上传申报数据的 .json 导出文件或填写好的 .xlsx 模板。"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Office 文件（.xls 或 .doc），无法读取；请在 Excel 或 WPS 中另存为 .xlsx 后再上传。"),
    (b"\x89PNG", "这是图片文件，无法读取其中的数据；请上传 .json 导出文件或填写好的 .xlsx 模板。"),
    (b"\xff\xd8\xff", "这是图片文件，无法读取其中的数据；请上传 .json 导出文件或填写好的 .xlsx 模板。"),
)
_ZIP_REASON = {
    "docx": "这是 Word 文件（.docx）。申报表的 Word 版无法逐栏读取；请上传 .json 导出文件或填写好的 .xlsx 模板。",
    "zip": "这是一个压缩包，不是 .xlsx 模板；请解压后逐个上传其中的 .json 或 .xlsx 文件。",
    "corrupt": "文件已损坏或不完整，不是有效的 .xlsx 文件；请重新导出或重新保存后再上传。",
}


def read_items(items: list[tuple[str, bytes | str]], *,
               indexes: list[int] | None = None) -> list[Readable | Unreadable]:
    """One entry per application, in input order (a wide table expands in place).

    ``indexes`` are the items' positions in the whole batch when this is one part
    of it (the page screens parts in parallel); by default 0, 1, 2, ...
    """
    out: list[Readable | Unreadable] = []
    for at, (name, content) in enumerate(items):
        index = indexes[at] if indexes is not None else at
        seq = (index, 0)
        name = str(name or "未命名")
        if isinstance(content, (bytes, bytearray, memoryview)):
            data = bytes(content)
            if not data.strip():
                out.append(Unreadable(_stem(name), name, seq, "文件为空。"))
                continue
            if data[:2] == b"PK" or name.lower().endswith((".xlsx", ".xlsm")):
                kind = _zip_kind(data)
                if kind == "xlsx":
                    out.append(Readable(_stem(name), name, seq, xlsx=data))
                else:
                    out.append(Unreadable(_stem(name), name, seq, _ZIP_REASON[kind]))
                continue
            reason = next((r for magic, r in _BINARY if data.startswith(magic)), None)
            text = None if reason else _decode(data)
            if text is None:
                out.append(Unreadable(_stem(name), name, seq, reason or
                                      "无法识别的文件（不是文本、.json 或 .xlsx）；请上传 .json 导出文件或填写好的 .xlsx 模板。"))
                continue
        else:
            text = str(content)
        if not text.strip():
            out.append(Unreadable(_stem(name), name, seq, "内容为空。"))
        elif is_wide(text):
            for i, (title, column) in enumerate(split_wide(text), start=1):
                out.append(Readable(title, f"{name}（第 {i} 个集群列）", (index, i), text=column))
        else:
            out.append(Readable(_stem(name), name, seq, text=text))
    return out
