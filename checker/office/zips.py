"""Make an OOXML package byte-identical across builds.

python-docx and openpyxl stamp the zip entries with the wall clock and write the
current time into docProps/core.xml. We rewrite the package with a fixed entry date,
fixed attributes and a fixed created/modified date, keeping the writer's entry order
but with [Content_Types].xml first, as Office expects.
"""

from __future__ import annotations

import io
import re
import zipfile

_CORE_DATES = re.compile(
    r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stamp(issued: str) -> tuple[int, int, int, int, int, int]:
    """The zip entries' date: the notice's (``YYYY-MM-DD`` of the rule pack), a fixed,
    meaningful stamp."""
    year, month, day = (int(part) for part in issued.split("-"))
    return (year, month, day, 0, 0, 0)


def _fix_core(xml: bytes, issued: str) -> bytes:
    text = xml.decode("utf-8")
    when = f"{issued}T00:00:00Z"
    return _CORE_DATES.sub(lambda m: m.group(1) + when + m.group(2), text).encode("utf-8")


def normalise_package(data: bytes, issued: str) -> bytes:
    """The package rewritten with the notice's date ``issued`` (``YYYY-MM-DD``)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    # [Content_Types].xml first (some readers expect it), then the writer's own order.
    infos = sorted(src.infolist(), key=lambda i: i.filename != "[Content_Types].xml")
    with zipfile.ZipFile(out, "w") as dst:
        for info in infos:
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _fix_core(blob, issued)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp(issued))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, blob, compresslevel=9)
    return out.getvalue()
