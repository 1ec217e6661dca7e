"""Parity: the checker case suite inside Pyodide (under Node) gives byte-identical
report JSON to CPython.

The runtime is staged exactly as the site ships it (site_hooks/pyodide_runtime.py:
our lock, the pinned wheels, the checker wheel built from the tree) and loaded by
tests/pyodide/run_checker.mjs with the npm package's core, once for the whole
suite. Every case of tests/cases/*.yaml (a patch over the example), the example
itself and a few awkward inputs are checked on both sides.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "site_hooks"))
sys.path.insert(0, str(ROOT / "tests" / "checker"))
import pyodide_runtime as hook  # noqa: E402
from appbuild import json_text, patched  # noqa: E402  (the case suite's own helper)

from checker import api  # noqa: E402

HARNESS = Path(__file__).with_name("run_checker.mjs")
AWKWARD = {
    "empty": "",
    "blank lines": "\n\n  \n",
    "not json": "{ this is not json",
    "html": '集群名称：<img src=x onerror="alert(1)">\n<script>alert(2)</script>',
    "full-width lines": "集群名称：某某集群\n占地面积（平方公里）：１２．５０\n",
    "binary-ish": "\x00\x01\x02\ufffd" * 50,
    "long": "集群名称：" + "很长" * 5000,
    # issue 15's attacks on the reader: the same report, as fast, in the browser
    "lone surrogate escape": '{"basic":{"land_area_km2":"\\ud800"},"cover":{"cluster_name\\udfff":"x"}}',
    "year pairs over a run of blanks": "集群总产值（亿元）：2021" + " " * 2000 + "，2022 年",
    "unterminated escaped quotes": '{"a": "' + '\\"' * 20_000,
    "named count over a run of blanks": '{"open": {"overseas_branches": "数量x' + " " * 32_000 + 'y"}}',
    "exponents": '{"digital": {"iip_rate": 3.077e1}, "basic": {"land_area_km2": 1e999999999}}',
}

pytestmark = pytest.mark.timeout(600)


def case_inputs() -> dict[str, str]:
    inputs = {"example": api.example_text()}
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(data["cases"]):
            inputs[f"{path.stem}#{number}: {case['name']}"] = json_text(patched(case.get("patch") or {}))
    for name, text in AWKWARD.items():
        inputs[f"awkward: {name}"] = text
    return inputs


INPUTS = case_inputs()


def file_inputs() -> tuple[dict[str, bytes], dict[str, str]]:
    """Every file format the pages read, and the clipboard's HTML: the Pyodide runs (and the
    trimmed standard library traced from them) cover the .docx, .xlsx, .csv, HTML, text
    decoding and refusal paths."""
    from decimal import Decimal

    from checker.catalogue import load_catalogue
    from forms.application_docx import build_application_docx
    from tests.docx.hostile import billion_laughs, encrypted_office, replace_part
    from tests.docx.official_layout import BOX_STYLES, build
    from tests.docx.template_filler import application_form, fill_template
    from tests.docx.word_html import word_clipboard_html

    form = application_form(json.loads(api.example_text(), parse_float=Decimal))
    template = fill_template(build_application_docx(load_catalogue()), form)
    files = {"docx: our template filled": template,
             **{f"docx: official layout, boxes {s}": build(form, s) for s in BOX_STYLES},
             "docx: blank template": build_application_docx(load_catalogue()),
             "xlsx: filled example": filled_example_xlsx(),
             "csv: blank template": _csv_blank(),
             "text: gbk json": api.example_text().encode("gb18030"),
             "text: utf-16 without bom": "集群总产值（亿元）\t68.20\t76.90\t86.40\r\n".encode("utf-16-le"),
             "refused: encrypted": encrypted_office(),
             "refused: dtd": replace_part(template, "word/document.xml", billion_laughs()),
             "refused: old word": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
             "refused: pdf": b"%PDF-1.4 x"}
    html = {f"html: word clipboard, boxes {s}": word_clipboard_html(build(form, s)) for s in ("sym", "ffdata")}
    return files, html


def _csv_blank() -> bytes:
    from checker.catalogue import load_catalogue
    from forms.blanks import build_csv

    return build_csv(load_catalogue())



@pytest.fixture(scope="module")
def pyodide_reports(tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide outside a browser"
    runtime_dir = tmp_path_factory.mktemp("runtime")
    hook.stage_runtime(ROOT, runtime_dir, tmp_path_factory.mktemp("work"))
    result = subprocess.run(
        [node, str(HARNESS), str(runtime_dir), str(runtime_dir)],  # the shipped core files too
        input=json.dumps({"texts": INPUTS, "xlsx": {"filled example": base64.b64encode(filled_example_xlsx()).decode()},
                          "files": {k: base64.b64encode(v).decode() for k, v in FILES.items()}, "html": HTML}),
        capture_output=True, text=True, timeout=540,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout)


def test_pyodide_runs_python_3_14(pyodide_reports: dict) -> None:
    assert pyodide_reports["python"].startswith("3.14")


def test_suite_is_not_empty() -> None:
    assert len(INPUTS) > 1 + len(AWKWARD)


@pytest.mark.parametrize("name", list(INPUTS))
def test_report_is_byte_identical(pyodide_reports: dict, name: str) -> None:
    assert name not in pyodide_reports["errors"], pyodide_reports["errors"].get(name)
    expected = api.check_text_json(INPUTS[name])
    assert pyodide_reports["reports"][name] == expected


def filled_example_xlsx() -> bytes:
    """Our .xlsx template filled with the example (the templates helper's routine)."""
    sys.path.insert(0, str(ROOT / "tests" / "templates"))
    from filling import fill  # noqa: PLC0415

    from checker.catalogue import load_catalogue
    from forms.workbook import build_workbook

    return fill(build_workbook(load_catalogue()), json.loads(api.example_text()))


def test_filled_xlsx_is_byte_identical(pyodide_reports: dict) -> None:
    """openpyxl in the browser reads our template as openpyxl in CPython does."""
    assert "filled example" not in pyodide_reports["errors"], pyodide_reports["errors"].get("filled example")
    assert pyodide_reports["reports"]["filled example"] == api.check_xlsx(filled_example_xlsx())


FILES, HTML = file_inputs()


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
    """pydantic's wasm build, loaded from our lock, accepts every report (checker.report)."""
    assert pyodide_reports["invalid"] == {}
    refused = sum(1 for name in FILES if name.startswith("refused:"))
    assert pyodide_reports["typed"] == len(pyodide_reports["reports"]) - refused
    assert len(pyodide_reports["reports"]) == len(INPUTS) + 1 + len(FILES) + len(HTML)


def test_example_is_eligible_in_pyodide(pyodide_reports: dict) -> None:
    assert json.loads(pyodide_reports["reports"]["example"])["verdict"] == "eligible"
