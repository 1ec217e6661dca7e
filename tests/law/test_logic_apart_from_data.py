"""The law is data: every rule has a check, no check hides a threshold in Python."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from checker.judge.checks import GENERIC, REGISTRY, handler
from checker.law.pack import load_rules

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ROOT / "checker" / "judge" / "checks"
# Formula constants only: zero and one, square and cube roots (2021->2023, 2023->2026),
# percent, and 每万人 (per 10 000), which is the figure's own definition.
FORMULA_CONSTANTS = {0, 1, 2, 3, 100, 10000}


def test_every_rule_has_a_check_and_every_check_a_rule():
    ids = {r.id for r in load_rules()}
    assert set(REGISTRY) <= ids
    for r in load_rules():
        assert handler(r.id, r.comparison) in (REGISTRY.get(r.id), GENERIC.get(r.comparison))


def test_a_rule_judged_by_a_generic_comparison_names_one_figure():
    """``>=``, ``>``, ``<=``, ``左右`` without code of their own: one leaf, one number."""
    from checker.law.pack import load_catalogue

    leaves = load_catalogue().index()
    generic = [r for r in load_rules() if r.id not in REGISTRY and r.comparison in (">=", ">", "<=", "左右")]
    assert {r.id for r in generic} >= {"core.land_area", "innovation.patent_growth",
                                       "targets.output_growth", "targets.iip_rate"}
    for r in generic:
        assert r.params.get("figure", r.inputs[0]) in leaves, r.id
        r.threshold_decimal()


def test_no_threshold_is_written_in_the_checks():
    found = []
    paths = sorted(CHECKS.glob("*.py"))
    assert len(paths) > 5, CHECKS  # the checks are where this test looks
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                    and not isinstance(node.value, bool) and node.value not in FORMULA_CONSTANTS):
                found.append(f"{path.name}:{node.lineno}: {node.value}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Decimal" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append(f"{path.name}:{node.lineno}: Decimal({arg.value!r})")
    assert found == []


def test_no_binary_floats_in_the_package():
    root = ROOT / "checker"
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py") if "float(" in p.read_text("utf-8")]
    assert offenders == []


# --- the round's years are data (checker/data/packs), never code ----------------------

# Where code lives, and its files: the Python packages, the hooks' templates, the pages'
# scripts, and the tests and benchmarks (their inputs take the years from the pack too, so
# that they read as any round's; data files, yaml/json/cases and the seed copies in
# tests/spec, are not code).
CODE = (("checker", "*.py"), ("site_hooks", "*.py"), ("site_hooks", "*.html"), ("forms", "*.py"),
        ("overrides", "*.html"))
PAGE_SCRIPTS = (("docs", "*.js"),)
TESTS_AND_BENCHES = (("tests", "*.py"), ("bench", "*.py"))
# This file: the ban's own examples of what it sees.
BAN = Path(__file__).resolve().relative_to(ROOT).as_posix()
# A year in code: 2021, 2023年, 2023 年度, "2025", industry.total_output.2021; and in
# Chinese numerals, 二〇二三年, 二零二四 (2010-2029, with 〇, ○ or 零 for zero).
YEAR_IN_CODE = re.compile(r"(?<!\d)20[1-4]\d(?!\d)|二[〇○零][一二][〇○零一二三四五六七八九]")
# Four digits that are not a year of any round: addresses (XML namespaces, JSON Schema
# drafts), product versions (Word 97-2003 files, Word 2010 content controls, Pyodide's
# 2026_0 ABI) and code points written as escapes (\u2028, the line separator).
NOT_A_ROUND = re.compile(r"\S+://\S+|97-2003|Word 2010|JSON Schema 2020-12|pyemscripten_2026_0|abi 2026_0"
                         r"|\\u[0-9a-fA-F]{4}")


def _years_in_code(where: tuple[tuple[str, str], ...] = CODE) -> list[str]:
    found = []
    for top, pattern in where:
        paths = sorted((ROOT / top).rglob(pattern))
        assert paths, f"no {pattern} under {top}/"  # the ban looks where the code is
        for path in paths:
            rel = path.relative_to(ROOT).as_posix()
            for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if YEAR_IN_CODE.search(NOT_A_ROUND.sub("", line)):
                    found.append(f"{rel}:{n}: {line.strip()}")
    return found


def test_no_year_of_a_round_is_written_in_code():
    assert _years_in_code() == []


def test_no_year_of_a_round_is_written_in_the_pages_scripts():
    assert _years_in_code(PAGE_SCRIPTS) == []


def test_no_year_of_a_round_is_written_in_the_tests_and_benchmarks():
    assert [f for f in _years_in_code(TESTS_AND_BENCHES) if not f.startswith(BAN + ":")] == []


def test_the_year_ban_sees_years_in_every_form(tmp_path, monkeypatch):
    sample = tmp_path / "checker" / "sample.py"
    sample.parent.mkdir()
    lines = ['A = "2025"', "B = f\"{x} 2021年\"", "# 2023 年度", "C = 'industry.total_output.2021'",
             "D = (2024, 4, 9)", 'E = "http://schemas.microsoft.com/office/word/2010/wordml"',
             'F = re.compile("[\\u2028\\u2029]")', 'G = "二〇二三年"', "# 二零二四年度", 'H = "一〇〇"']
    sample.write_text("\n".join(lines) + "\n", "utf-8")
    script = tmp_path / "docs" / "page.js"
    script.parent.mkdir()
    script.write_text('const A = 1;\nconst NAME = "2024年度推荐汇总表";\n// 二〇二五年\n', "utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [f.split(":")[1] for f in _years_in_code((("checker", "*.py"),))] == ["1", "2", "3", "4", "5", "8", "9"]
    assert [f.split(":")[1] for f in _years_in_code(PAGE_SCRIPTS)] == ["2", "3"]
