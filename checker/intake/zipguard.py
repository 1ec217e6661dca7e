"""One bounded reader for the ZIP containers of .docx and .xlsx files.

Before anything is inflated: the number of members (read from the end record, so a
million-entry directory is never listed), then each member's declared size and its
ratio to the compressed size. While inflating: the bytes actually produced, per part
and for the whole file. Media (pictures of a 30 MB 申报表) are never inflated: only
the parts a reader asks for are. Every refusal is a prepared ``Refused``.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator

from checker.intake import limits
from checker.intake.limits import Refused

_EOCD = b"PK\x05\x06"
_CHUNK = 64 * 1024


# A central directory entry is 46 bytes plus its name and extras: this bounds a
# directory that lies about its entry count.
_MAX_DIRECTORY_BYTES = limits.MAX_MEMBERS * 1024


def _directory(data: bytes) -> tuple[int, int] | None:
    """(entries, directory bytes) of the end-of-central-directory record; None if absent."""
    tail = data[-(65535 + 22):]
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    entries, size = struct.unpack_from("<HI", tail, at + 10)
    return entries, size


class GuardedZip:
    """A ZIP archive whose parts are read under ``checker.intake.limits``."""

    def __init__(self, data: bytes) -> None:
        directory = _directory(data)
        if directory is None:
            raise Refused(limits.ZIP_CORRUPT)
        # 0xFFFF entries (ZIP64) included: no Office file has that many.
        if directory[0] > limits.MAX_MEMBERS or directory[1] > _MAX_DIRECTORY_BYTES:
            raise Refused(limits.ZIP_MEMBERS)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError,
                struct.error):
            raise Refused(limits.ZIP_CORRUPT) from None
        if len(infos) > limits.MAX_MEMBERS:
            raise Refused(limits.ZIP_MEMBERS)
        # Names are case-insensitive in OPC; the first spelling wins.
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self._infos.setdefault(info.filename.lstrip("/").lower(), info)
        self._inflated = 0
        self.data = data

    def has(self, name: str) -> bool:
        return name.lower() in self._infos

    def names(self) -> list[str]:
        return [i.filename for i in self._infos.values()]

    def size(self, name: str) -> int:
        return self._infos[name.lower()].file_size

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part's inflated bytes in chunks, every limit checked as they come."""
        info = self._infos.get(name.lower())
        if info is None:
            raise Refused(limits.ZIP_MISSING_PART)
        if info.flag_bits & 0x1:
            raise Refused(limits.ZIP_ENCRYPTED)
        declared = info.file_size
        if declared > limits.MAX_PART_BYTES:
            raise Refused(limits.ZIP_PART)
        if declared > limits.RATIO_FLOOR and declared > limits.MAX_RATIO * max(info.compress_size, 1):
            raise Refused(limits.ZIP_RATIO)
        if self._inflated + declared > limits.MAX_INFLATED_BYTES:
            raise Refused(limits.ZIP_TOTAL)
        produced = 0
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    produced += len(chunk)
                    self._inflated += len(chunk)
                    # zipfile stops at the declared size; the counts guard a lying header too.
                    if produced > limits.MAX_PART_BYTES:
                        raise Refused(limits.ZIP_PART)
                    if self._inflated > limits.MAX_INFLATED_BYTES:
                        raise Refused(limits.ZIP_TOTAL)
                    yield chunk
        except (Refused, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - bad CRC, truncated data, zlib/lzma errors, a password
            raise Refused(limits.ZIP_CORRUPT) from None

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))


def open_zip(data: bytes) -> GuardedZip:
    return GuardedZip(data)
