"""附件1 推荐汇总表, blank, as .docx and .xlsx: the layout of ``checker.summary_layout``
(the one the 批量初审's filled export uses) with numbered empty rows."""

from __future__ import annotations

import io
import zipfile

from checker.catalogue import Catalogue
from checker.summary_layout import blank_rows, summary_document, summary_workbook
from forms.prose import prose
from forms.reproducible import normalise_package
from forms.xlsxsetup import workbook_bytes


def _rows(cat: Catalogue) -> list[list[object]]:
    return blank_rows(cat, prose(cat)["summary"]["blank_rows"])


def build_summary_docx(cat: Catalogue) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in summary_document(cat, _rows(cat), {}):
            zf.writestr(name, data)
    return normalise_package(buf.getvalue(), cat.issued)


def build_summary_xlsx(cat: Catalogue) -> bytes:
    return workbook_bytes(summary_workbook(cat, _rows(cat), {}), cat.section("summary").title, cat.issued)
