"""A rule's words are filled from its data: the threshold is written once.

``title``, ``clause`` and ``reading`` in ``checker/data/rules`` are templates
(``checker.law.wording``); the site shows them filled with the rule's threshold and the
pack's years. ``rule_words_<the site's pack>.json`` is what the site showed before the rules
became templates: every rule must still read exactly so.
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import yaml

from checker.data.build import HERE, compile_pack
from checker.law.pack import load_pack
from checker.law.wording import fill_rules, round_context

BEFORE = Path(__file__).with_name(f"rule_words_{load_pack().id}.json")
NUMERIC = (">=", ">", "<=", "左右")


def _raw_files() -> list[dict]:
    return [{"file": p.name, **yaml.safe_load(p.read_text("utf-8"))}
            for p in sorted((HERE / "rules").glob("*.yaml"))]


def _context() -> dict:
    return round_context(yaml.safe_load((HERE / "packs" / load_pack().id / "pack.yaml").read_text("utf-8")))


def test_every_rule_reads_as_the_site_showed_before():
    before = json.loads(BEFORE.read_text("utf-8"))
    now = {r.id: {"title": r.title, "clause": r.clause, "reading": r.reading} for r in load_pack().rules}
    assert now == before


def test_a_numeric_title_takes_its_threshold_from_the_data():
    templated = 0
    for f in _raw_files():
        for r in f["rules"]:
            t = r.get("threshold")
            if r["comparison"] in NUMERIC and t is not None:
                templated += "{threshold" in r["title"]
                assert not re.search(rf"(?<![\d.]){re.escape(t)}(?![\d])", r["title"]), r["id"]
    assert templated == 17  # every title that names its figure


def test_the_band_edge_of_a_left_right_rule_is_computed_not_typed():
    for f in _raw_files():
        for r in f["rules"]:
            if r["comparison"] == "左右":
                edge = format(Decimal(r["threshold"]) * Decimal(r["params"]["band"]), ".2f")
                assert "{band_low}" in r["reading"] and edge not in r["reading"], r["id"]


def test_a_changed_threshold_changes_every_word_of_its_rule():
    files = copy.deepcopy(_raw_files())
    rule = next(r for f in files for r in f["rules"] if r["id"] == "targets.iip_rate")
    rule["threshold"] = "50"
    filled = next(r for f in fill_rules(files, _context()) for r in f["rules"] if r["id"] == "targets.iip_rate")
    assert filled["title"] == "e. 工业互联网普及率达到 50% 左右"
    assert "不小于 50.00% 为符合" in filled["reading"] and "（45.00%）" in filled["reading"]
    assert "45%" not in filled["reading"].replace("45.00%", "")


def test_another_rules_threshold_is_read_from_that_rule():
    files = copy.deepcopy(_raw_files())
    next(r for f in files for r in f["rules"] if r["id"] == "digital.iip_rate")["threshold"] = "20"
    filled = {r["id"]: r for f in fill_rules(files, _context()) for r in f["rules"]}
    assert "基准值须不低于 20%（同 digital.iip_rate 的门槛）" in filled["targets.base_meets_standard"]["reading"]


def test_an_unknown_template_field_fails_the_build(tmp_path):
    import shutil

    law = tmp_path / "law"
    shutil.copytree(HERE / "rules", law / "rules")
    shutil.copy(HERE / "fields.yaml", law / "fields.yaml")
    path = law / "rules" / "03_tiers.yaml"
    path.write_text(path.read_text("utf-8").replace("{threshold}", "{treshold}", 1), "utf-8")
    try:
        compile_pack(HERE / "packs" / load_pack().id, law)
    except ValueError as exc:
        assert "tiers.leaders" in str(exc) and "treshold" in str(exc)
    else:
        raise AssertionError("an unknown template field was filled")
