"""Fill a slot from the value cells of one row (TSV, 标签：值 line or flat JSON key)."""

from __future__ import annotations

import re
from decimal import Decimal

from checker.law.catalogue import Field
from checker.intake.collect import Collector
from checker.intake.tables import Slot
from checker.intake.text import compact_blanks, half_width, strip_blanks
from checker.intake.values import (MONEY, NONE_WORDS, is_figure, is_none, read_answer, read_box, read_checks,
                                  read_named, read_names, read_number, read_text, strip_note)

NUMERIC = frozenset({"num", "int", "pct", "growth"})
# 68.20 / 76.90 / 86.40, 68.20；76.90；86.40, 68.20、76.90、86.40 or tab separated
# A separator and the blanks around it (a tab separates only where no other separator
# is next to it). Found in one pass over the runs of blanks: ``\s*[/…\t]\s*`` rescanned
# a long run of blanks from every position in it.
_SEPARATORS = re.compile(r"[/／|｜；;、\t]")
_MARK = "/／|｜；;、"
_BLANK_RUN = re.compile(r"\s+")
# Matched on the cell with every run of blanks cut to one: its three \s* cannot then
# share out a long run between them (23 s on 2 000 spaces).
_YEAR_PAIRS = re.compile(r"(20[0-9]{2})\s?年?度?\s?[:：]?\s?([^，,；;/／、\s:：]+)")
_DOTS = re.compile(r"^[.。…·\s]*$")
_COUNT_WORDS = "零一两三四五六七八九十"


def count_word(n: int) -> str:
    """How many, as a message says it: 两个数, 四个数 (digits past ten)."""
    return _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)


def _target_units(slot: Slot) -> tuple[str, ...]:
    if slot.path.startswith("plan.targets.") and slot.field is not None:
        key = slot.path.split(".")[2]
        for row in slot.field.rows:
            if row.key == key:
                return row.units
    return ()


def _zero_ok(slot: Slot) -> bool:
    if slot.leaf_kind in ("int", "nc_count"):
        return True
    if slot.path.startswith("plan.targets."):
        return slot.unit in MONEY or slot.unit in ("家", "个")
    return slot.unit in MONEY


def takes_group_none(f: Field) -> bool:
    """Groups a single 无 answers: the 名称及数量 groups and the 标准制修订 table."""
    return f.kind == "standards" or (f.kind == "group" and f.part_kind == "named_count")


def fill_group_none(path: str, f: Field, text: str, col: Collector) -> bool:
    """``"无"`` for a whole group: every part none (count 0, no names; every standards
    cell 0). False, and nothing filled, when the text is not a word for none."""
    s = strip_blanks(text)
    if not takes_group_none(f) or not is_none(s):
        return False
    if f.kind == "standards":
        for year in col.t.years:
            for part in f.parts:
                for role in f.roles:
                    col.put(f"{path}.{year}.{part.key}.{role.key}", Decimal(0))
    else:
        for part in f.parts:
            col.named_part(f"{path}.{part.key}", Decimal(0), ())
    col.note(path, s, "（无）", f"“{s}”读作各组成部分都没有（数量均为 0）")
    return True


def fill_leaf(slot: Slot, path: str, text: str, col: Collector, written_unit: str | None = None) -> None:
    """One value for one leaf path (``path`` may be a year leaf of a yearly slot)."""
    kind = slot.leaf_kind
    f = slot.field
    if kind in NUMERIC:
        units = _target_units(slot)
        value, literal, wrote = read_number(text, kind, slot.unit, path, col, zero_ok=_zero_ok(slot),
                                            written_unit=written_unit, units=units)
        if value is None:
            return
        col.put(path, value, literal)
        if wrote and units:
            unit_path = path.rsplit(".", 1)[0] + ".unit"
            if unit_path not in col.values:
                col.put(unit_path, wrote)
                col.note(unit_path, text, wrote, "按数值后写明的单位确定本行单位")
        return
    if kind == "text":
        value = read_text(text, path, col)
        if value is None:
            return
        if slot.path.endswith(".unit") and slot.path.startswith("plan.targets."):
            units = _target_units(slot)
            h = half_width(value).replace(" ", "")
            match = next((u for u in units if half_width(u) == h), None)
            if match is None:
                col.find("input.unreadable", path, value, f"单位应为{'或'.join(f'“{u}”' for u in units)}；已按未填写处理。")
                return
            value = match
        col.put(path, value)
        return
    if kind in ("yesno", "yesno_na", "choice"):
        options: tuple[str, ...] = ()
        if kind == "choice" and f is not None:
            options = tuple(o.label for o in f.options)
            by_key = {o.key: o.label for o in f.options}
            if strip_blanks(text) in by_key:
                text = by_key[strip_blanks(text)]
        note = f.note if f is not None and f.note else None
        if note and note in text:
            text = text.replace(note, "")
        value = read_answer(text, kind, f.na_label if f is not None else None, path, col, options)
        if value is not None:
            col.put(path, value)
        return
    if kind == "checks":
        value = read_checks(text, path, col.t.options.get(path, {}), col)
        if value is not None:
            col.put(path, value)
            col.checks_set.add(path)
        return
    if kind == "named_count":
        read_named(text, path, slot.unit, col)
        return
    if kind == "target_list":
        s = strip_blanks(text)
        if not s or _DOTS.match(s):
            return
        if s in NONE_WORDS:
            col.put(path, ())
            col.note(path, s, "（无）", "“无”读作没有其它指标")
            return
        col.find("input.unreadable", path, s,
                 f"其它指标请按 {'、'.join(col.t.extra_slots.values())} 分列填写（或用键 "
                 "plan.extra_targets.1.indicator 等）；这一行未读取。")


def _tabs_between_values(s: str) -> str:
    """A run of blanks holding a tab: one tab where it separates two values, one space
    where it only pads another separator (``68.20\t/ 76.90``). Other runs are kept."""
    def one(m: re.Match) -> str:
        run, a, b = m.group(), m.start(), m.end()
        if "\t" not in run:
            return run
        beside = (a and s[a - 1] in _MARK) or (b < len(s) and s[b] in _MARK)
        return " " if beside else "\t"
    return _BLANK_RUN.sub(one, s) if "\t" in s else s


def split_values(text: str) -> list[str]:
    """One cell holding several values (标签：值 lines): 68.20 / 76.90 / 86.40."""
    parts = [strip_blanks(p) for p in _SEPARATORS.split(_tabs_between_values(strip_blanks(text)))]
    if len(parts) == 1 and " " in parts[0].strip():
        spaced = parts[0].split()
        if len(spaced) > 1 and all(any(c.isdigit() for c in p) or p in NONE_WORDS for p in spaced):
            return spaced
    return parts


def unknown_year(slot: Slot, year: str, col: Collector) -> None:
    """A value written under a year that is not one of the round's: not read, and said so."""
    col.find("input.unknown_key", slot.path, f"{year} 年",
             f"{year} 年不是本表的年度；应填写 {'、'.join(y for y, _ in slot.years)} 年的数值。")


def fill_yearly(slot: Slot, cells: list[str], col: Collector, written_unit: str | None = None,
                raw: str | None = None) -> None:
    """A yearly field from a row's value cells (or from one cell with several values)."""
    years = slot.years
    vals = [strip_blanks(c) for c in cells]
    positioned = list(vals)  # the cells as the table has them, years left blank included
    while vals and not vals[-1]:
        vals.pop()
    if not vals:
        return
    pairs = None
    if len(vals) == 1 and "年" in vals[0]:
        pairs = _YEAR_PAIRS.findall(compact_blanks(vals[0]))
    if pairs:
        known = dict(years)
        for year, value in pairs:
            if year in known:
                fill_leaf(slot, known[year], value, col, written_unit)
            else:
                unknown_year(slot, year, col)
        return
    if len(vals) == 1:
        vals = split_values(vals[0])
    n = len(years)
    filled = [v for v in vals if v]
    if len(vals) == n:
        chosen = vals
    elif len(filled) == n:
        chosen = filled
    elif len(vals) == 3 * n and all(not v for i, v in enumerate(vals) if i % 3):
        chosen = vals[::3]
    elif len(positioned) == 3 * n and all(not v for i, v in enumerate(positioned) if i % 3):
        chosen = positioned[::3]
    elif len(positioned) == n:
        chosen = positioned  # a year left blank in a table row: each value stays under its year
    elif len(vals) > n and all(is_figure(v) for v in vals[:n]) and not any(is_figure(v) for v in vals[n:]):
        # a cell added after the last year for a remark (86.40 | 初步统计): the figures are
        # the years', the words are not a figure of any year
        chosen = vals[:n]
        col.note(slot.path, "\t".join(vals), "\t".join(chosen),
                 f"表格最后一年之后另加的“{'、'.join(v for v in vals[n:] if v)[:40]}”不是数值，未读取")
    else:
        col.find("input.wrong_type", slot.path, raw if raw is not None else "\t".join(cells),
                 f"“{slot.label[:40]}”应分 {'、'.join(y for y, _ in years)} 年填写 {n} 个数值"
                 f"（用 Tab、“/” 或 “；” 分隔），这里有 {len(filled)} 个；这一行未读取。")
        return
    for (year, path), value in zip(years, chosen):
        if value:
            fill_leaf(slot, path, value, col, written_unit)


def single_value(slot: Slot, cells: list[str], col: Collector, raw: str) -> str | None:
    """The one value of a non-yearly row; a row from a yearly table keeps its basis year's cell."""
    vals = [strip_blanks(c) for c in cells]
    while vals and not vals[-1]:
        vals.pop()
    filled = [v for v in vals if v]
    if not filled:
        return None
    if len(filled) == 1:
        return next(c for c in cells if strip_blanks(c))  # as typed: blanks are reported
    f = slot.field
    if f is not None and f.single_in_yearly_table and len(vals) == len(col.t.years):
        return vals[-1] or None
    if slot.leaf_kind == "text":
        return " ".join(filled)
    col.find("input.extra_cells", slot.path, raw,
             f"“{slot.label[:40]}”只有一个值，这一行有 {len(filled)} 个；已读取第一个“{filled[0][:20]}”。")
    return filled[0]


def fill_target_row(slot: Slot, cells: list[str], col: Collector, raw: str) -> None:
    """A row of 三年总体目标 copied from the form: 基准值 and 目标值 (or with the stage years')."""
    t = col.t
    vals = [strip_blanks(c) for c in cells]
    filled = [v for v in vals if v]
    if len(filled) == 1 and len(vals) == 1:
        filled = [v for v in split_values(filled[0]) if v]
    if not filled:
        return
    every = t.cat.target_slots  # base, the stage years, target
    if len(filled) == 2:
        slots: tuple[str, ...] = ("base", "target")
    elif len(filled) == len(every):
        slots = every
    elif len(vals) == 2:  # 基准值 | 目标值 with one left blank: each stays in its column
        slots, filled = ("base", "target"), vals
    else:
        cat = t.cat
        col.find("input.wrong_type", slot.path, raw,
                 f"目标“{slot.label}”应填写 {cat.slot_label('base')}和 {cat.slot_label('target')}两个数（或基准值、"
                 f"{'、'.join(cat.stage_years)}、{cat.target_year} 年{count_word(len(every))}个数）；"
                 f"这里有 {len(filled)} 个，这一行未读取。")
        return
    for name, value in zip(slots, filled):
        if value:
            leaf = t.by_key[f"{slot.path}.{name}"]
            fill_leaf(leaf, leaf.path, value, col)


def fill_std_part(slot: Slot, cells: list[str], col: Collector, raw: str) -> None:
    """A row of the standards table copied from Word: 国家 | 1 | 2 | 国家 | 0 | 1 | 国家 | 1 | 2."""
    vals = [strip_blanks(c) for c in cells]
    part_label = slot.label.rsplit("：", 1)[-1]
    nums = [v for v in vals if v != part_label]
    t = col.t
    years = t.years
    while len(nums) > 2 * len(years) and not nums[-1]:
        nums.pop()  # blank cells after the table's; blank ones inside it stay in place
    if len(nums) != 2 * len(years):
        if any(nums):
            col.find("input.wrong_type", slot.path, raw,
                     f"标准制修订“{part_label}”行应有 {len(years)} 个年度各一组主持数量、参与数量；这一行未读取。")
        return
    for i, year in enumerate(years):
        for j, role in enumerate(("lead", "join")):
            path = f"innovation.standards.{year}.{slot.option}.{role}"
            value = nums[2 * i + j]
            if value:
                fill_leaf(t.by_key[path], path, value, col)


_REGION_SPLIT = re.compile(r"[\s、，,/／|;；]+")


def _typed_in_blanks(folded: str, parts) -> list[str]:
    """What was typed before each printed word of ``___省(区、市)___市(区)___县(市、区)``.

    The printed word (省, 市, 县) completes the name unless what was typed already ends
    with one of the words its bracket allows: 湖北 + 省 = 湖北省, but 样例区 + 县(市、区) = 样例区."""
    pieces = re.split(r"\([^()]*\)", folded)
    brackets = re.findall(r"\(([^()]*)\)", folded)
    out = []
    for i, piece in enumerate(pieces):
        text = re.sub(r"[_\s\u3000]+", "", piece)
        if i >= len(brackets):
            if text:
                out.append(text)
            continue
        label = next((half_width(p.label) for p in parts if half_width(p.label).endswith(f"({brackets[i]})")), None)
        printed = label.split("(", 1)[0] if label else ""
        allowed = [printed] + [w for w in re.split(r"[、,，]", brackets[i]) if w]
        typed = text[: -len(printed)] if printed and text.endswith(printed) else text
        if not typed:
            out.append("")
        elif any(typed.endswith(w) for w in allowed if w):
            out.append(typed)
        else:
            out.append(typed + printed)
    return out


def fill_region(slot: Slot, cells: list[str], col: Collector, raw: str) -> None:
    """所属地区 in one cell: 湖北省 样例市 样例区, or the form's 湖北省(区、市)样例市(区)样例区(市、区)."""
    vals = [strip_blanks(c) for c in cells if strip_blanks(c)]
    if not vals or slot.field is None:
        return
    text = vals[0] if len(vals) == 1 else " ".join(vals)
    parts = slot.field.parts
    folded = half_width(text)
    if "(" in folded:
        # the form's own layout, its blanks typed into: 湖北省(区、市)样例市(区)样例区县(市、区)
        pieces = _typed_in_blanks(folded, parts)
        if not any(pieces):
            return  # the blank form: nothing typed
        pieces = [p for p in pieces if p]
    else:
        pieces = [p for p in _REGION_SPLIT.split(text) if p]
    if len(pieces) != len(parts):
        col.find("input.unreadable", slot.path, text,
                 "所属地区应填写省、市、县三级名称（如“湖北省 样例市 样例区”，用空格或顿号分隔）；未读取。")
        return
    for p, value in zip(parts, pieces):
        fill_leaf(Slot("leaf", f"{slot.path}.{p.key}", slot.section, slot.field, "text"),
                  f"{slot.path}.{p.key}", value, col)


def fill(slot: Slot, cells: list[str], col: Collector, raw: str,
         years: dict[str, str] | None = None, written_unit: str | None = None) -> None:
    """Dispatch on the slot kind. ``years``: Row-contract year columns, when present."""
    kind = slot.kind
    if kind == "yearly":
        if years and any(strip_blanks(v) for v in years.values()):
            known = dict(slot.years)
            for year, value in years.items():
                if year in known and strip_blanks(value):
                    fill_leaf(slot, known[year], value, col, written_unit)
                elif strip_blanks(value):
                    unknown_year(slot, year, col)
            extra = [c for c in cells if strip_blanks(c)]
            if extra:
                col.find("input.extra_cells", slot.path, raw,
                         f"“{slot.label[:40]}”按年度填写，“值”列的“{extra[0][:20]}”未读取。")
            return
        fill_yearly(slot, cells, col, written_unit, raw)
        return
    if kind == "target_row":
        fill_target_row(slot, cells, col, raw)
        return
    if kind == "std_part":
        fill_std_part(slot, cells, col, raw)
        return
    if kind == "region":
        fill_region(slot, cells, col, raw)
        return
    if kind == "ignore":  # a group's own label row: only 无 for the whole group is a value
        if slot.field is not None:
            fill_group_none(slot.path, slot.field, " ".join(c for c in cells if strip_blanks(c)), col)
        return
    if years and not any(strip_blanks(c) for c in cells):
        # a non-yearly row filled in the year columns: its only value, else the basis year's
        ys = [strip_blanks(v) for v in years.values()]
        cells = ys if len([v for v in ys if v]) != 1 else [v for v in ys if v]
    value = single_value(slot, cells, col, raw)
    if value is None:
        if kind == "box":
            col.box(slot.path, slot.option or "", None)
        return
    if kind == "leaf":
        fill_leaf(slot, slot.path, value, col, written_unit)
    elif kind == "box":
        got = read_box(value, slot.path, col)
        if isinstance(got, bool) or got is None:
            col.box(slot.path, slot.option or "", got)
    elif kind == "nc_count":
        count, _, _ = read_number(value, "nc_count", slot.unit or "个", slot.path, col, zero_ok=True)
        if count is not None:
            col.named_part(slot.path, count=count)
    elif kind == "nc_names":
        names = read_names(value, slot.path, col)
        if names is not None:
            col.named_part(slot.path, names=names)
    elif kind == "extra":
        text = strip_note(value)
        if text:
            col.extra_slot(slot.index, slot.option or "", text)
