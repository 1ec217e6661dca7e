"""Tick marks written before or after their labels, mixed layouts, and JSON keys written twice.

A mark belongs to the label it is written next to: ``☑是 ☐否`` (mark first) and ``是☑ 否☐``
(mark after) both mean 是. A cell whose marks cannot be tied to labels one way only is an
``input.unreadable`` finding with the value missing, never a guess."""

from __future__ import annotations

import json

import pytest

from checker.api import check_text, example_text
from checker.intake.parse import parse
from checker.law.pack import load_catalogue

MISCONDUCT = "是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为"
ENERGY = "属于高耗能行业的集群，能效水平是否达到行业基准值"
CHAIN = "集群已开展的产业链强链补链工作"
MAP = "绘制产业链图谱，开展产业链培育"
COORD = "建有产业链上下游产供销一体化协同协作机制"

YESNO = [
    ("是☑ 否☐", "是"), ("是 ☑ 否 ☐", "是"), ("是■ 否□", "是"), ("是☐ 否☑", "否"), ("是☑否☐", "是"),
    ("☑是 ☐否", "是"), ("☐是 ☑否", "否"), ("☑ 是 ☐ 否", "是"), ("■是□否", "是"),
]
YESNO_NA = [
    ("是☐ 否☑ 非高耗能行业，不适用☐", "否"), ("是☑ 否☐ 非高耗能行业，不适用☐", "是"),
    ("是☐ 否☐ 非高耗能行业，不适用☑", "不适用"), ("☐是 ☐否 ☑非高耗能行业，不适用", "不适用"),
    ("☐是 ☑否 ☐非高耗能行业，不适用", "否"),
]
MIXED = ["是√ 否", "是☑ 否", "☑是 否☐", "是☑☐", "是 ☑ 否 ☐ 不适用"]


def _one(text: str, path: str):
    app = parse(text)
    return app.values.get(path), [f for f in app.findings if f.field == path]


@pytest.mark.parametrize("cell,want", YESNO)
@pytest.mark.parametrize("shape", ["{label}\t{cell}\n", "{label}：{cell}\n"])
def test_yesno_marks_either_side(cell, want, shape):
    value, findings = _one(shape.format(label=MISCONDUCT, cell=cell), "basic.misconduct")
    assert value == want and findings == []


@pytest.mark.parametrize("cell,want", YESNO)
def test_yesno_marks_in_json_strings(cell, want):
    value, findings = _one(json.dumps({"basic": {"misconduct": cell}}, ensure_ascii=False), "basic.misconduct")
    assert value == want and findings == []


@pytest.mark.parametrize("cell,want", YESNO_NA)
def test_yesno_na_marks_with_the_form_label(cell, want):
    for text in (f"{ENERGY}\t{cell}\n",
                 json.dumps({"basic": {"energy_benchmark_met": cell}}, ensure_ascii=False)):
        value, findings = _one(text, "basic.energy_benchmark_met")
        assert value == want and findings == []


@pytest.mark.parametrize("cell", MIXED)
def test_mixed_marks_are_unreadable_not_guessed(cell):
    for text in (f"{MISCONDUCT}\t{cell}\n", json.dumps({"basic": {"misconduct": cell}}, ensure_ascii=False)):
        value, findings = _one(text, "basic.misconduct")
        assert value is None
        assert [f.id for f in findings] == ["input.unreadable"] and findings[0].raw == cell


@pytest.mark.parametrize("cell,want", [
    (f"{MAP}☑ {COORD}☐", ("chain_map",)),
    (f"{MAP}☐ {COORD}☑", ("supply_sales_coordination",)),
    (f"{MAP} ☑ {COORD} ☑", ("chain_map", "supply_sales_coordination")),
    (f"{MAP}■ {COORD}□", ("chain_map",)),
    (f"☑{MAP} ☐{COORD}", ("chain_map",)),
    (f"☐{MAP} ☑{COORD}", ("supply_sales_coordination",)),
])
def test_checks_marks_either_side(cell, want):
    for text in (f"{CHAIN}\t{cell}\n", json.dumps({"industry": {"chain_actions": cell}}, ensure_ascii=False)):
        value, findings = _one(text, "industry.chain_actions")
        assert value == want and findings == []


def test_checks_marks_after_labels_on_own_lines():
    value, _ = _one(f"{CHAIN}\n{MAP}☐\n{COORD}☑\n", "industry.chain_actions")
    assert value == ("supply_sales_coordination",)


def test_checks_mixed_marks_are_unreadable():
    cell = f"{MAP}☑ {COORD}"
    value, findings = _one(f"{CHAIN}\t{cell}\n", "industry.chain_actions")
    assert value is None and [f.id for f in findings] == ["input.unreadable"]


def _with(**basic: str) -> str:
    doc = json.loads(example_text())
    doc["basic"].update(basic)
    return json.dumps(doc, ensure_ascii=False)


def _veto(report: dict, rule: str) -> tuple[str, object]:
    c = next(c for c in report["checks"] if c["id"] == rule)
    return c["status"], c["value"]


def test_example_is_eligible_and_mark_after_yes_vetoes_it():
    assert check_text(example_text())["verdict"] == "eligible"
    r = check_text(_with(misconduct="是☑否☐"))
    assert r["verdict"] == "not_eligible" and _veto(r, "veto.misconduct") == ("fail", "是")
    r = check_text(_with(misconduct="是☐ 否☑"))
    assert r["verdict"] == "eligible" and _veto(r, "veto.misconduct") == ("pass", "否")


@pytest.mark.parametrize("key", ["prohibited_industry", "major_incident", "misconduct"])
@pytest.mark.parametrize("cell", ["是☑ 否☐", "是√ 否☐", "是 ☑ 否 ☐", "是■ 否□"])
def test_every_yesno_veto_with_mark_after_yes_is_not_eligible(key, cell):
    assert check_text(_with(**{key: cell}))["verdict"] == "not_eligible"


def test_mixed_veto_answer_is_never_eligible():
    r = check_text(_with(misconduct="是√ 否"))
    assert r["verdict"] != "eligible"
    assert _veto(r, "veto.misconduct")[1] is None
    assert any(f["id"] == "input.unreadable" and f["field"] == "basic.misconduct" for f in r["findings"])


def test_json_duplicate_key_is_reported_last_wins():
    app = parse('{"basic": {"misconduct": "是", "misconduct": "否"}, "basic": {"land_area_km2": 36.50}}')
    dup = {f.field: f for f in app.findings if f.id == "input.duplicate"}
    assert set(dup) == {"basic"}  # the second "basic" object replaced the first
    app = parse('{"basic": {"misconduct": "是", "misconduct": "否", "land_area_km2": 36.50}}')
    assert app.values["basic.misconduct"] == "否"
    assert str(app.values["basic.land_area_km2"]) == "36.50"  # literal decimals kept
    [f] = [f for f in app.findings if f.id == "input.duplicate"]
    assert f.field == "basic.misconduct" and f.raw == "否" and "以后一次为准" in f.message and "“是”" in f.message


def test_json_duplicate_keys_in_lists_and_years():
    year = load_catalogue().years[0]
    app = parse(f'{{"industry": {{"total_output": {{"{year}": 1, "{year}": 2}}}}, '
                '"plan": {"extra_targets": [{"direction": "a", "direction": "b"}]}}')
    fields = sorted(f.field for f in app.findings if f.id == "input.duplicate")
    assert fields == [f"industry.total_output.{year}", "plan.extra_targets.1.direction"]


def many_duplicate_keys() -> str:
    body = ",".join(f'"misconduct": "{"是" if i % 2 else "否"}"' for i in range(100_000))
    return '{"basic": {' + body + "}}"


@pytest.mark.timeout(120)  # a hang guard, not a budget: bench.checker_bench times it
def test_many_json_duplicate_keys_are_bounded():
    app = parse(many_duplicate_keys())
    assert 0 < sum(f.id == "input.duplicate" for f in app.findings) <= 50


@pytest.mark.parametrize("cell", ["集群已提供的中小企业公共服务: ☑信息服务 ☐创业辅导 ☑人员培训",
                                  "集群已提供的中小企业公共服务: 信息服务☑ 创业辅导☐ 人员培训☑"])
def test_checks_cell_with_its_own_label_before_a_colon(cell):
    value, findings = _one(f"集群提供中小企业公共服务情况\t{cell}\n", "governance.public_services")
    assert value == ("information", "training") and findings == []


@pytest.mark.parametrize("cell, quoted", [("☐ 是 ☐ 否   否", "否   否"), ("□ 是 R 否", "是 R 否")])
def test_words_typed_after_empty_boxes_are_quoted_not_dropped(cell, quoted):
    """No box ticked but a word typed after them (or a symbol whose font was lost): which box
    is meant would be a guess; the finding quotes it instead of treating the row as blank."""
    app = parse(f"{MISCONDUCT}\t{cell}\n")
    assert "basic.misconduct" not in app.values
    (found,) = app.findings
    assert found.id == "input.unreadable" and f"“{quoted}”" in found.message and "没有勾选" in found.message


@pytest.mark.parametrize("cell, message", [("☑ 是 ☑ 否", "只勾选一项"), ("☐ 是 ☑ 是否", "不是")])
def test_a_ticked_label_that_is_not_an_option_is_told_apart_from_two_ticks(cell, message):
    (found,) = parse(f"{MISCONDUCT}\t{cell}\n").findings
    assert message in found.message
