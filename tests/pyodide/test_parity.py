"""Parity: the checker case suite inside Pyodide (under Node) gives byte-identical
report JSON to CPython.

The runtime is staged exactly as the site ships it (site_hooks/pyodide_runtime.py:
our lock, the pinned wheels, the checker wheel built from the tree, the trimmed
standard library) and loaded by tests/pyodide/run_checker.mjs with the shipped core,
once for the whole suite. The inputs are the corpus (tests/pyodide/corpus.py): every
case of tests/cases/*.yaml (a patch over the example), the example itself, a few
awkward inputs (issue 15's attacks on the reader among them), a filled .xlsx, every
file format the pages read (the Word 申报表 in each layout, .csv, other encodings, the
refusals) and the clipboard's HTML, checked on both sides.
"""

from __future__ import annotations

import json

import pytest

from checker import api
from tests.pyodide import corpus  # the inputs, shared with the stdlib trim

INPUTS = corpus.case_inputs()
XLSX = corpus.xlsx_inputs()
FILES = corpus.file_inputs()
HTML = corpus.html_inputs()

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def pyodide_reports(pyodide_runs) -> dict:
    """The corpus's reports from Pyodide, on the runtime as the site ships it (its
    trimmed standard library included: a module it lacks fails here)."""
    return pyodide_runs.result("checker")


def test_pyodide_runs_python_3_14(pyodide_reports: dict) -> None:
    assert pyodide_reports["python"].startswith("3.14")


def test_suite_is_not_empty() -> None:
    assert len(INPUTS) > 1 + len(corpus.AWKWARD)


@pytest.mark.parametrize("name", list(INPUTS))
def test_report_is_byte_identical(pyodide_reports: dict, name: str) -> None:
    assert name not in pyodide_reports["errors"], pyodide_reports["errors"].get(name)
    expected = api.check_text_json(INPUTS[name])
    assert pyodide_reports["reports"][name] == expected


def test_filled_xlsx_is_byte_identical(pyodide_reports: dict) -> None:
    """openpyxl in the browser reads our template as openpyxl in CPython does."""
    assert "filled example" not in pyodide_reports["errors"], pyodide_reports["errors"].get("filled example")
    assert pyodide_reports["reports"]["filled example"] == api.check_xlsx(XLSX["filled example"])


@pytest.mark.parametrize("name", list(FILES))
def test_file_reading_is_byte_identical(pyodide_reports: dict, name: str) -> None:
    """A file read in the browser's Python gives CPython's envelope, byte for byte."""
    assert name not in pyodide_reports["errors"], pyodide_reports["errors"].get(name)
    assert pyodide_reports["reports"][name] == api.check_file_json(FILES[name], "")


@pytest.mark.parametrize("name", list(HTML))
def test_clipboard_html_is_byte_identical(pyodide_reports: dict, name: str) -> None:
    assert name not in pyodide_reports["errors"], pyodide_reports["errors"].get(name)
    assert pyodide_reports["reports"][name] == api.check_html_json(HTML[name])


def test_reports_validate_against_the_typed_model_in_pyodide(pyodide_reports: dict) -> None:
    """pydantic's wasm build, loaded from our lock, accepts every report (checker.judge.report)."""
    assert pyodide_reports["invalid"] == {}
    refused = sum(1 for name in FILES if name.startswith("refused:"))
    assert pyodide_reports["typed"] == len(pyodide_reports["reports"]) - refused
    assert len(pyodide_reports["reports"]) == len(INPUTS) + len(XLSX) + len(FILES) + len(HTML)


def test_example_is_eligible_in_pyodide(pyodide_reports: dict) -> None:
    assert json.loads(pyodide_reports["reports"]["example"])["verdict"] == "eligible"
