"""Run every check of the rule data over an Application and assemble the report.

Order, statuses, score and verdict follow shared/spec/checks.md. The rules, the
catalogue and the check table are those of a rule pack (``checker.law.pack``; the site's by
default), built once per pack; per call only the application is read.
"""

from __future__ import annotations

from functools import cache
from typing import Callable

from checker.law.application import Application, Finding
from checker.judge.arith import arithmetic, quantum
from checker.law.catalogue import Catalogue
from checker.judge.checks import Ctx, Outcome, handler
from checker.judge.evidence import evidence
from checker.judge.facts import Facts, Reader
from checker.law.pack import Pack, load_pack
from checker.law.rules import Rule

WORST = ("fail", "missing", "warn", "pass")
# The report's format (checker.judge.report's model pins the same word as a Literal).
SCHEMA_ID = "cluster-check-report/1"
# Where the report's subject (the printed report's header) is read, first filled wins.
SUBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("summary.name", "cover.cluster_name", "basic.cluster_name"),
    "filed_on": ("cover.filed_on",),
}


@cache
def _table(pack: Pack) -> tuple[tuple[tuple[Rule, Callable[[Ctx], Outcome]], ...], Catalogue, object]:
    table = tuple((r, handler(r.id, r.comparison)) for r in pack.rules)
    places = int(pack.by_id["form.decimals"].threshold_decimal())
    return table, pack.catalogue, quantum(places)


def run_checks(app: Application, only: str | None = None,
               pack: Pack | None = None) -> tuple[list[tuple[Rule, Outcome, dict]], Facts]:
    """Every check's outcome and inputs, in rule order (or just ``only`` and what it needs)."""
    pack = pack or load_pack()
    table, cat, q = _table(pack)
    facts = Facts(app, cat, pack)
    by_id = {r.id: (r, fn) for r, fn in table}
    done: dict[str, tuple[Outcome, dict]] = {}

    def run(rule_id: str) -> Outcome:
        if rule_id in done:
            return done[rule_id][0]
        rule, fn = by_id[rule_id]
        reader = Reader(facts)
        try:
            out = fn(Ctx(rule, reader, facts, q, run))
        except ArithmeticError:
            # An absurd figure (far beyond any real application) the decimals cannot carry.
            out = Outcome(status="missing", message="数值超出可计算范围，无法判定，请核对填写的数字。")
        if reader.out_of_range and out.status in ("pass", "warn") and rule.severity != "info":
            out = _not_judged(out, reader.out_of_range, facts)
        done[rule_id] = (out, reader.inputs)
        return out

    with arithmetic():
        for rule, _ in table:
            if only is None or rule.id == only:
                run(rule.id)
    return [(r, *done[r.id]) for r, _ in table if r.id in done], facts


def _not_judged(out: Outcome, paths: list[str], facts: Facts) -> Outcome:
    """A check that would pass on an impossible figure (a share of 101 %, a negative area,
    half a firm) is 待补充 instead: the figure must be corrected before it can count."""
    labels = "、".join(facts.leaves[p].label if p in facts.leaves else p for p in paths)
    return Outcome(status="missing", value=out.value, formula=out.formula, notes=out.notes,
                   threshold=out.threshold, comparison=out.comparison, unit=out.unit,
                   message=f"所填数值超出合理范围，无法判定：{labels}（见数据问题）。请核对后重新填写。")


def _worst(statuses: list[str]) -> str:
    for s in WORST:
        if s in statuses:
            return s
    return "info" if statuses else "pass"


def subject(values: dict) -> dict[str, str]:
    def text(path: str) -> str:
        v = values.get(path)
        return v.strip() if isinstance(v, str) else ""

    return {key: next((text(p) for p in paths if text(p)), "") for key, paths in SUBJECT_FIELDS.items()}


def report_dict(app: Application, pack: Pack | None = None) -> dict:
    """The report as the contract's JSON-ready dict, built directly (the fast path).

    ``checker.judge.report.evaluate`` wraps the same dict in the validated ``Report`` model.
    """
    pack = pack or load_pack()
    results, facts = run_checks(app, pack=pack)
    checks: list[dict] = []
    form_findings: list[dict] = []
    for rule, out, inputs in results:
        if out.findings and not inputs:
            inputs = {f.field: f.raw for f in out.findings}
        checks.append({
            "id": rule.id, "aspect": rule.aspect, "hard": rule.hard, "status": out.status,
            "value": out.value,
            "threshold": out.threshold if out.threshold is not None else rule.threshold,
            "comparison": out.comparison or rule.comparison, "margin": out.margin,
            "unit": out.unit if out.unit is not None else rule.unit, "formula": out.formula,
            "inputs": inputs, "clause": rule.clause, "message": out.message, "notes": list(out.notes)})
        form_findings.extend(_finding(f) for f in out.findings)

    hard = [c for c in checks if c["hard"]]
    by_aspect = {}
    for aspect in pack.aspects:
        mine = [c for c in checks if c["aspect"] == aspect]
        mine_hard = [c for c in mine if c["hard"]]
        # An aspect without hard checks (targets, form) shows the worst of its judged checks.
        judged = mine_hard or [c for c in mine if c["status"] != "info"]
        by_aspect[aspect] = {"passed": sum(c["status"] in ("pass", "warn") for c in mine_hard),
                             "total": len(mine_hard), "status": _worst([c["status"] for c in judged])}
    statuses = {c["status"] for c in hard}
    verdict = "not_eligible" if "fail" in statuses else "incomplete" if "missing" in statuses else "eligible"
    findings = [_finding(f) for f in (*app.findings, *facts.wrong.values())]
    return {
        "schema": SCHEMA_ID, "standard": pack.info.standard, "pack": {"id": pack.id, "hash": pack.hash},
        "subject": subject(app.values), "input_format": app.input_format, "verdict": verdict,
        "score": {"passed": sum(c["status"] in ("pass", "warn") for c in hard), "total": len(hard),
                  "by_aspect": by_aspect},
        "checks": checks, "findings": findings + form_findings,
        "evidence": evidence(app.values, facts.cat),
        "normalised": [{"field": n.field, "raw": n.raw, "value": n.value, "how": n.how, "source": n.source}
                       for n in app.normalised],
    }


def _finding(f: Finding) -> dict:
    return {"id": f.id, "field": f.field, "raw": f.raw, "message": f.message}
