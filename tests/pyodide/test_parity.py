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


@pytest.fixture(scope="module")
def pyodide_reports(tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide outside a browser"
    runtime_dir = tmp_path_factory.mktemp("runtime")
    hook.stage_runtime(ROOT, runtime_dir, tmp_path_factory.mktemp("work"))
    result = subprocess.run(
        [node, str(HARNESS), str(runtime_dir), str(runtime_dir)],  # the shipped core files too
        input=json.dumps({"texts": INPUTS, "xlsx": {"filled example": base64.b64encode(filled_example_xlsx()).decode()}}), capture_output=True, text=True, timeout=540,
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


def test_reports_validate_against_the_typed_model_in_pyodide(pyodide_reports: dict) -> None:
    """pydantic's wasm build, loaded from our lock, accepts every report (checker.report)."""
    assert pyodide_reports["invalid"] == {}
    assert pyodide_reports["typed"] == len(pyodide_reports["reports"]) == len(INPUTS) + 1


def test_example_is_eligible_in_pyodide(pyodide_reports: dict) -> None:
    assert json.loads(pyodide_reports["reports"]["example"])["verdict"] == "eligible"
