"""The five applications of the 批量初审 tests, built from the example application.

Each one differs from the example by the few values its name says, so a failing
assertion points at one legal fact:
- 甲 eligible: the example itself;
- 乙 veto: 集群主导产业属于禁止类 (basic.prohibited_industry = 是);
- 丙 threshold: the first data year's 总产值 38.00 亿元, below 40 亿元 (and a 简介 over 300 字);
- 丁 incomplete: no 研发经费 figures, and the basis year's 中小企业产值占比 75.00 (a filled .xlsx);
- 戊 unreadable: a truncated .xlsx.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from decimal import Decimal
from typing import Any

from checker.law.pack import load_catalogue

# The build-time ``forms`` package (the .xlsx template) lives at the repository root.
ROOT = Path(__file__).resolve().parents[2]

NAMES = {
    "eligible": "湖北省样例市甲区汽车零部件产业集群",
    "veto": "湖北省样例市乙区纺织产业集群",
    "threshold": "湖北省样例市丙区食品加工产业集群",
    "incomplete": "湖北省样例市丁区电子信息产业集群",
}
LONG_INTRO = "集群以食品精深加工为主导，形成从原料种植、初加工到精深加工和冷链物流的完整链条。" * 8


def example() -> dict[str, Any]:
    from checker.api import example_text

    return json.loads(example_text(), parse_float=Decimal)


def _named(app: dict[str, Any], name: str) -> dict[str, Any]:
    app = copy.deepcopy(app)
    for section, key in (("cover", "cluster_name"), ("summary", "name"), ("basic", "cluster_name")):
        app[section][key] = name
    return app


def applications() -> dict[str, dict[str, Any]]:
    base = example()
    cat = load_catalogue()
    apps = {kind: _named(base, name) for kind, name in NAMES.items()}
    apps["veto"]["basic"]["prohibited_industry"] = "是"
    apps["threshold"]["industry"]["total_output"][cat.years[0]] = Decimal("38.00")
    apps["threshold"]["summary"]["intro"] = LONG_INTRO
    del apps["incomplete"]["innovation"]["rd_spend"]
    apps["incomplete"]["industry"]["sme_output_share"][cat.basis_year] = Decimal("75.00")
    return apps


def hundred_items(count: int = 100) -> list[tuple[str, bytes]]:
    """``count`` distinct applications as .json files: the four readable kinds, names and
    figures varied (the 批量初审's load: bench.batch_bench, the page's print test)."""
    apps = applications()
    kinds = list(apps)
    basis = load_catalogue().basis_year
    items = []
    for n in range(count):
        app = _named(apps[kinds[n % len(kinds)]], f"湖北省样例市第{n + 1}区样例产业集群")
        out = app["industry"]["total_output"]
        out[basis] = out[basis] + n  # a different weakest margin for each
        items.append((f"{n + 1:03d}.json", dumps(app).encode("utf-8")))
    return items


def dumps(app: dict[str, Any]) -> str:
    """JSON whose numbers keep their literal text (36.50 stays 36.50), as a real export."""
    def default(o: Any) -> Any:
        if isinstance(o, Decimal):
            return f"{_MARK}{o}{_MARK}"
        raise TypeError(o)

    text = json.dumps(app, ensure_ascii=False, indent=1, default=default)
    return re.sub(f'"{_MARK}([^"]*){_MARK}"', r"\1", text)


_MARK = "@@decimal@@"


def corrupt_xlsx() -> bytes:
    return b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40


def five_items() -> list[tuple[str, bytes]]:
    """The five as files: JSON exports, the incomplete one as a filled .xlsx template."""
    apps = applications()
    items = [(f"{kind}.json", dumps(app).encode("utf-8")) for kind, app in apps.items() if kind != "incomplete"]
    items.insert(2, ("incomplete.xlsx", filled_xlsx(apps["incomplete"])))
    items.append(("unreadable.xlsx", corrupt_xlsx()))
    return items


def leaf_value(app: dict[str, Any], path: str) -> Any:
    node: Any = app
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def wide_rows(app: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, cell text) rows of one application, one per leaf (boxes one per box)."""
    rows: list[tuple[str, str]] = []
    for leaf in load_catalogue().leaves():
        value = leaf_value(app, leaf.path)
        if value is None:
            continue
        if leaf.kind == "checks":
            for option in leaf.field.options:
                rows.append((f"{leaf.path}.{option.key}", "是" if option.key in value else "否"))
        elif leaf.kind == "named_count":
            rows.append((f"{leaf.path}.count", str(value["count"])))
            rows.append((f"{leaf.path}.names", "、".join(value["names"])))
        elif leaf.kind == "target_list":
            for n, target in enumerate(value, start=1):
                for part in ("direction", "indicator", "base", "target"):
                    rows.append((f"{leaf.path}.{n}.{part}", str(target.get(part, ""))))
        else:
            rows.append((leaf.path, str(value)))
    return rows


def wide_table(apps: list[dict[str, Any]]) -> str:
    """A wide paste: 键 column, then one column per cluster, cells as Excel copies them."""
    columns = [dict(wide_rows(app)) for app in apps]
    keys: list[str] = []
    for col in columns:
        keys += [k for k in col if k not in keys]
    lines = ["\t".join(["键"] + [app["cover"]["cluster_name"] for app in apps])]
    for key in keys:
        cells = [col.get(key, "") for col in columns]
        lines.append("\t".join([key] + [_excel_cell(c) for c in cells]))
    return "\n".join(lines) + "\n"


def _excel_cell(text: str) -> str:
    if any(c in text for c in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def filled_xlsx(app: dict[str, Any]) -> bytes:
    """Our .xlsx template (as the site ships it) filled with ``app``, as an applicant would."""
    import io

    from openpyxl import load_workbook

    from checker.intake.wide import _year_of_key
    from forms.workbook import build_workbook

    cat = load_catalogue()
    single: dict[str, str] = {}
    yearly: dict[tuple[str, str], str] = {}
    for key, value in wide_rows(app):
        base, year = _year_of_key(key, cat.years)
        if year is None:
            single[key] = value
        else:
            yearly[(base, year)] = value
    wb = load_workbook(io.BytesIO(build_workbook(cat)))
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            key = row[0].value
            if not key:
                continue
            if key in single:
                row[3].value = _cell(single[key])
            for i, year in enumerate(cat.years):
                if (key, year) in yearly:
                    row[4 + i].value = _cell(yearly[(key, year)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(text: str) -> Any:
    # Figures go in as numbers (the template's 0.00 format shows their two decimals).
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


def wide_label_table(apps: list[dict[str, Any]]) -> str:
    """A wide paste keyed by the form's labels (as a bureau's own sheet would be), no keys."""
    cat = load_catalogue()
    columns = [dict(wide_rows(app)) for app in apps]
    lines = ["栏目\t" + "\t".join(app["cover"]["cluster_name"] for app in apps)]
    for key in columns[0]:
        try:
            label = cat.leaf(key).label
        except KeyError:  # a box, a .count or .names row: its key is what the form shows
            label = key
        lines.append("\t".join([label] + [_excel_cell(col.get(key, "")) for col in columns]))
    return "\n".join(lines) + "\n"
