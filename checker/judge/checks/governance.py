"""八、具有较强治理和服务能力."""

from __future__ import annotations

from checker.judge.arith import fmt
from checker.judge.checks.base import Ctx, Outcome, check, missing

NONE_WORDS = ("无", "暂无", "没有", "-", "—", "/")


@check("governance.operator")
def operator(c: Ctx) -> Outcome:
    path = c.rule.inputs[0]
    name = c.r.text(path)
    if name is None or not name.strip():
        return missing(c, [path], "请填写对集群集中运营管理的法人主体名称。")
    name = name.strip()
    if name in NONE_WORDS:
        return Outcome(status="fail", value=name,
                       message="集群运营管理机构填写为“无”。认定标准要求集群设立管委会等运营管理机构。")
    out = Outcome(status="pass", value=name, message=f"集群运营管理机构：{name}。")
    words = c.rule.params.get("suspicious", ())
    hits = [w for w in ((words,) if isinstance(words, str) else words) if w in name]
    if hits:
        out.notes.append(f"名称含“{'、'.join(hits)}”，请核实其不是基础建设单位"
                         "（填报说明 3：基础建设单位不可作为集群运营管理机构）")
    return out


@check("governance.service_system")
def service_system(c: Ctx) -> Outcome:
    platforms_ref, services_ref = c.rule.inputs
    total, complete = c.r.named_total(platforms_ref)
    services = c.r.boxes(services_ref)
    t = c.rule.threshold_decimal()
    value = fmt(total)  # the platforms; the services are said in the message
    problems = []
    if complete and total < t:
        problems.append("没有建设或引入任何中小企业公共服务示范平台")
    if services is not None and not services:
        problems.append("未勾选任何已提供的中小企业公共服务")
    if problems:
        return Outcome(status="fail", value=value,
                       message="；".join(problems) + "。认定标准要求建立完善的中小企业公共服务体系。")
    need = ([platforms_ref] if total < t else []) + ([services_ref] if services is None else [])
    if need:
        return missing(c, need)
    return Outcome(status="pass", value=value,
                   message=f"公共服务示范平台 {fmt(total)} 个，已提供公共服务 {len(services or ())} 项（需提供清单及佐证材料）。")


@check("governance.plan")
def plan(c: Ctx) -> Outcome:
    text_ref, targets_ref = c.rule.inputs
    text = c.r.text(text_ref)
    cat = c.facts.cat
    rows = cat.field(targets_ref).rows
    absent = []
    if text is None or not text.strip():
        absent.append(text_ref)
    for row in rows:
        for slot in ("base", "target"):
            path = f"{targets_ref}.{row.key}.{slot}"
            if c.r.num(path) is None:
                absent.append(path)
    if absent:
        return missing(c, absent, f"三年总体目标表每项指标都须填写 {cat.slot_label('base')}和 {cat.slot_label('target')}。")
    ids = c.rule.params.get("targets", ())
    results = {i: c.result(i) for i in ((ids,) if isinstance(ids, str) else ids)}
    failed = [i for i, o in results.items() if o.status == "fail"]
    warned = [i for i, o in results.items() if o.status == "warn"]
    value = f"{len(results) - len(failed)}/{len(results)}"
    if failed:
        return Outcome(status="fail", value=value,
                       message="发展目标未达到备注要求：" + "；".join(results[i].message.rstrip("。") for i in failed) + "。")
    out = Outcome(status="pass", value=value,
                  message=f"发展规划已填写，三年总体目标 {len(rows)} 项指标均符合备注 a—g 的要求。")
    for i in warned:
        out.notes.append(results[i].message)
    return out
