"""Hostile input: nothing raises, hangs or takes more than a second of CPU; findings say why.

Times are CPU seconds of this process (``time.process_time``), so a busy machine running
other tests in parallel does not make them flaky.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from checker.parse import parse

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


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_megabyte_under_a_second(name):
    text = HOSTILE[name]
    assert len(text) >= MB * 0.99
    start = time.process_time()
    app = parse(text)
    spent = time.process_time() - start
    assert spent < 1.0, f"{name}: {spent:.2f} s"
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
    doc = {"innovation": {"standards": {"2021": {"national": {"lead": 1}}}}}
    assert parse(json.dumps(doc)).values == {"innovation.standards.2021.national.lead": Decimal(1)}


def test_findings_are_capped_with_a_summary():
    app = parse("\n".join(f"未知栏目{i}：{i}" for i in range(1000)))
    assert len(app.findings) <= 250
    assert app.findings[-1].id == "input.too_many_findings"


def test_not_a_string():
    assert parse(None).findings[0].id == "input.wrong_type"  # type: ignore[arg-type]
    assert parse(b"\x00\x01\x02" * 10).findings[0].id == "input.not_text"  # type: ignore[arg-type]
