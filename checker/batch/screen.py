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

The page screens a large batch in parts, one per worker (``screen_part``), and
``combine``s them; the order is recomputed from the rows' decimal strings, so
parts give exactly the order of ``screen``, which is both steps at once.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from checker.judge.arith import fmt, round_to
from checker.judge.evaluate import SUBJECT_FIELDS
from checker.batch.read import Readable, Unreadable, read_items

if TYPE_CHECKING:
    from checker.law.pack import Pack, Words

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
RELATIVE_PLACES = Decimal("0.0001")
# Room under a tenth of the line is flagged "thin" on the page (只高出门槛不到一成).
THIN = Decimal("0.1")
# Where the 附件1 fields fall back to when the 推荐汇总表 part was left empty.
SUMMARY_FALLBACK: dict[str, tuple[str, ...]] = {
    "name": SUBJECT_FIELDS["name"],
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
        "relative": None if relative is None else fmt(round_to(relative, RELATIVE_PLACES)),
        **room_of(relative, check.get("status")),
    }


def room_of(relative: Decimal | None, status: str | None) -> dict[str, str]:
    """How the page shows a relative margin: a band for the colour, and the words."""
    if status == "missing" or relative is None:
        return {"band": "missing" if status == "missing" else "none", "room": ""}
    percent = fmt(round_to(abs(relative) * 100, Decimal("0.1")))  # a 40-digit figure too
    room = _words().room
    if relative < 0:
        return {"band": "fail", "room": room["below"].format(percent=percent)}
    return {"band": "thin" if relative < THIN else "pass", "room": room["above"].format(percent=percent)}


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

    The report is ``checker.api.check_text`` (for a file: ``check_file``) spelled
    out, ``report_dict(parse(text))``, so the input is read once and its values also
    give the 附件1 fields; a test holds the two equal.
    """
    from checker.judge.evaluate import report_dict
    from checker.intake.parse import parse

    app = entry.app if entry.app is not None else parse(entry.text or "")
    if not app.values:
        why = "；".join(f.message for f in app.findings[:2])
        return ("没有读到任何申报表栏目" + (f"：{why}" if why else "。")
                + "请上传 Word 申报表（.docx）、.json 导出文件、填写好的 .xlsx 模板，或按模板格式粘贴。")
    return report_dict(app), dict(app.values)


def agreed(rows: list[dict[str, Any]], key: str) -> str:
    """The one value of the 附件1 field ``key`` (``bureau``, ``bureau_contact``) that the
    applications give, or "" when none gives it or they differ (the reviewer types it)."""
    values = {str((row.get("summary") or {}).get(key) or "").strip() for row in rows} - {""}
    return values.pop() if len(values) == 1 else ""


def weakest_of(margins: dict[str, dict[str, Any]]) -> tuple[Decimal, str] | None:
    """The smallest exact relative margin (margin / threshold) and its check id."""
    present = []
    for cid, m in margins.items():
        margin, threshold = _decimal(m.get("margin")), _decimal(m.get("threshold"))
        if margin is not None and threshold:
            present.append((margin / threshold, cid))
    return min(present, default=None)


def _row(entry: Readable, report: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    checks = {c["id"]: c for c in report["checks"]}
    margins = {cid: margin_of(checks[cid]) | {"title": title}
               for cid, title in KEY_MARGINS.items() if cid in checks}
    weakest = weakest_of(margins)
    summary = _summary_fields(values, entry.name)
    score = report["score"]
    words = _words()
    return {
        "id": entry.id,
        "seq": list(entry.seq),
        "name": summary["name"],
        "source": entry.source,
        "verdict": report["verdict"],
        "verdict_label": words.verdict[report["verdict"]],
        "hard": {"passed": score["passed"], "total": score["total"]},
        "aspects": {key: {**a, "label": words.status.get(a.get("status"), a.get("status") or ""),
                          "counted": f"{a['passed']}/{a['total']}" if a.get("total") else words.no_hard}
                    for key, a in score["by_aspect"].items()},
        "findings": len(report.get("findings", ())),
        "margins": margins,
        "weakest": veto_of(report) or (None if weakest is None else {
            "id": weakest[1], "title": KEY_MARGINS[weakest[1]],
            "relative": margins[weakest[1]]["relative"],
            "band": margins[weakest[1]]["band"], "room": margins[weakest[1]]["room"]}),
        "summary": summary,
        "report": report,
    }


def veto_of(report: dict[str, Any]) -> dict[str, Any] | None:
    """A vetoed application's weakest item: its first failing veto, weaker than any margin
    (一票否决: no figure's room makes up for it). None when no veto fails."""
    failed = next((c for c in report["checks"] if c["aspect"] == "veto" and c["status"] == "fail"), None)
    if failed is None:
        return None
    rule = _pack().by_id.get(failed["id"])
    return {"id": failed["id"], "title": rule.title if rule else failed["id"], "relative": None,
            "band": "fail", "room": _words().status["fail"]}


def order_key(row: dict[str, Any]) -> tuple:
    """Eligible first, more hard checks passed, not vetoed, larger weakest margin, then
    name and input order.

    A vetoed row's weakest item is the veto (``veto_of``): among rows with as many hard
    checks passed it comes after every margin. The weakest margin is recomputed exactly
    from the row's decimal strings, so rows screened in separate parts (or read back from
    JSON) order exactly alike.
    """
    weakest = weakest_of(row["margins"])
    vetoed = (row.get("aspects", {}).get("veto") or {}).get("status") == "fail"
    return (row["verdict"] != "eligible", -row["hard"]["passed"], vetoed,
            weakest is None, -(weakest[0] if weakest is not None else Decimal(0)),
            row["name"], tuple(row["seq"]))


def screen_part(items: list[tuple[str, bytes | str]], *,
                indexes: list[int] | None = None) -> dict[str, Any]:
    """Screen some items, unordered: the page splits a batch over several workers."""
    rows: list[dict[str, Any]] = []
    unreadable: list[dict[str, Any]] = []
    for entry in read_items(items, indexes=indexes):
        try:
            got = entry.reason if isinstance(entry, Unreadable) else _read_one(entry)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            got = (f"校验程序处理这个文件时出错（{type(exc).__name__}: {exc}），其余文件不受影响；"
                   "请把这个文件单独放到“在线自评”页检查，或报告这个问题。")
        if isinstance(got, str):
            unreadable.append({"id": entry.id, "seq": list(entry.seq), "name": entry.name,
                               "source": entry.source, "reason": got})
        else:
            rows.append(_row(entry, *got))
    return {"rows": rows, "unreadable": unreadable}


def _pack() -> Pack:
    from checker.law.pack import load_pack  # the site's round: the page screens its applications

    return load_pack()


def _words() -> Words:
    return _pack().words


def combine(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The parts as one screening: rows in the default order and ranked, unreadable in input order."""
    from checker.law.pack import ASPECTS

    rows = sorted((row for part in parts for row in part["rows"]), key=order_key)
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    unreadable = sorted((u for part in parts for u in part["unreadable"]), key=lambda u: tuple(u["seq"]))
    seen = {key for row in rows for key in row["aspects"]}
    return {
        "schema": SCHEMA,
        "aspects": {key: title for key, title in ASPECTS.items() if key in seen},
        "margin_titles": dict(KEY_MARGINS),
        "status_labels": dict(_words().status),
        # What the page pre-fills in 市州经信部门 and 联系人和手机 (empty when the files differ).
        "summary_defaults": {key: agreed(rows, key) for key in ("bureau", "bureau_contact")},
        "rows": rows,
        "unreadable": unreadable,
    }


def screen(items: list[tuple[str, bytes | str]]) -> dict[str, Any]:
    """Screen every item; rows in the default order, unreadable files apart."""
    return combine([screen_part(items)])


def screen_json(items: list[tuple[str, bytes | str]]) -> str:
    """``screen`` as a JSON string."""
    # Key order is meaningful (aspects and margins are column orders): no sort_keys.
    return json.dumps(screen(items), ensure_ascii=False)
