"""The law is data: every rule has a check, no check hides a threshold in Python."""

from __future__ import annotations

import ast
from pathlib import Path

from checker.checks import GENERIC, REGISTRY, handler
from checker.rules import load_rules

CHECKS = Path(__file__).resolve().parents[2] / "checker" / "checks"
# Formula constants only: zero and one, square and cube roots (2021->2023, 2023->2026),
# percent, and 每万人 (per 10 000), which is the figure's own definition.
FORMULA_CONSTANTS = {0, 1, 2, 3, 100, 10000}


def test_every_rule_has_a_check_and_every_check_a_rule():
    ids = {r.id for r in load_rules()}
    assert set(REGISTRY) <= ids
    for r in load_rules():
        assert handler(r.id, r.comparison) in (REGISTRY.get(r.id), GENERIC.get(r.comparison))


def test_no_threshold_is_written_in_the_checks():
    found = []
    for path in sorted(CHECKS.glob("*.py")):
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
    root = CHECKS.parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py") if "float(" in p.read_text("utf-8")]
    assert offenders == []
