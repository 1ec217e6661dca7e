"""The stream names of an OLE compound file (Word 97-2003, Excel 97-2003, WPS, and the
envelope of a password-protected .docx or .xlsx), enough to name what the file is.

Only the directory is walked (header, FAT, directory sectors), every loop bounded;
nothing is decompressed or decrypted. A damaged directory falls back to looking for
the well-known names in the bytes.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_MAX_SECTORS = 4096
# Streams that tell the kinds apart (MS-CFB, MS-DOC, MS-XLS, MS-OFFCRYPTO).
KNOWN = ("EncryptedPackage", "EncryptionInfo", "WordDocument", "Workbook", "Book",
         "PowerPoint Document", "WpsCustomData", "ETExtData")


def _walk(data: bytes) -> list[str]:
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError("sector size")
    size = 1 << shift
    fat_count, first_dir = struct.unpack_from("<I", data, 0x2C)[0], struct.unpack_from("<I", data, 0x30)[0]
    difat = struct.unpack_from("<109I", data, 0x4C)[: min(fat_count, 109)]
    per = size // 4

    def sector(n: int) -> bytes:
        at = (n + 1) * size
        if at + size > len(data):
            raise ValueError("sector out of range")
        return data[at:at + size]

    fat: list[int] = []
    for n in difat:
        fat.extend(struct.unpack(f"<{per}I", sector(n)))
    names: list[str] = []
    n, seen = first_dir, 0
    while n != _END:
        seen += 1
        if seen > _MAX_SECTORS or n >= len(fat):
            raise ValueError("directory chain")
        block = sector(n)
        for at in range(0, size, 128):
            length = struct.unpack_from("<H", block, at + 0x40)[0]
            kind = block[at + 0x42]
            if kind in (1, 2) and 2 <= length <= 64:
                names.append(block[at:at + length - 2].decode("utf-16-le", "replace"))
        n = fat[n]
    return names


def stream_names(data: bytes) -> set[str]:
    """Names of the streams and storages; only those of ``KNOWN`` when the directory is damaged."""
    if not data.startswith(MAGIC) or len(data) < 512:
        return set()
    try:
        return set(_walk(data))
    except (ValueError, struct.error, IndexError):
        return {name for name in KNOWN if name.encode("utf-16-le") in data}
