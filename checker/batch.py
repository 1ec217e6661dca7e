"""批量初审: screen several applications side by side, for the 市州经信部门.

``screen(items)`` takes ``(file name or column title, content)`` pairs (``.json``
exports, filled ``.xlsx`` templates, pasted text, or a pasted wide table with one
column per cluster), checks each one with the same checker as the self-assessment
page, and returns one JSON-ready row per application: verdict, hard checks passed,
status per aspect, number of findings, the key margins, the weakest margin, the
附件1 fields for the 推荐汇总表, and the full report. Files that cannot be read are
listed apart with their reason; the others are still screened.

Margins: how far each key figure is above its line.
The key checks measure different things (亿元 of output, percent shares, growth
rates, patents per 10,000 people), so their raw margins cannot be compared: 2.55
percentage points above a 10 % growth line is a thin cushion in relative terms
(25.5 % of the line), while 46.40 亿元 above 40 亿元 is more than the line itself.
Each margin is therefore normalised by its own threshold, ``relative = margin /
threshold``, computed in ``Decimal`` from the report's decimal strings (no binary
floats, so two applications with the same figures always sort the same). The
*weakest margin* of an application is its smallest relative margin among the key
checks that have one: the point where it is closest to failing (negative when it
fails). The share of the threshold is the reading a reviewer uses when saying "只超
过门槛一成"; a margin divided by the value instead would shrink for large
clusters, and a raw difference would let the 亿元 figure dominate every sort.

Default order (``rank``): eligible first; then more hard checks passed; then the
weakest margin, largest first (the application with the most room on its weakest
point comes first); ties by name, then input order, so the order is total.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from checker.batch_read import Readable, Unreadable, read_items

SCHEMA = "cluster-batch-screen/1"
# The key margins a reviewer compares, with the short column titles of the page.
KEY_MARGINS: dict[str, str] = {
    "core.output_each_year": "最低年产值",
    "core.sme_output_share": "中小企业产值占比",
    "core.leading_share": "主导产业占比",
    "core.output_growth": "产值年均增速",
    "innovation.rd_growth": "研发经费增速",
    "innovation.patents_per_10k": "每万人有效发明专利",
    "digital.iip_rate": "工业互联网普及率",
}
VERDICT_LABELS = {"eligible": "符合", "not_eligible": "不符合", "incomplete": "待补充"}
STATUS_LABELS = {"pass": "通过", "fail": "不通过", "warn": "提示", "missing": "缺数据", "info": "仅展示"}
RELATIVE_PLACES = Decimal("0.0001")
# Where the 附件1 fields fall back to when the 推荐汇总表 part was left empty.
SUMMARY_FALLBACK: dict[str, tuple[str, ...]] = {
    "name": ("summary.name", "cover.cluster_name", "basic.cluster_name"),
    "operator": ("summary.operator", "cover.operator", "basic.operator"),
    "location": ("summary.location",),
    "leading_industry": ("summary.leading_industry",),
    "founded": ("summary.founded",),
    "intro": ("summary.intro",),
    "bureau": ("summary.bureau",),
    "bureau_contact": ("summary.bureau_contact",),
}
REGION = ("cover.region.province", "cover.region.city", "cover.region.county")


def _decimal(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        d = Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def margin_of(check: dict[str, Any]) -> dict[str, Any]:
    """Value, threshold and margin of one check, and the margin relative to the threshold."""
    value, threshold = _decimal(check.get("value")), _decimal(check.get("threshold"))
    margin = _decimal(check.get("margin"))
    if margin is None and value is not None and threshold is not None:
        # Only when the report leaves it out: positive means room above the line.
        margin = threshold - value if check.get("comparison") in ("<=", "<") else value - threshold
    relative = None
    if margin is not None and threshold:
        relative = margin / threshold
    return {
        "status": check.get("status"),
        "value": check.get("value"),
        "threshold": check.get("threshold"),
        "margin": None if margin is None else str(margin),
        "unit": check.get("unit"),
        "relative": None if relative is None else str(relative.quantize(RELATIVE_PLACES, ROUND_HALF_UP)),
        "_relative": relative,
    }


def _summary_fields(values: dict[str, Any], fallback_name: str) -> dict[str, str]:
    def text(path: str) -> str:
        v = values.get(path)
        return v.strip() if isinstance(v, str) else ""

    out = {key: next((text(p) for p in paths if text(p)), "") for key, paths in SUMMARY_FALLBACK.items()}
    if not out["location"]:
        out["location"] = "".join(text(p) for p in REGION)
    if not out["name"]:
        out["name"] = fallback_name
    return out


def _read_one(entry: Readable) -> tuple[dict[str, Any], dict[str, Any]] | str:
    """(report, application values) or the reason nothing could be read.

    The report is ``checker.api.check_text`` (for an .xlsx: ``check_xlsx``) spelled
    out, ``evaluate(parse(text))``, so the text is parsed once and its values also
    give the 附件1 fields; a test holds the two equal.
    """
    from checker.evaluate import evaluate
    from checker.parse import parse

    if entry.xlsx is not None:
        from checker.xlsx import XlsxUnreadable, read_xlsx

        try:
            text = read_xlsx(entry.xlsx)
        except XlsxUnreadable as exc:
            return str(exc)
    else:
        text = entry.text or ""
    app = parse(text)
    if not app.values:
        why = "；".join(f.message for f in app.findings[:2])
        return ("没有读到任何申报表栏目" + (f"：{why}" if why else "。")
                + "请上传申报数据的 .json 导出文件、填写好的 .xlsx 模板，或按模板格式粘贴。")
    return evaluate(app).to_json(), dict(app.values)


def _row(entry: Readable, index: int, report: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    checks = {c["id"]: c for c in report["checks"]}
    margins = {cid: margin_of(checks[cid]) for cid in KEY_MARGINS if cid in checks}
    present = [(m["_relative"], cid) for cid, m in margins.items() if m["_relative"] is not None]
    weakest = min(present, default=None)
    summary = _summary_fields(values, entry.name)
    score = report["score"]
    return {
        "id": index,
        "name": summary["name"],
        "source": entry.source,
        "verdict": report["verdict"],
        "verdict_label": VERDICT_LABELS[report["verdict"]],
        "hard": {"passed": score["passed"], "total": score["total"]},
        "aspects": {key: {**a, "label": STATUS_LABELS.get(a.get("status"), a.get("status") or "")}
                    for key, a in score["by_aspect"].items()},
        "findings": len(report.get("findings", ())),
        "margins": {cid: {k: v for k, v in m.items() if k != "_relative"} | {"title": KEY_MARGINS[cid]}
                    for cid, m in margins.items()},
        "weakest": None if weakest is None else {
            "id": weakest[1], "title": KEY_MARGINS[weakest[1]],
            "relative": margins[weakest[1]]["relative"]},
        "summary": summary,
        "report": report,
        "_weakest": None if weakest is None else weakest[0],
    }


def order_key(row: dict[str, Any]) -> tuple:
    """Eligible first, more hard checks passed, larger weakest margin, then name and input order."""
    weakest = row["_weakest"]
    return (row["verdict"] != "eligible", -row["hard"]["passed"],
            weakest is None, -(weakest if weakest is not None else Decimal(0)),
            row["name"], row["id"])


def screen(items: list[tuple[str, bytes | str]]) -> dict[str, Any]:
    """Screen every item; rows in the default order, unreadable files apart."""
    from checker.rules import ASPECTS

    rows: list[dict[str, Any]] = []
    unreadable: list[dict[str, Any]] = []
    for index, entry in enumerate(read_items(items)):
        if isinstance(entry, Unreadable):
            unreadable.append({"id": index, "name": entry.name, "source": entry.source,
                               "reason": entry.reason})
            continue
        got = _read_one(entry)
        if isinstance(got, str):
            unreadable.append({"id": index, "name": entry.name, "source": entry.source, "reason": got})
            continue
        rows.append(_row(entry, index, *got))
    rows.sort(key=order_key)
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        del row["_weakest"]
    seen = {key for row in rows for key in row["aspects"]}
    return {
        "schema": SCHEMA,
        "aspects": {key: title for key, title in ASPECTS.items() if key in seen},
        "margin_titles": dict(KEY_MARGINS),
        "status_labels": dict(STATUS_LABELS),
        "rows": rows,
        "unreadable": unreadable,
    }


def screen_json(items: list[tuple[str, bytes | str]]) -> str:
    """``screen`` as a JSON string (what the page's worker hands to JavaScript)."""
    # Key order is meaningful (aspects and margins are column orders): no sort_keys.
    return json.dumps(screen(items), ensure_ascii=False)
