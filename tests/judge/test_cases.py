"""Cases as data: tests/cases/*.yaml, each file named after the legal fact it pins down.

A finding may be named as ``"form.ranges|input.wrong_type@field"`` when the parser may
already refuse what the evaluator would flag. A case is a patch over the example application (a JSON-shaped mapping; figures are
written as strings so that 40.00 keeps its decimals; a null deletes a key) and the
statuses, verdict, values, messages and findings it must produce. Every case runs on an
Application built directly from the document, and again through the public API
(``checker.api.check_text`` of the JSON text); a case that
pins how the JSON text is *read* (``via: api``) runs through the API only.
``findings_contain`` (``findings_omit``) maps ``"id@field"`` to text its message must (must not)
contain, ``message_omits`` a check id to text its message must not contain; ``!num 3.077e1``
writes a JSON number literal as it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.judge.appbuild import application_from, json_text, patched
from checker.api import check_text
from checker.judge.report import evaluate

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
KEYS = {"name", "patch", "expect", "verdict", "values", "message_contains", "notes_contain",
        "findings", "no_findings", "margins", "via", "findings_contain", "no_findings_on",
        "findings_omit", "message_omits"}


def _no_floats(node: object, where: str) -> None:
    assert not isinstance(node, float), f"{where}: write figures as strings (YAML floats lose 40.00)"
    if isinstance(node, dict):
        for k, v in node.items():
            _no_floats(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _no_floats(v, f"{where}[{i}]")


def _cases() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


CASES = _cases()


def _check(report: dict, case: dict) -> None:
    by_id = {c["id"]: c for c in report["checks"]}
    for rid, status in (case.get("expect") or {}).items():
        assert by_id[rid]["status"] == status, (rid, by_id[rid]["message"])
    if "verdict" in case:
        assert report["verdict"] == case["verdict"]
    for rid, value in (case.get("values") or {}).items():
        assert by_id[rid]["value"] == value, (rid, by_id[rid]["message"])
    for rid, value in (case.get("margins") or {}).items():
        assert by_id[rid]["margin"] == value, rid
    for rid, texts in (case.get("message_contains") or {}).items():
        for text in [texts] if isinstance(texts, str) else texts:
            assert text in by_id[rid]["message"], (rid, by_id[rid]["message"])
    for rid, texts in (case.get("notes_contain") or {}).items():
        for text in [texts] if isinstance(texts, str) else texts:
            assert any(text in n for n in by_id[rid]["notes"]), (rid, by_id[rid]["notes"])
    got = {(f["id"], f["field"]) for f in report["findings"]}
    for item in case.get("findings") or []:
        fids, _, field = item.partition("@")  # "a|b@field": either finding will do
        assert any((fid, field) in got for fid in fids.split("|")), (item, sorted(got))
    for fid in case.get("no_findings") or []:
        assert not any(f["id"] == fid for f in report["findings"]), fid
    for field in case.get("no_findings_on") or []:  # nothing at all reported on this field
        assert not [f for f in report["findings"] if f["field"] == field], (field, report["findings"])
    for rid, texts in (case.get("message_omits") or {}).items():
        for text in [texts] if isinstance(texts, str) else texts:
            assert text not in by_id[rid]["message"], (rid, text, by_id[rid]["message"])
    for item, texts in (case.get("findings_omit") or {}).items():
        fid, _, field = item.partition("@")
        for text in [texts] if isinstance(texts, str) else texts:
            bad = [f["message"] for f in report["findings"]
                   if f["id"] == fid and f["field"] == field and text in f["message"]]
            assert not bad, (item, text, bad)
    for item, texts in (case.get("findings_contain") or {}).items():
        fid, _, field = item.partition("@")
        messages = [f["message"] for f in report["findings"] if f["id"] == fid and f["field"] == field]
        assert messages, (item, sorted(got))
        for text in [texts] if isinstance(texts, str) else texts:
            assert any(text in m for m in messages), (item, text, messages)


def test_cases_are_well_formed():
    assert len(CASES) >= 60
    for p in CASES:
        case = p.values[0]
        assert set(case) <= KEYS, set(case) - KEYS
        assert any(case.get(k) for k in ("expect", "verdict", "findings", "no_findings_on", "findings_contain")), case["name"]
        assert case.get("via", "api") == "api", case["name"]
        _no_floats(case.get("patch") or {}, case["name"])


# A case that pins how the JSON text is read (via: api) has no meaning without the parser.
DIRECT = [p for p in CASES if p.values[0].get("via") != "api"]


@pytest.mark.parametrize("case", DIRECT)
def test_case(case: dict) -> None:
    doc = patched(case.get("patch") or {})
    _check(evaluate(application_from(doc)).to_json(), case)


@pytest.mark.parametrize("case", CASES)
def test_case_through_the_api(case: dict) -> None:
    doc = patched(case.get("patch") or {})
    _check(check_text(json_text(doc)), case)
