"""Fixtures of the template tests: the built files, their PDFs, the example application."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from checker.law.pack import load_catalogue  # noqa: E402
from forms.build import TEMPLATES, build_all  # noqa: E402

# The team's shared/ beside the repository (also in CI); else the package's copy.
EXAMPLE: Path | None = ROOT.parent / "shared/spec/example-application.json"
if not EXAMPLE.exists():
    EXAMPLE = None


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("downloads")
    return {t.filename: path for t, path in build_all(out)}


@pytest.fixture(scope="session")
def example() -> dict:
    if EXAMPLE is None:
        from checker import api  # the package ships the same example

        return json.loads(api.example_text(), parse_float=Decimal)
    return json.loads(EXAMPLE.read_text("utf-8"), parse_float=Decimal)


@pytest.fixture(scope="session")
def pdf_texts(built, office) -> dict[str, str]:
    """Every .docx/.xlsx converted by LibreOffice in one call -> pdftotext output."""
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext) is required: apt-get install poppler-utils")
    sources = {name: path.read_bytes() for name, path in built.items() if path.suffix in (".docx", ".xlsx")}
    texts = {}
    for name, folder in office.convert(sources, "pdf").items():
        pdf = folder / (Path(name).stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"no PDF for {name}"
        raw, layout = (subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True,
                                      text=True, check=True).stdout for mode in ([], ["-layout"]))
        texts[name] = raw + "\n" + column_streams(layout)
    return texts


def column_streams(layout: str, tolerance: int = 2) -> str:
    """Text of a ``pdftotext -layout`` page regrouped by column.

    A table cell that wraps puts its lines at one x position, interleaved with the
    lines of the cells beside it; following each start column down the page puts a
    wrapped label back together.
    """
    out = []
    for page in layout.split("\f"):
        streams: list[tuple[int, list[str]]] = []
        for line in page.splitlines():
            for m in re.finditer(r"\S+(?: \S+)*", line):
                for start, parts in streams:
                    if abs(start - m.start()) <= tolerance:
                        parts.append(m.group(0))
                        break
                else:
                    streams.append((m.start(), [m.group(0)]))
        out += ["".join(parts) for _, parts in streams]
    return "\n".join(out)


def squash(text: str) -> str:
    """Whitespace removed: table cells wrap anywhere in a PDF."""
    return "".join(text.split())


def template_names() -> list[str]:
    return [t.filename for t in TEMPLATES]
