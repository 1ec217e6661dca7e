"""Split a pasted *wide* table (one column per cluster) into one text per cluster.

A city bureau often keeps its applications side by side in one sheet: the first
column holds a key (``industry.total_output.<year>``) or a label (``集群总产值（亿元）
（<year> 年）``), then one column per cluster. Each column becomes one application in
the Row contract (``键	栏目	单位	值`` and one ``<year> 年`` column per data year), so the parser reads
it exactly as it reads a paste from our own .xlsx template.

Yearly rows arrive one year per row here; they are folded back into the year
columns of the Row contract. A label that is not a key is passed on in the 栏目
column with an empty 键: the parser matches labels, this module does not guess.
"""

from __future__ import annotations

import csv
import io
import re

from checker.law.pack import load_catalogue

ROW_HEADER = ("键", "栏目", "单位", "值")
# Far more clusters than a 市州 screens at once (its 推荐汇总表 lists tens).
MAX_CLUSTERS = 200
# First-column headers that announce "one column per cluster follows".
_CORNER = frozenset({"", "键", "栏目", "字段", "项目", "指标", "集群", "键名", "字段路径"})
_NAME_CELLS = frozenset({"cover.cluster_name", "basic.cluster_name", "summary.name", "集群名称"})
_KEY = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
# A header cell that belongs to the Row contract or a Word row, not to a cluster.
_NOT_A_CLUSTER = re.compile(r"^(?:\d{4}\s*年?|值|单位|栏目|键|[-+0-9.,，．％%\s]+)$")


def _rows(text: str) -> list[list[str]]:
    # Excel and WPS quote a cell that holds a newline or a quote: csv reads that.
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")),
                        delimiter="\t")
    return [[c.strip() for c in row] for row in reader if any(c.strip() for c in row)]


def _compact(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def is_wide(text: str) -> bool:
    """True when the first row names two or more clusters (see module doc)."""
    if "\t" not in text:
        return False
    try:
        rows = _rows(text)
    except csv.Error:  # a quoted cell past the csv module's limit (128 KB): not a table of ours
        return False
    if not rows:
        return False
    head = rows[0]
    corner = _compact(head[0])
    if corner not in _CORNER and corner not in _NAME_CELLS:
        return False
    names = [c for c in head[1:] if c]
    if len(names) < 2:
        return False
    return not any(_NOT_A_CLUSTER.match(_compact(c)) for c in names)


def _year_of_label(label: str, years: tuple[str, ...]) -> tuple[str, str | None]:
    """``集群总产值（亿元）（<year> 年）`` -> (``集群总产值（亿元）``, ``<year>``).

    Read from the end by plain string steps: the pattern this replaces
    (``\\s*[（(]?\\s*(<year>)\\s*年?…$``, searched) was cubic in a run of blanks."""
    s = label.rstrip()
    if s[-1:] in "）)":
        s = s[:-1].rstrip()
    if s.endswith("年"):
        s = s[:-1].rstrip()
    year = next((y for y in years if s.endswith(y)), None)
    if year is None:
        return label, None
    s = s[:-len(year)].rstrip()
    if s[-1:] in "（(":
        s = s[:-1].rstrip()
    return (s, year) if s else (label, None)


def _year_of_key(key: str, years: tuple[str, ...]) -> tuple[str, str | None]:
    """``innovation.standards.<year>.national.lead`` -> (``innovation.standards.national.lead``, ``<year>``)."""
    parts = key.split(".")
    for i, p in enumerate(parts):
        if p in years:
            return ".".join(parts[:i] + parts[i + 1:]), p
    return key, None


def columns_left_out(text: str) -> int:
    """How many named cluster columns ``split_wide`` leaves out past ``MAX_CLUSTERS``
    (the 批量初审 lists them as not read, with what to do)."""
    head = _rows(text)[0]
    return sum(1 for c in head[MAX_CLUSTERS + 1:] if c)


def split_wide(text: str) -> list[tuple[str, str]]:
    """One ``(cluster title, Row-contract text)`` per cluster column, in column order.

    The clusters are the columns the first row spans (a longer row's extra cells belong to
    no cluster), at most ``MAX_CLUSTERS``: each cluster gets every row of the table, so a
    ragged paste of thousands of columns would otherwise cost rows x columns."""
    rows = _rows(text)
    years = load_catalogue().years
    head = rows[0]
    width = min(len(head), MAX_CLUSTERS + 1)
    titles = [(head[i] if i < len(head) and head[i] else f"第 {i} 列") for i in range(1, width)]
    body = rows if _compact(head[0]) in _NAME_CELLS else rows[1:]

    # One line per row, in order; the years of one yearly field share a line. A
    # label may recur (集群名称, 联系人 in several parts of the form): each keeps its
    # own line and place, so the parser can tell them apart as in a normal paste.
    lines: list[tuple[str, str, dict[str | None, list[str]]]] = []
    by_key: dict[str, dict[str | None, list[str]]] = {}
    for row in body:
        first = row[0]
        if not first:
            continue
        cells = row[1:width] + [""] * (width - len(row))
        if _KEY.match(first):
            base, year = _year_of_key(first, years)
            if base not in by_key:
                by_key[base] = {}
                lines.append(("key", base, by_key[base]))
            by_key[base][year] = cells
            continue
        base, year = _year_of_label(first, years)
        last = lines[-1] if lines else None
        # Another year of the label just above joins its line; anything else is a new line.
        if (year is not None and last is not None and last[:2] == ("label", base)
                and None not in last[2] and year not in last[2]):
            last[2][year] = cells
        else:
            lines.append(("label", base, {year: cells}))

    header = [*ROW_HEADER, *(f"{y} 年" for y in years)]
    out: list[tuple[str, str]] = []
    for col, title in enumerate(titles):
        buf = io.StringIO()
        # Excel's own quoting, so a cell holding a newline (a list of names) survives.
        writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        for what, name, by_year in lines:
            key, label = (name, "") if what == "key" else ("", name)
            single = by_year.get(None, [""] * len(titles))[col]
            yearly = [by_year.get(y, [""] * len(titles))[col] for y in years]
            if not single and not any(yearly):
                continue
            writer.writerow([key, label, "", single, *yearly])
        out.append((title, buf.getvalue()))
    return out
