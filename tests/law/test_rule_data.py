"""The rules as data: verbatim clauses, every check of checks.md in order, strict loading."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from checker.law.pack import ASPECTS, compiled, load_catalogue, load_rules, site_pack_id
from checker.law.rules import build_rules

SPEC = Path(__file__).parents[1] / "spec"  # the one copy of the seed and checks.md
SEED = SPEC / "000_727e631413e6a11a.txt"


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_clause_is_quoted_verbatim_from_the_seed():
    seed = _ws(SEED.read_text("utf-8"))
    bad = [r.id for r in load_rules() if _ws(r.clause) not in seed]
    assert bad == []


def test_standard_clauses_come_from_the_standard_and_form_clauses_from_annex_2():
    seed = SEED.read_text("utf-8")
    start = seed.index("# 中小企业特色产业集群认定标准")
    standard, annexes = _ws(seed[start:]), _ws(seed[:start])
    for r in load_rules():
        where = standard if r.source == "standard" else annexes
        assert _ws(r.clause) in where, r.id


def test_every_check_of_checks_md_is_present_in_order():
    ids = re.findall(r"^\| ([a-z]+\.[a-z_0-9]+) \|", (SPEC / "checks.md").read_text("utf-8"), re.M)
    assert len(ids) > 40
    assert [r.id for r in load_rules()] == ids


def test_aspects_in_order_with_chinese_titles():
    assert list(ASPECTS) == ["veto", "core", "tiers", "chain", "innovation", "digital", "green",
                             "open", "governance", "targets", "form"]
    assert ASPECTS["veto"] == "否决项" and ASPECTS["form"] == "填报规范"
    assert [r.aspect for r in load_rules()] == sorted(
        (r.aspect for r in load_rules()), key=list(ASPECTS).index)


def test_vetoes_are_hard():
    assert all(r.severity == "hard" for r in load_rules() if r.aspect == "veto")


def _files() -> list[dict]:
    return copy.deepcopy(compiled()["packs"][site_pack_id()]["rules"])


def test_load_fails_on_unknown_key():
    files = _files()
    files[1]["rules"][0]["treshold"] = "40"
    with pytest.raises(ValueError):
        build_rules(files, load_catalogue())


def test_load_fails_on_duplicate_id():
    files = _files()
    files[1]["rules"].append(copy.deepcopy(files[1]["rules"][0]))
    with pytest.raises(ValueError, match="duplicate"):
        build_rules(files, load_catalogue())


def test_load_fails_on_unknown_field():
    files = _files()
    files[1]["rules"][0]["inputs"] = ["industry.total_outptu"]
    with pytest.raises(ValueError, match="unknown field"):
        build_rules(files, load_catalogue())


def test_load_fails_on_rule_outside_its_aspect():
    files = _files()
    files[1]["rules"][0]["id"] = "tiers.output_each_year"
    with pytest.raises(ValueError, match="outside aspect"):
        build_rules(files, load_catalogue())


def test_rules_are_frozen():
    rule = load_rules()[0]
    with pytest.raises(Exception):
        rule.threshold = "1"  # type: ignore[misc]


def test_compiled_json_is_fresh():
    from checker.data.build import compile_data
    from importlib import resources
    text = resources.files("checker.data").joinpath("compiled.json").read_text("utf-8")
    assert text == compile_data()


def test_data_build_writes_and_checks_both_generated_files(tmp_path, monkeypatch, capsys):
    """One command: ``python -m checker.data.build`` rewrites compiled.json and
    report.schema.json, ``--check`` names whichever is stale."""
    import shutil

    from checker.data import build

    data = Path(build.__file__).parent
    shutil.copytree(data, tmp_path / "data")
    monkeypatch.setattr(build, "HERE", tmp_path / "data")
    assert build.main(["--check"]) == 0
    (tmp_path / "data" / "report.schema.json").write_text("{}\n", "utf-8")
    (tmp_path / "data" / "compiled.json").unlink()
    assert build.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "compiled.json" in err and "report.schema.json" in err
    assert build.main([]) == 0
    for name in ("compiled.json", "report.schema.json"):
        assert (tmp_path / "data" / name).read_bytes() == (data / name).read_bytes()


def test_data_build_refuses_a_rule_naming_an_unknown_field(tmp_path, monkeypatch):
    """The run-time loaders trust compiled.json, so the build step validates it."""
    import shutil

    from checker.data import build

    shutil.copytree(Path(build.__file__).parent, tmp_path / "data")
    monkeypatch.setattr(build, "HERE", tmp_path / "data")
    rules = tmp_path / "data" / "rules" / "03_tiers.yaml"
    rules.write_text(rules.read_text("utf-8").replace("inputs: [", "inputs: [industry.nope, ", 1), "utf-8")
    with pytest.raises(ValueError, match="industry.nope"):
        build.main([])
    assert (tmp_path / "data" / "compiled.json").read_bytes() == (Path(build.__file__).parent / "compiled.json").read_bytes()


def test_each_clause_occurs_once_in_its_part_so_anchors_have_one_place():
    seed = SEED.read_text("utf-8")
    start = seed.index("# 中小企业特色产业集群认定标准")
    for r in load_rules():
        where = seed[start:] if r.source == "standard" else seed[:start]
        assert where.count(r.clause) == 1, r.id
