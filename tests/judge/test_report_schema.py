"""The report is exactly the contract's JSON and validates against its published schema."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.judge.appbuild import application_from, load_example, patched
from checker.law.application import Application
from checker.judge.report import evaluate
from checker.judge.report import SCHEMA_FILE, Report, json_schema
from checker.law.pack import ASPECTS, load_pack, load_rules, site_pack_id
from jsonschema import Draft202012Validator


TOP_KEYS = ["schema", "standard", "pack", "subject", "input_format", "verdict", "score", "checks", "findings",
            "evidence", "normalised"]
CHECK_KEYS = {"id", "aspect", "hard", "status", "value", "threshold", "comparison", "margin", "unit",
              "formula", "inputs", "clause", "message", "notes"}


def errors(instance: object, schema: dict) -> list[str]:
    validator = Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _reports() -> list[dict]:
    example = load_example()
    return [
        evaluate(application_from(example)).to_json(),
        evaluate(application_from(patched({"basic": {"misconduct": "是"},
                                           "industry": {"total_output": {load_pack().catalogue.years[0]: "39.5"}}}))).to_json(),
        evaluate(Application(input_format="lines")).to_json(),
    ]


def test_published_schema_is_fresh():
    assert SCHEMA_FILE.read_text("utf-8") == json_schema()


def test_reports_validate_against_the_published_schema():
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    for report in _reports():
        text = json.dumps(report, ensure_ascii=False)
        assert errors(json.loads(text), schema) == []
        Report.model_validate_json(text)  # and the models accept their own output


def test_schema_checker_rejects_a_broken_report():
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    report = _reports()[0]
    report["checks"][0]["status"] = "ok"
    report["score"]["passed"] = "27"
    del report["evidence"]
    report["extra"] = 1
    assert len(errors(report, schema)) == 4


def test_report_shape_is_the_contract():
    report = _reports()[0]
    assert list(report) == TOP_KEYS
    assert report["schema"] == "cluster-check-report/1"
    assert report["standard"] == load_pack().info.standard
    assert report["pack"] == {"id": site_pack_id(), "hash": load_pack().hash}
    assert set(report["subject"]) == {"name", "filed_on"}  # the printed report's header
    assert list(report["score"]["by_aspect"]) == list(ASPECTS)
    assert [c["id"] for c in report["checks"]] == [r.id for r in load_rules()]
    for c in report["checks"]:
        assert set(c) == CHECK_KEYS


def test_numbers_are_decimal_strings_never_floats():
    def walk(node: object) -> None:
        assert not isinstance(node, float)
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    for report in _reports():
        walk(report)
        for c in report["checks"]:
            for key in ("value", "threshold", "margin"):
                if c[key] is not None and c["comparison"] in (">=", ">", "<=", "左右"):
                    Decimal(c[key])


def test_every_check_appears_whatever_the_input():
    report = evaluate(Application(input_format="tsv")).to_json()
    assert [c["id"] for c in report["checks"]] == [r.id for r in load_rules()]
    assert report["verdict"] == "incomplete"


def test_score_counts_hard_checks_pass_or_warn():
    report = _reports()[1]
    hard = [c for c in report["checks"] if c["hard"]]
    assert report["score"]["total"] == len(hard)
    assert report["score"]["passed"] == sum(c["status"] in ("pass", "warn") for c in hard)
    assert report["verdict"] == "not_eligible"
    assert report["score"]["by_aspect"]["veto"]["status"] == "fail"
    assert report["score"]["by_aspect"]["core"]["status"] == "fail"


def test_evidence_lists_every_ticked_box_named_list_and_formula():
    report = _reports()[0]
    ev = report["evidence"]
    boxes = {(e["field"], e["box"]) for e in ev if e["box"]}
    assert ("industry.chain_actions", "chain_map") in boxes
    assert len(boxes) == 4 + 2 + 2 + 2 + 2 + 3 + 2 + 3 + 3  # every ticked box of the example
    fields = {e["field"] for e in ev}
    assert {"green.co2_formula", "green.energy_formula", "innovation.platforms.provincial",
            "open.overseas_branches", "governance.alliances", "innovation.standards",
            "innovation.invention_patents", "green.carbon_monitoring"} <= fields
    assert "innovation.platforms.national" not in fields  # count 0: nothing to prove
