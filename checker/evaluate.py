"""Run every check of the rule data over an Application and assemble the report.

Order, statuses, score and verdict follow shared/spec/checks.md. Rules, catalogue and
the check table are loaded once; per call only the application is read.
"""

from __future__ import annotations

from functools import cache
from typing import Callable

from checker.application import Application, Finding
from checker.arith import arithmetic, quantum
from checker.catalogue import Catalogue, load_catalogue
from checker.checks import Ctx, Outcome, handler
from checker.evidence import evidence
from checker.facts import Facts, Reader
from checker.report import (
    AspectScore, CheckResult, Evidence, Normalised, Report, ReportFinding, Score,
)
from checker.rules import ASPECTS, Rule, load_rules, rules_by_id

WORST = ("fail", "missing", "warn", "pass")


@cache
def _table() -> tuple[tuple[tuple[Rule, Callable[[Ctx], Outcome]], ...], Catalogue, object]:
    rules = load_rules()
    table = tuple((r, handler(r.id, r.comparison)) for r in rules)
    places = int(rules_by_id()["form.decimals"].threshold_decimal())
    return table, load_catalogue(), quantum(places)


def run_checks(app: Application) -> tuple[list[tuple[Rule, Outcome, dict]], Facts]:
    table, cat, q = _table()
    facts = Facts(app, cat)
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
        done[rule_id] = (out, reader.inputs)
        return out

    with arithmetic():
        for rule, _ in table:
            run(rule.id)
    return [(r, *done[r.id]) for r, _ in table], facts


def _worst(statuses: list[str]) -> str:
    for s in WORST:
        if s in statuses:
            return s
    return "info" if statuses else "pass"


def evaluate(app: Application) -> Report:
    results, facts = run_checks(app)
    checks: list[CheckResult] = []
    form_findings: list[ReportFinding] = []
    for rule, out, inputs in results:
        if out.findings and not inputs:
            inputs = {f.field: f.raw for f in out.findings}
        checks.append(CheckResult.model_construct(
            id=rule.id, aspect=rule.aspect, hard=rule.hard, status=out.status, value=out.value,
            threshold=out.threshold if out.threshold is not None else rule.threshold,
            comparison=out.comparison or rule.comparison, margin=out.margin,
            unit=out.unit if out.unit is not None else rule.unit, formula=out.formula,
            inputs=inputs, clause=rule.clause, message=out.message, notes=tuple(out.notes)))
        form_findings.extend(ReportFinding.model_construct(**_finding(f)) for f in out.findings)

    hard = [c for c in checks if c.hard]
    by_aspect = {}
    for aspect in ASPECTS:
        mine = [c for c in checks if c.aspect == aspect]
        judged = [c for c in mine if c.hard] or [c for c in mine if c.status != "info"]
        by_aspect[aspect] = AspectScore.model_construct(
            passed=sum(c.status in ("pass", "warn") for c in mine if c.hard),
            total=sum(c.hard for c in mine),
            status=_worst([c.status for c in judged]))
    statuses = {c.status for c in hard}
    verdict = "not_eligible" if "fail" in statuses else "incomplete" if "missing" in statuses else "eligible"

    findings = [ReportFinding.model_construct(**_finding(f)) for f in (*app.findings, *facts.wrong.values())]
    return Report.model_construct(
        schema_="cluster-check-report/1", standard="中小企业特色产业集群认定标准（2022 年版）",
        input_format=app.input_format, verdict=verdict,
        score=Score.model_construct(passed=sum(c.status in ("pass", "warn") for c in hard), total=len(hard),
                                    by_aspect=by_aspect),
        checks=tuple(checks), findings=tuple(findings + form_findings),
        evidence=tuple(Evidence.model_construct(**e) for e in evidence(app.values, facts.cat)),
        normalised=tuple(Normalised.model_construct(field=n.field, raw=n.raw, value=n.value, how=n.how)
                         for n in app.normalised))


def _finding(f: Finding) -> dict:
    return {"id": f.id, "field": f.field, "raw": f.raw, "message": f.message}
