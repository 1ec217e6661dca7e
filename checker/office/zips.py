"""The one zip writer: the same entries give the same bytes, whenever and wherever written.

Every zip the project makes goes through ``write_zip``: the blank forms (forms/), the
批量初审 exports (checker.batch.export, in the browser too) and the release's .zip
(release/archive.py). Entries keep the caller's order; every entry carries one fixed
date, Unix mode 644 (folders 755), no extra attributes; deflated at level 9 unless the
caller names suffixes to store.

python-docx and openpyxl stamp their entries with the wall clock and write the current
time into docProps/core.xml: ``normalise_package`` rewrites such an Office package
through ``write_zip`` with the notice's date, [Content_Types].xml first, as Office expects;
``workbook_bytes`` saves an openpyxl workbook that way (the blank forms, the runtime exports).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, BinaryIO, Iterable

# A zip date is local date and time in 2 s steps, from 1980 on.
EARLIEST = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(
    r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stamp(issued: str) -> tuple[int, int, int, int, int, int]:
    """The entries' date: the notice's (``YYYY-MM-DD`` of the rule pack), a fixed,
    meaningful stamp."""
    year, month, day = (int(part) for part in issued.split("-"))
    return max((year, month, day, 0, 0, 0), EARLIEST)


def write_zip(out: BinaryIO, entries: Iterable[tuple[str, bytes]], date_time: tuple[int, ...],
              stored: tuple[str, ...] = ()) -> None:
    """Write ``entries`` (name, data) to ``out`` in their order; a name ending in ``/`` is
    a folder; a name ending in one of ``stored`` is stored, not deflated."""
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3  # Unix: the mode below is what unzip applies
            if name.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if stored and name.endswith(stored) else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)


def zip_bytes(entries: Iterable[tuple[str, bytes]], date_time: tuple[int, ...]) -> bytes:
    """``write_zip`` into memory."""
    out = io.BytesIO()
    write_zip(out, entries, date_time)
    return out.getvalue()


def _fix_core(xml: bytes, issued: str) -> bytes:
    text = xml.decode("utf-8")
    when = f"{issued}T00:00:00Z"
    return _CORE_DATES.sub(lambda m: m.group(1) + when + m.group(2), text).encode("utf-8")


def normalise_package(data: bytes, issued: str) -> bytes:
    """An Office package rewritten with the notice's date ``issued`` (``YYYY-MM-DD``)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    # [Content_Types].xml first (some readers expect it), then the writer's own order.
    infos = sorted(src.infolist(), key=lambda i: i.filename != "[Content_Types].xml")

    def entries():
        for info in infos:
            blob = src.read(info.filename)
            yield info.filename, _fix_core(blob, issued) if info.filename == "docProps/core.xml" else blob

    return zip_bytes(entries(), stamp(issued))


def workbook_bytes(wb: Any, issued: str, *, creator: str = "", title: str | None = None) -> bytes:
    """An openpyxl workbook's bytes, dated ``issued`` (the notice's day) through
    ``normalise_package``: the blank forms and the runtime exports save the same way."""
    if title is not None:
        wb.properties.title = title
    wb.properties.creator = creator
    out = io.BytesIO()
    wb.save(out)
    return normalise_package(out.getvalue(), issued)
