"""The browser builds the catalogue and the rules from compiled.json without
validating (checker.law.catalogue.construct): they must equal the validated ones."""

from __future__ import annotations

import pytest

from checker.law.catalogue import Catalogue, Option, validate_catalogue
from checker.law.model import construct, dump
from checker.law.pack import load_catalogue, load_pack, load_rules


def test_constructed_catalogue_equals_validated():
    fast, checked = load_catalogue(), load_catalogue(validate=True)
    assert fast == checked
    assert fast.leaves() == checked.leaves()
    assert [dump(leaf) for leaf in fast.leaves()] == [dump(leaf) for leaf in checked.leaves()]
    assert dump(fast) == dump(checked)


def test_constructed_rules_equal_validated():
    fast, checked = load_rules(), load_rules(validate=True)
    assert fast == checked
    assert [dump(r) for r in fast] == [dump(r) for r in checked]
    assert load_pack().aspects == load_pack(validate=True).aspects
    assert load_pack().info == load_pack(validate=True).info


def test_construct_refuses_unknown_keys():
    with pytest.raises(ValueError, match="unknown keys"):
        construct(Option, {"key": "a", "label": "甲", "colour": "red"})


def test_construct_makes_tuples_and_nested_models():
    cat = construct(Catalogue, {"years": ["Y1"], "basis_year": "Y1", "stage_years": [], "target_year": "Y2", "round_year": "Y1", "issued": "D", "sections": [
        {"key": "s", "title": "部分", "fields": [
            {"key": "f", "label": "栏目", "kind": "checks", "options": [{"key": "a", "label": "甲"}]}]}]})
    assert cat == validate_catalogue(dump(cat))
    assert isinstance(cat.sections[0].fields[0].options[0], Option)
    assert [leaf.path for leaf in cat.leaves()] == ["s.f"]
