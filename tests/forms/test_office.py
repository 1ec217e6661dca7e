"""A real client: LibreOffice converts every .docx and .xlsx, and the PDF shows every label."""

from __future__ import annotations

from forms.prose import prose
from checker.law.rows import all_rows
from tests.forms.conftest import squash
from tests.forms.test_coverage import application_strings


def test_every_office_file_converts(pdf_texts, built):
    office = {n for n in built if n.endswith((".docx", ".xlsx"))}
    assert set(pdf_texts) == office
    for name, text in pdf_texts.items():
        assert len(squash(text)) > 200, name


def test_application_pdf_shows_every_title_and_label(pdf_texts, catalogue):
    text = squash(pdf_texts["annex2-application-form.docx"])
    missing = [w for w in application_strings(catalogue) if squash(w) not in text]
    assert missing == []
    assert "☐" in text


def test_workbook_pdf_shows_every_sheet_label(pdf_texts, catalogue):
    text = squash(pdf_texts["application-template.xlsx"])
    missing = []
    for section, rows in all_rows(catalogue):
        want = [section.title] + [r.label for r in rows] + [r.unit for r in rows if r.unit]
        missing += [w for w in want if squash(w) not in text]
    for point in prose()["application"]["instructions"]:
        if squash(point) not in text:
            missing.append(point)
    assert missing == []


def test_summary_pdfs_show_every_column(pdf_texts, catalogue):
    s = catalogue.section("summary")
    for name in ("annex1-summary.docx", "annex1-summary.xlsx"):
        text = squash(pdf_texts[name])
        missing = [w for w in [s.title] + [f.label for f in s.fields] if squash(w) not in text]
        assert missing == [], name
