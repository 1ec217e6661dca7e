"""批量初审 inside Pyodide (under Node, loaded as the page's worker loads it) equals CPython.

The runtime is staged as the site ships it (site_hooks/pyodide_runtime.py, its
trimmed standard library included); the inputs are the corpus's (tests/pyodide/corpus.py). The
screening JSON, the .docx and the CSV are byte-identical to CPython's; the .xlsx
holds the same cells (openpyxl serialises with lxml in CPython and with
ElementTree in Pyodide, so its bytes differ between the two, not between runs).
"""

from __future__ import annotations

import base64
import io
import json

import openpyxl
import pytest

from checker.batch.screen import screen_json
from checker.batch.export import comparison_csv, export_summary
from tests.pyodide import corpus  # the inputs, shared with the stdlib trim

PICK = corpus.BATCH_PICK

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def items():
    return corpus.batch_items()


@pytest.fixture(scope="module")
def in_pyodide(pyodide_runs) -> dict:
    return pyodide_runs.result("batch")


def test_runs_in_python_3_14(in_pyodide):
    assert in_pyodide["python"].startswith("3.14")


def test_screening_is_byte_identical(in_pyodide, items):
    assert in_pyodide["screen"] == screen_json(items)


def test_exports_match(in_pyodide, items):
    result = json.loads(screen_json(items))
    mine = export_summary([result["rows"][i] for i in PICK], bureau="局", bureau_contact="人")
    assert base64.b64decode(in_pyodide["summary_docx"]) == mine.docx
    assert base64.b64decode(in_pyodide["comparison_csv"]) == comparison_csv(result)

    def cells(data: bytes) -> list:
        return [list(r) for r in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]

    assert cells(base64.b64decode(in_pyodide["summary_xlsx"])) == cells(mine.xlsx)
