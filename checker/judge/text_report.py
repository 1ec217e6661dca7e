"""The report as readable Chinese text (the command line's default output)."""

from __future__ import annotations

from checker.judge.evidence import by_part
from checker.law.pack import Pack, load_pack

# A mark before each status word, so the statuses read apart in a terminal.
MARKS = {"pass": "✓", "fail": "✗", "warn": "!", "missing": "?", "info": "·"}


def render_text(report: dict, pack: Pack | None = None) -> str:
    from checker.intake.sniff import FORMAT_LABELS as FORMAT

    pack = pack or load_pack()
    rules = pack.by_id
    verdict = pack.words.verdict
    words = pack.words.status
    status = {s: f"{MARKS[s]} {w}" for s, w in words.items()}
    score = report["score"]
    out = [
        f"{report['standard']} 自评报告",
        f"输入格式：{FORMAT.get(report['input_format'], report['input_format'])}",
        f"结论：{verdict[report['verdict']]}（硬性指标 {score['passed']}/{score['total']} 项符合）",
        "说明：本结论为按公开认定标准所做的自评，不代替主管部门的审核认定。",
    ]
    for aspect, title in pack.aspects.items():
        s = score["by_aspect"][aspect]
        counted = f"硬性指标 {s['passed']}/{s['total']}" if s["total"] else pack.words.no_hard
        out += ["", f"【{title}（{counted}）】{words[s['status']]}"]
        for c in report["checks"]:
            if c["aspect"] != aspect:
                continue
            rule = rules.get(c["id"])
            # A soft check only reminds (提醒), one shown only is for reference (参考): the states' words.
            kind = "硬性" if c["hard"] else words["info"] if c["status"] == "info" else words["warn"]
            out.append(f"  {status[c['status']]}  {rule.title if rule else c['id']}（{kind}，{c['id']}）")
            out.append(f"      {c['message']}")
            if c["formula"]:
                out.append(f"      计算：{c['formula']}")
            out.extend(f"      附注：{n}" for n in c["notes"])
    if report["findings"]:
        out += ["", f"【填报问题】{len(report['findings'])} 条"]
        for f in report["findings"]:
            raw = f"（原文：{f['raw']}）" if f["raw"] else ""
            out.append(f"  - {f['field']}：{f['message']}{raw}")
    if report["evidence"]:
        out += ["", f"【佐证材料清单】{len(report['evidence'])} 项"]
        for part, items in by_part(report["evidence"]):
            out.append(f"  {part['title']}")
            out.extend(f"    - {e['label']}：{e['needs']}" for e in items)
    if report["normalised"]:
        out += ["", f"【已自动规范化】{len(report['normalised'])} 处"]
        out.extend(f"  - {n['field']}：“{n['raw']}” → “{n['value']}”（{n['how']}"
                   + (f"；位置：{n['source']}）" if n.get("source") else "）") for n in report["normalised"])
    return "\n".join(out) + "\n"
