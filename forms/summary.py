"""附件1 推荐汇总表, blank, as .docx and .xlsx: the layout of ``checker.office.summary_layout``
(the one the 批量初审's filled export uses) with numbered empty rows."""

from __future__ import annotations

from checker.law.catalogue import Catalogue
from checker.office.summary_layout import blank_rows, summary_document, summary_workbook
from checker.office.zips import stamp, workbook_bytes, zip_bytes
from forms.prose import prose


def _rows(cat: Catalogue) -> list[list[object]]:
    return blank_rows(cat, prose(cat)["summary"]["blank_rows"])


def build_summary_docx(cat: Catalogue) -> bytes:
    return zip_bytes(summary_document(cat, _rows(cat), {}), stamp(cat.issued))


def build_summary_xlsx(cat: Catalogue) -> bytes:
    return workbook_bytes(summary_workbook(cat, _rows(cat), {}), cat.issued, title=cat.section("summary").title)
