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

# The notice's date (鄂经信办函〔2024〕29号, 2024年4月9日): a fixed, meaningful stamp.
FIXED_DATE_TIME = (2024, 4, 9, 0, 0, 0)
FIXED_W3CDTF = "2024-04-09T00:00:00Z"
_CORE_DATES = re.compile(
    r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _fix_core(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    return _CORE_DATES.sub(lambda m: m.group(1) + FIXED_W3CDTF + m.group(2), text).encode("utf-8")


def normalise_package(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    # [Content_Types].xml first (some readers expect it), then the writer's own order.
    infos = sorted(src.infolist(), key=lambda i: i.filename != "[Content_Types].xml")
    with zipfile.ZipFile(out, "w") as dst:
        for info in infos:
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _fix_core(blob)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, blob, compresslevel=9)
    return out.getvalue()
