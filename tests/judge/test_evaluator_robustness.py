"""Bad values reach the evaluator: it never raises, never hangs, and says what it could not read.

Never hangs: each test that feeds absurd sizes has a hang guard (pytest-timeout, far
above what they take); how long they take is ``python -m bench.checker_bench``'s.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.judge.appbuild import application_from, load_example
from checker.law.application import Application, NamedCount
from checker.law.catalogue import NUMERIC_KINDS
from checker.law.pack import load_catalogue, load_rules
from checker.judge.report import evaluate

IDS = [r.id for r in load_rules()]
CAT = load_catalogue()
BASIS = CAT.basis_year
# A hang guard, not a budget: each of these takes well under a second of CPU.
HANG_GUARD = pytest.mark.timeout(120)
# Figures no application has: 100 000 digits (beyond int()'s string limit), exponents
# at Decimal's limits; bench.checker_bench times each.
ABSURD = {
    "100k-digits": Decimal("9" * 100_000),
    "100k-digits-half": Decimal("1" + "0" * 100_000 + ".5"),
    "minus-100k": Decimal("-" + "9" * 100_000),
    "tiny": Decimal("0." + "0" * 99_999 + "1"),
    "1e999999": Decimal("1E+999999"), "-1e999999": Decimal("-1E+999999"), "1e-999999": Decimal("1E-999999"),
    "zero": Decimal(0), "minus-zero": Decimal("-0.00"), "emax": Decimal("1E+999999999"),
}


def _all_numbers(value: Decimal) -> Application:
    app = application_from(load_example())
    values = dict(app.values)
    for leaf in CAT.leaves():
        if leaf.kind in NUMERIC_KINDS or leaf.slot in CAT.target_slots:
            values[leaf.path] = value
        elif leaf.kind == "named_count":
            values[leaf.path] = NamedCount(count=value, names=("甲",))
    return Application(input_format="json", values=values, raw={})


@HANG_GUARD
@pytest.mark.parametrize("value", list(ABSURD.values()), ids=list(ABSURD))
def test_absurd_figures_give_a_report(value: Decimal) -> None:
    report = evaluate(_all_numbers(value)).to_json()
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
    before = str(int(CAT.years[0]) - 1)  # a year the form does not ask for
    values = {**app.values, "nope.nothing": Decimal(1), f"industry.total_output.{before}": "x"}
    raw = {**app.raw, f"industry.total_output.{CAT.years[0]}": "６８．２０亿元", "basic.land_area_km2": "<script>1.234</script>"}
    report = evaluate(Application(input_format="json", values=values, raw=raw)).to_json()
    assert report["verdict"] == "eligible"
    assert [f["field"] for f in report["findings"] if f["id"] == "form.decimals"] == ["basic.land_area_km2"]


def huge_text_application() -> Application:
    app = application_from(load_example())
    values = {**app.values, "plan.plan_text": "字 " * 500_000, "industry.chain_text": "<script>alert(1)</script>" * 1000}
    return Application(input_format="json", values=values, raw=app.raw)


@HANG_GUARD
def test_huge_text_is_counted() -> None:
    report = evaluate(huge_text_application()).to_json()
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


@HANG_GUARD
@pytest.mark.parametrize("staff", ["1E+60", "9" * 55, "1E+999999"])
def test_patent_advice_for_absurd_staff_counts_ends(staff: str) -> None:
    # The whole-patent advice steps around the rounding line; beyond 50 digits need + 1 == need.
    app = application_from(load_example())
    values = {**app.values, f"innovation.employees.{BASIS}": Decimal(staff), "innovation.invention_patents": Decimal(1)}
    report = evaluate(Application(input_format="json", values=values, raw=app.raw)).to_json()
    check = next(c for c in report["checks"] if c["id"] == "innovation.patents_per_10k")
    assert check["status"] == "fail"
    assert "须至少" in check["message"]
