"""The Pyodide corpus: every input the Pyodide tests feed the checker, in one place.

Two users, so they can never drift apart:
- the Pyodide tests (tests/pyodide/test_parity.py, tests/batch/test_batch_pyodide.py)
  send these requests to their Node harnesses and compare with CPython;
- the site's build (site_hooks/stdlib_trim.py) sends the same requests to the same
  harnesses with the whole standard library and keeps, for the pages, only the
  modules they imported (the trimmed stdlib); the tests then run on that trimmed
  stdlib, so a module the corpus needs and the trim left out fails the tests.

So a new input format, or a code path only some input takes, belongs here: add it
to a request (and its harness), and both the parity check and the trim cover it.

``harness_requests()`` -> ``{name: (harness .mjs, request dict)}``.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
for helpers in (ROOT, ROOT / "tests" / "checker", ROOT / "tests" / "templates", ROOT / "tests" / "batch"):
    if str(helpers) not in sys.path:
        sys.path.insert(0, str(helpers))

from appbuild import json_text, patched  # noqa: E402  (the case suite's own helper)

from checker import api  # noqa: E402

CHECKER_HARNESS = ROOT / "tests" / "pyodide" / "run_checker.mjs"
BATCH_HARNESS = ROOT / "tests" / "batch" / "run_batch.mjs"
AWKWARD = {
    "empty": "",
    "blank lines": "\n\n  \n",
    "not json": "{ this is not json",
    "html": '集群名称：<img src=x onerror="alert(1)">\n<script>alert(2)</script>',
    "full-width lines": "集群名称：某某集群\n占地面积（平方公里）：１２．５０\n",
    "binary-ish": "\x00\x01\x02\ufffd" * 50,
    "long": "集群名称：" + "很长" * 5000,
}
# Rows of the screened batch that go into the exported 推荐汇总表.
BATCH_PICK = [0, 3]


def case_inputs() -> dict[str, str]:
    """The example, every case of tests/cases/*.yaml (a patch over it), awkward texts."""
    inputs = {"example": api.example_text()}
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(data["cases"]):
            inputs[f"{path.stem}#{number}: {case['name']}"] = json_text(patched(case.get("patch") or {}))
    for name, text in AWKWARD.items():
        inputs[f"awkward: {name}"] = text
    return inputs


def filled_example_xlsx() -> bytes:
    """Our .xlsx template filled with the example (the templates helper's routine)."""
    from filling import fill  # noqa: PLC0415

    from checker.catalogue import load_catalogue  # noqa: PLC0415
    from forms.workbook import build_workbook  # noqa: PLC0415

    return fill(build_workbook(load_catalogue()), json.loads(api.example_text()))


def xlsx_inputs() -> dict[str, bytes]:
    return {"filled example": filled_example_xlsx()}


def checker_request() -> dict:
    return {"texts": case_inputs(),
            "xlsx": {name: base64.b64encode(data).decode() for name, data in xlsx_inputs().items()}}


def batch_items() -> list[tuple[str, bytes]]:
    import batch_apps  # noqa: PLC0415  (tests/batch)

    return batch_apps.five_items()


def batch_request() -> dict:
    return {"items": [[name, base64.b64encode(data).decode()] for name, data in batch_items()], "pick": BATCH_PICK}


def harness_requests() -> dict[str, tuple[Path, dict]]:
    return {"checker": (CHECKER_HARNESS, checker_request()), "batch": (BATCH_HARNESS, batch_request())}
