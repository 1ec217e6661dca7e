"""Bytes of a text file -> text, as the CLI, the 在线自评 page and the 批量初审 page all read it.

Byte-order marks first (UTF-32 before UTF-16, whose mark it starts with), then UTF-16
without a mark (Windows "Unicode 文本": NUL bytes on every other position), then UTF-8,
then GB18030 (what Chinese Excel and Notepad save, a superset of GBK and GB2312). Any
encoding other than plain UTF-8 is reported as a normalisation, so the applicant sees
how the file was read.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8（带 BOM）"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_SAMPLE = 4096
# Controls no text file has (tab and line breaks aside); BOMs and zero-width marks are
# removed later by the parser, not evidence of a binary file.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class NotTextError(ValueError):
    """Not text; ``str()`` is one Chinese line."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # what the file was read as, in the words the report uses
    plain_utf8: bool  # True when nothing needs reporting


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes fall on one parity only (ASCII in UTF-16)."""
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    if odd > pairs // 4 and even == 0:
        return "utf-16-le"
    if even > pairs // 4 and odd == 0:
        return "utf-16-be"
    return None


def _controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    return bool(sample) and len(_BINARY_CONTROLS.findall(sample)) * 10 > len(sample)


BINARY = "文件含有大量不可见的控制字符，是二进制文件而不是文字；请提供 .json、.txt、.csv 文字文件、.xlsx 模板或 Word 申报表。"


def decode(data: bytes) -> Decoded:
    """The text of ``data``; raises ``NotTextError`` when it is not text in a known encoding."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise NotTextError(f"文件以 {name} 标记开头，但内容无法按 {name} 解码，不是有效的文字文件。") from None
            if _controls(text):
                raise NotTextError(BINARY)
            return Decoded(text, name, codec == "utf-8")  # our .csv has a BOM: nothing to report
    codec = _utf16_without_bom(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None and not _controls(text):
            return Decoded(text, "UTF-16（无 BOM）", False)
    if b"\x00" in data[:8192]:
        raise NotTextError("文件含有 NUL 字节，是二进制文件而不是文字；请提供 .json、.txt、.csv 文字文件、"
                           ".xlsx 模板或 Word 申报表。")
    try:
        text, name, plain = data.decode("utf-8"), "UTF-8", True
    except UnicodeDecodeError:
        try:
            text, name, plain = data.decode("gb18030"), "GB18030（GBK）", False
        except UnicodeDecodeError:
            raise NotTextError("文件既不是 UTF-8 也不是 GBK/GB18030 编码的文字，无法读取；"
                               "请在记事本或 Excel 中另存为 UTF-8 编码后再试。") from None
    if _controls(text):
        raise NotTextError(BINARY)
    return Decoded(text, name, plain)
