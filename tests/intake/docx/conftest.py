"""Fixtures of the .docx tests: the example as a 申报表 holds it, our template blank and
filled, the official layout in every box style, and all of them re-saved by LibreOffice."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from checker import api
from tests.intake.docx.official_layout import BOX_STYLES, build
from tests.intake.docx.template_filler import application_form, fill_template


@pytest.fixture(scope="session")
def form_doc() -> dict:
    """The example application as far as a 申报表 holds it."""
    return application_form(json.loads(api.example_text(), parse_float=Decimal))


@pytest.fixture(scope="session")
def oracle(form_doc) -> dict:
    """The report of the same data given as JSON."""
    return api.check_text(json.dumps(form_doc, ensure_ascii=False, default=str))


@pytest.fixture(scope="session")
def blank_docx() -> bytes:
    from checker.law.pack import load_catalogue
    from forms.application_docx import build_application_docx

    return build_application_docx(load_catalogue())


@pytest.fixture(scope="session")
def filled_docx(blank_docx, form_doc) -> bytes:
    return fill_template(blank_docx, form_doc)


@pytest.fixture(scope="session")
def official(form_doc) -> dict[str, bytes]:
    return {style: build(form_doc, style) for style in BOX_STYLES}


@pytest.fixture(scope="session")
def resaved(filled_docx, official, office) -> dict[str, bytes]:
    """Each document opened and saved again by LibreOffice (a real client), in one call."""
    sources = {"template": filled_docx, **{f"official-{k}": v for k, v in official.items()}}
    done = office.convert({f"{name}.docx": data for name, data in sources.items()}, "docx")
    return {name: (done[f"{name}.docx"] / f"{name}.docx").read_bytes() for name in sources}
