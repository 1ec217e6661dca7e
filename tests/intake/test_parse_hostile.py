"""Hostile input: nothing raises or hangs; findings say why.

Each megabyte has a hang guard (pytest-timeout, far above the tenths of a second of CPU
they take); how long each takes is ``python -m bench.checker_bench``'s.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from checker.intake.parse import parse
from checker.law.pack import load_catalogue
from tests.support.properties import examples

MB = 1_000_000
EXAMPLE = (Path(__file__).resolve().parents[2] / "checker" / "data" / "example-application.json").read_text("utf-8")


def _fill(unit: str) -> str:
    return (unit * (MB // len(unit) + 1))[:MB]


HOSTILE = {
    "html_script": _fill("<html><body><script>alert('x')</script><p>集群总产值（亿元）：<b>68</b></p></body></html>\n"),
    "deep_json_lists": "[" * (MB // 2) + "]" * (MB // 2),
    "deep_json_objects": '{"a":' * (MB // 6) + "1" + "}" * (MB // 6),
    "huge_number_json": '{"basic": {"land_area_km2": ' + "9" * (MB - 40) + "}}",
    "huge_number_line": "集群占地面积(平方公里)：" + "9" * (MB - 20),
    "nul_and_controls": _fill("集群名称\x00：样例\x07\x1b[31m\t\x00\x01\n"),
    "unbalanced_quotes": _fill('"集群总产值（亿元）\t68.20\t"\t"\n'),
    "colons": _fill("a：b:" * 50 + "\n"),
    "known_labels_bad_values": _fill("集群总产值（亿元）\t１，２３４．５０万元\t—\tabc\n"),
    "yearly_lines": _fill("集群总产值（亿元）：１，２３４．５０/—/abc/1e999\n"),
    "box_marks": _fill("☑" * 60 + "☐\n"),
    "long_labels": _fill("集" * 700 + "：1\n"),
    "blank_lines": "\n" * MB,
    "tabs": "\t" * MB,
    "one_long_line": "x" * MB,
    "row_contract_keys": _fill("industry.total_output\t\t\t\t1\t2\t3\n"),
    "json_long_list": '{"industry": {"chain_actions": [' + ",".join(['"chain_map"'] * (MB // 12)) + "]}}",
    "json_long_text": '{"plan": {"plan_text": "' + "字" * (MB - 40) + '"}}',
}


@pytest.mark.timeout(120)  # a hang guard, not a budget
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_megabyte_is_read(name):
    text = HOSTILE[name]
    assert len(text) >= MB * 0.99
    app = parse(text)
    assert len(app.findings) <= 250
    assert "input.internal_error" not in {f.id for f in app.findings}
    for value in app.values.values():
        assert not isinstance(value, float)


@pytest.mark.parametrize("name", ["html_script", "deep_json_lists", "deep_json_objects", "huge_number_json",
                                  "huge_number_line", "nul_and_controls", "known_labels_bad_values"])
def test_hostile_input_gets_findings(name):
    assert parse(HOSTILE[name]).findings


def test_wrong_json_types_in_every_field():
    """Every field of the example given a value of every wrong type: findings, no crash."""
    doc = json.loads(EXAMPLE)
    for bad in (True, [], {}, [1, [2]], {"x": None}, "☑", -1, 1e308):
        broken = {s: {k: bad for k in fields} for s, fields in doc.items()}
        app = parse(json.dumps(broken))
        assert app.findings
        for value in app.values.values():
            assert not isinstance(value, float)


def test_nested_json_within_limit_is_read():
    year = load_catalogue().years[0]
    doc = {"innovation": {"standards": {year: {"national": {"lead": 1}}}}}
    assert parse(json.dumps(doc)).values == {f"innovation.standards.{year}.national.lead": Decimal(1)}


def test_findings_are_capped_with_a_summary():
    app = parse("\n".join(f"未知栏目{i}：{i}" for i in range(1000)))
    assert len(app.findings) <= 250
    assert app.findings[-1].id == "input.too_many_findings"


def test_not_a_string():
    assert parse(None).findings[0].id == "input.wrong_type"  # type: ignore[arg-type]
    assert parse(b"\x00\x01\x02" * 10).findings[0].id == "input.not_text"  # type: ignore[arg-type]


# --- lone surrogates and other code points that are not text -----------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

from checker.api import check_text  # noqa: E402

SURROGATE_JSON = '{"basic":{"land_area_km2":"\\ud800"}}'  # the escape, as a file holds it


def _encodable(report: dict) -> bool:
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    return True


@pytest.mark.parametrize("text", [
    SURROGATE_JSON,
    '{"basic": {"cluster_name": "样例\\udc00集群", "operator\\ud83d": "x"}}',  # in a value and in a key
    '{"industry": {"chain_actions": ["chain_map", "\\udfff"]}}',
    "集群名称：样例\ud800集群\n集群占地面积(平方公里)：36.50\n",  # already decoded: a pasted text
    "集群名称\t样例\udbff\n",
    '{"basic": {"cluster_name": "样例\\uffff集群"}}',  # a noncharacter
])
def test_odd_unicode_is_replaced_and_reported(text):
    app = parse(text)
    odd = [f for f in app.findings if f.id == "input.invalid_unicode"]
    assert odd and "已替换" in odd[0].message
    report = check_text(text)
    assert _encodable(report)
    assert not any("\ud800" <= ch <= "\udfff" for ch in json.dumps(report, ensure_ascii=False))


def test_a_surrogate_pair_written_as_two_escapes_is_one_character():
    app = parse('{"basic": {"cluster_name": "样例\\ud83d\\ude00集群"}}')
    assert app.values["basic.cluster_name"] == "样例😀集群"
    assert not [f for f in app.findings if f.id == "input.invalid_unicode"]


def test_the_surrogate_value_itself_is_reported_unreadable_not_as_a_crash():
    report = check_text(SURROGATE_JSON)
    land = next(c for c in report["checks"] if c["id"] == "core.land_area")
    assert land["status"] == "missing"
    assert {"input.invalid_unicode", "input.unreadable"} <= {f["id"] for f in report["findings"]}


@pytest.mark.parametrize("args", [["--json", "-"], ["-"]])
def test_the_command_line_reports_a_lone_surrogate(args):
    done = subprocess.run([sys.executable, "-m", "checker", *args], input=SURROGATE_JSON.encode(),
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    out = done.stdout.decode("utf-8")  # strict: every byte is UTF-8
    assert "U+D800" in out and "Traceback" not in done.stderr.decode("utf-8", "replace")


def test_bidirectional_overrides_are_removed_and_reported():
    app = parse("集群名称：样例\u202e团集\u202c集群\n")
    assert app.values["cover.cluster_name"] == "样例团集集群"
    assert [f.id for f in app.findings] == ["input.control_characters"]


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=examples(400), deadline=None)
@given(st.text(st.characters(codec=None, categories=("Cs", "Co", "Cn", "Cf", "Lo", "Nd", "Po", "Zs")), max_size=60),
       st.sampled_from(["{text}", '{{"basic": {{"cluster_name": {json}, {json}: 1}}}}', "集群名称：{text}"]))
def test_any_code_points_give_a_report_that_can_be_written(text, shape):
    report = check_text(shape.format(text=text, json=json.dumps(text)))
    assert _encodable(report)
