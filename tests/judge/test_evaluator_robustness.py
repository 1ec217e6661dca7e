"""Bad values reach the evaluator: it never raises, never hangs, and says what it could not read."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from tests.judge.appbuild import application_from, load_example
from checker.law.application import Application, NamedCount
from checker.law.catalogue import NUMERIC_KINDS
from checker.law.pack import load_catalogue, load_rules
from checker.judge.report import evaluate

IDS = [r.id for r in load_rules()]


def _all_numbers(value: Decimal) -> Application:
    app = application_from(load_example())
    values = dict(app.values)
    for leaf in load_catalogue().leaves():
        if leaf.kind in NUMERIC_KINDS or leaf.slot in ("base", "2024", "2025", "target"):
            values[leaf.path] = value
        elif leaf.kind == "named_count":
            values[leaf.path] = NamedCount(count=value, names=("甲",))
    return Application(input_format="json", values=values, raw={})


@pytest.mark.parametrize("value", [
    Decimal("9" * 100_000),              # 100 000 digits: beyond int()'s string limit
    Decimal("1" + "0" * 100_000 + ".5"),
    Decimal("-" + "9" * 100_000),
    Decimal("0." + "0" * 99_999 + "1"),
    Decimal("1E+999999"), Decimal("-1E+999999"), Decimal("1E-999999"),
    Decimal(0), Decimal("-0.00"), Decimal("1E+999999999"),
], ids=["100k-digits", "100k-digits-half", "minus-100k", "tiny", "1e999999", "-1e999999",
        "1e-999999", "zero", "minus-zero", "emax"])
def test_absurd_figures_give_a_report_in_time(value: Decimal) -> None:
    app = _all_numbers(value)
    start = time.process_time()  # CPU time: a busy shared machine must not fail it
    report = evaluate(app).to_json()
    assert time.process_time() - start < 1.0
    assert [c["id"] for c in report["checks"]] == IDS
    assert report["verdict"] in ("eligible", "not_eligible", "incomplete")
    for c in report["checks"]:
        for key in ("value", "margin", "formula", "message"):
            assert c[key] is None or len(c[key]) < 5_000, (c["id"], key)


def test_zero_everywhere_fails_growth_with_the_base_message() -> None:
    by_id = {c["id"]: c for c in evaluate(_all_numbers(Decimal(0))).to_json()["checks"]}
    assert by_id["core.output_growth"]["status"] == "fail"
    assert "基期为0或负，无法计算年均增速" in by_id["core.output_growth"]["message"]
    assert by_id["targets.rd_growth"]["status"] == "fail"


@pytest.mark.parametrize("bad", ["abc", ("chain_map",), NamedCount(count=Decimal(1)), Decimal("NaN"),
                                 Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN"), "", "是"])
def test_wrong_types_read_as_absent_with_a_finding(bad: object) -> None:
    app = application_from(load_example())
    values = dict(app.values)
    for path in list(values):
        values[path] = bad
    # Built directly: the evaluator must not trust that values have the parser's types.
    report = evaluate(Application(input_format="json", values=values, raw={},
                                                  findings=(), normalised=())).to_json()
    assert [c["id"] for c in report["checks"]] == IDS
    assert report["verdict"] in ("not_eligible", "incomplete")
    if bad not in ("", "是"):
        assert any(f["id"] == "input.wrong_type" for f in report["findings"])


def test_unknown_paths_and_raw_garbage_are_ignored() -> None:
    app = application_from(load_example())
    values = {**app.values, "nope.nothing": Decimal(1), "industry.total_output.2020": "x"}
    raw = {**app.raw, "industry.total_output.2021": "６８．２０亿元", "basic.land_area_km2": "<script>1.234</script>"}
    report = evaluate(Application(input_format="json", values=values, raw=raw)).to_json()
    assert report["verdict"] == "eligible"
    assert [f["field"] for f in report["findings"] if f["id"] == "form.decimals"] == ["basic.land_area_km2"]


def test_huge_text_is_counted_quickly() -> None:
    app = application_from(load_example())
    values = {**app.values, "plan.plan_text": "字 " * 500_000, "industry.chain_text": "<script>alert(1)</script>" * 1000}
    start = time.process_time()  # CPU time: a busy shared machine must not fail it
    report = evaluate(Application(input_format="json", values=values, raw=app.raw)).to_json()
    assert time.process_time() - start < 1.0
    msgs = [f["message"] for f in report["findings"] if f["id"] == "form.text_length"]
    assert any("共 500000 字" in m for m in msgs)


def test_long_inputs_are_quoted_by_their_start_only() -> None:
    app = application_from(load_example())
    names = tuple(f"公司{i}" for i in range(100_000))
    values = {**app.values, "plan.plan_text": "字" * 1_000_000,
              "open.overseas_branches": NamedCount(count=Decimal(100_000), names=names)}
    report = evaluate(Application(input_format="json", values=values, raw=app.raw)).to_json()
    assert len(str(report)) < 200_000
    by_id = {c["id"]: c for c in report["checks"]}
    assert by_id["governance.plan"]["inputs"]["plan.plan_text"].endswith("（共 1000000 字符）")
    assert by_id["open.overseas"]["status"] == "pass"


@pytest.mark.parametrize("staff", ["1E+60", "9" * 55, "1E+999999"])
def test_patent_advice_for_absurd_staff_counts_ends(staff: str) -> None:
    # The whole-patent advice steps around the rounding line; beyond 50 digits need + 1 == need.
    app = application_from(load_example())
    values = {**app.values, "innovation.employees.2023": Decimal(staff), "innovation.invention_patents": Decimal(1)}
    start = time.process_time()
    report = evaluate(Application(input_format="json", values=values, raw=app.raw)).to_json()
    assert time.process_time() - start < 1.0
    check = next(c for c in report["checks"] if c["id"] == "innovation.patents_per_10k")
    assert check["status"] == "fail"
    assert "须至少" in check["message"]
