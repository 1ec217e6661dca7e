"""Fixtures of the .docx tests: the example as a 申报表 holds it, our template blank and
filled, the official layout in every box style, and all of them re-saved by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

from checker import api  # noqa: E402
from tests.intake.docx.official_layout import BOX_STYLES, build  # noqa: E402
from tests.intake.docx.template_filler import application_form, fill_template  # noqa: E402


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
def resaved(filled_docx, official, tmp_path_factory) -> dict[str, bytes]:
    """Each document opened and saved again by LibreOffice (a real client), in one call."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui")
    work = tmp_path_factory.mktemp("resave")
    sources = {"template": filled_docx, **{f"official-{k}": v for k, v in official.items()}}
    for name, data in sources.items():
        (work / f"{name}.docx").write_bytes(data)
    out = work / "out"
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                           "--convert-to", "docx", "--outdir", str(out),
                           *(str(work / f"{n}.docx") for n in sources)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {name: (out / f"{name}.docx").read_bytes() for name in sources}
