"""JSON shaped like ``example-application.json``, walked along the catalogue.

Numbers keep their literal text (36.50 stays "36.50"): the decoder hands every JSON
number to ``JNum`` (a ``str``), never to ``int``/``float``, so a 100 000-digit number
cannot hit Python's int conversion limit and a binary float never appears. Nesting is
measured before decoding; anything deeper than an application can be is refused
without recursing. Every value then goes through the same readers as pasted text.
"""

from __future__ import annotations

import json
import re

from checker.law.application import ExtraTarget
from checker.law.catalogue import Field
from checker.intake.collect import Collector
from checker.intake.fill import fill, fill_group_none, fill_leaf, single_value, takes_group_none
from checker.intake.tables import KEY_SHAPE, Slot
from checker.intake.text import ODD, REPLACEMENT, code_points, strip_blanks
from checker.intake.values import read_box, read_checks, read_named, read_names, read_number

MAX_DEPTH = 16
# A string runs to its closing quote or, unterminated, to the end of the text: it always
# matches, so no quote is ever rescanned (an unterminated run of \\" was quadratic).
_STRING = re.compile(r'"[^"\\]*(?:\\(?:.|\Z)[^"\\]*)*(?:"|\Z)', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
# \u escapes that decode to a surrogate or a noncharacter (astral ones are surrogate pairs).
_ODD_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|[fF][dD][dDeE]|[fF]{3}[eEfF])")
IGNORED_TOP = frozenset({"schema", "$schema", "input_format", "version", "comment", "_comment", "note"})
# The figures a message shows as an example of a yearly object (the example's 集群总产值).
EXAMPLE_FIGURES = ("68.20", "76.90", "86.40")


class JNum(str):
    """A JSON number, as its literal text."""


def depth(text: str) -> int:
    """Deepest bracket nesting outside strings; stops counting past ``MAX_DEPTH``."""
    d = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        if m.group() in "[{":
            d += 1
            if d > deepest:
                deepest = d
                if deepest > MAX_DEPTH:
                    return deepest
        else:
            d -= 1
    return deepest


class JObj(dict):
    """A JSON object that remembers keys written twice: (key, first value, last value)."""

    dups: tuple[tuple[str, object, object], ...] = ()


def _object(pairs: list[tuple[str, object]]) -> JObj:
    obj = JObj()
    dups: list[tuple[str, object, object]] = []
    for key, value in pairs:
        if key in obj:
            dups.append((key, obj[key], value))
        obj[key] = value  # the last value is used, as json.loads does
    if dups:
        obj.dups = tuple(dups)
    return obj


def loads(text: str) -> object:
    return json.loads(text, parse_float=JNum, parse_int=JNum, parse_constant=JNum, object_pairs_hook=_object)


def report_duplicates(doc: object, col: Collector) -> None:
    """An ``input.duplicate`` finding for every key written twice in one object, as the
    row path gives for a row written twice (the last value is used). Iterative walk: the
    nesting is already bounded by ``MAX_DEPTH``, but no recursion is needed."""
    stack: list[tuple[str, object]] = [("", doc)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, JObj):
            for key, first, last in node.dups:
                path = f"{where}.{key}" if where else key
                col.find("input.duplicate", path[:120], _show(last),
                         f"JSON 中键“{path[:60]}”写了两次（先为“{_show(first)[:20]}”，后为“{_show(last)[:20]}”），"
                         "以后一次为准；请删去多余的一处。")
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in node.items()
                         if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((f"{where}.{i + 1}" if where else str(i + 1), v) for i, v in enumerate(node)
                         if isinstance(v, (dict, list)))


def _show(v: object) -> str:
    if isinstance(v, dict):
        return "{…}" if v else "{}"
    if isinstance(v, list):
        return "[…]" if v else "[]"
    if v is True:
        return "true"
    if v is False:
        return "false"
    return str(v)


def _kind_name(v: object) -> str:
    """The JSON type of ``v`` in Chinese (JObj and JNum are subclasses: isinstance, not type)."""
    if isinstance(v, bool):
        return "逻辑值（true/false）"
    if isinstance(v, dict):
        return "对象"
    if isinstance(v, list):
        return "列表"
    if isinstance(v, JNum):
        return "数字"
    if isinstance(v, str):
        return "文字"
    return "空值" if v is None else "其他类型"


def _keys(items: object) -> str:
    """Valid keys with their Chinese names, in the catalogue's order: ``national（国家…）、…``."""
    return "、".join(f"{o.key}（{getattr(o, 'label', None) or o.title}）" for o in items)  # type: ignore[attr-defined]


class JsonReader:
    def __init__(self, col: Collector) -> None:
        self.col = col
        self.t = col.t

    def wrong(self, path: str, v: object, expected: str) -> None:
        self.col.find("input.wrong_type", path, _show(v),
                      f"类型不对：这里是{_kind_name(v)}，应为{expected}；已按未填写处理。")

    def unknown(self, path: str, key: str, where: str, valid: str = "") -> None:
        """An unknown key; ``valid`` lists the keys that would be read, in the catalogue's order."""
        known = f"可用的键名：{valid}。" if valid else "请对照本站 JSON 模板中的键名。"
        self.col.find("input.unknown_key", path, key, f"“{key[:40]}”不是{where}的键名，未读取；{known}")

    def read(self, doc: object) -> None:
        if not isinstance(doc, dict):
            self.wrong("input", doc, "一个 JSON 对象（{\"cover\": {…}, \"basic\": {…}, …}）")
            return
        for key, value in doc.items():
            if key in self.t.fields:
                self.section(key, value)
            elif KEY_SHAPE.match(key) and self.t.key(key) is not None:
                self.flat(self.t.key(key), key, value)  # type: ignore[arg-type]
            elif key not in IGNORED_TOP:
                self.unknown("input", key, "申报表的部分", _keys(self.t.cat.sections))

    def flat(self, slot: Slot, key: str, value: object) -> None:
        """``{"industry.total_output.<year>": 68.20}``: a Row-contract key at the top level."""
        if value is None:
            return
        if slot.kind == "yearly" and isinstance(value, dict):
            self.yearly(slot, value)
            return
        text = self.scalar(key, value, slot.leaf_kind)
        if text is not None:
            fill(slot, [text], self.col, f"{key}: {_show(value)}")

    def scalar(self, path: str, v: object, kind: str) -> str | None:
        """A JSON scalar as the text the readers expect; None (with a finding) otherwise."""
        if isinstance(v, str):  # JNum included: its literal text
            return v
        if isinstance(v, bool):
            if kind in ("yesno", "yesno_na", "box"):
                answer = "是" if v else "否"
                self.col.note(path, _show(v), answer, f"{_show(v)} 读作“{answer}”")
                return answer
            self.wrong(path, v, "数字或文字")
            return None
        self.wrong(path, v, "数字或文字")
        return None

    def section(self, section: str, obj: object) -> None:
        if not isinstance(obj, dict):
            if obj is not None:
                self.wrong(section, obj, f"对象（{section} 部分的各栏目）")
            return
        fields = self.t.fields[section]
        for key, value in obj.items():
            f = fields.get(key)
            path = f"{section}.{key}"
            if f is None:
                self.unknown(section, key, f"“{self.t.cat.section(section).title}”部分")
                continue
            if value is None:
                continue
            self.field(path, f, value)

    def field(self, path: str, f: Field, v: object) -> None:
        kind = f.kind
        if kind == "standards":
            self.standards(path, f, v)
        elif f.yearly:
            slot = self.t.by_key[path]
            if isinstance(v, dict):
                self.yearly(slot, v)
            elif isinstance(v, list) and len(v) == len(self.t.years):
                self.yearly(slot, dict(zip(self.t.years, v)))
            else:
                example = ", ".join(f'"{y}": {v}' for y, v in zip(self.t.years, EXAMPLE_FIGURES))
                self.wrong(path, v, f"按年度填写的对象，如 {{{example}}}")
        elif kind == "group":
            self.group(path, f, v)
        elif kind == "targets":
            self.targets(path, f, v)
        elif kind == "target_list":
            self.target_list(path, v)
        elif kind == "checks":
            self.checks(path, f, v)
        elif kind == "named_count":
            self.named(path, v, f.unit)
        elif f.single_in_yearly_table and isinstance(v, (dict, list)):
            self.single_in_table(path, v)
        else:
            self.leaf(path, v)

    def leaf(self, path: str, v: object) -> None:
        slot = self.t.by_key[path]
        text = self.scalar(path, v, slot.leaf_kind)
        if text is not None:
            fill_leaf(slot, path, text, self.col)

    def single_in_table(self, path: str, v: dict | list) -> None:
        """A single-value row of a yearly table given by year (``{<first year>: "", …, <basis year>: 13.92}``):
        its only non-empty cell, else the basis year's cell, exactly as the same row pasted."""
        slot = self.t.by_key[path]
        years = self.t.years
        if isinstance(v, list):
            if len(v) != len(years):
                self.wrong(path, v, f"一个数字（或按年度填写的 {len(years)} 格）")
                return
            v = dict(zip(years, v))
        cells = dict.fromkeys(years, "")
        for year, value in v.items():
            if str(year) not in cells:
                self.unknown(path, str(year), f"“{slot.label[:30]}”的年度", "、".join(years))
            elif value is not None:
                cells[str(year)] = self.scalar(path, value, slot.leaf_kind) or ""
        row = list(cells.values())
        text = single_value(slot, row, self.col, "\t".join(row))
        if text is not None:
            fill_leaf(slot, path, text, self.col)

    def yearly(self, slot: Slot, obj: dict) -> None:
        known = dict(slot.years)
        for year, value in obj.items():
            path = known.get(str(year))
            if path is None:
                self.unknown(slot.path, str(year), f"“{slot.label[:30]}”的年度", "、".join(known))
            elif value is not None:
                text = self.scalar(path, value, slot.leaf_kind)
                if text is not None:
                    fill_leaf(slot, path, text, self.col)

    def standards(self, path: str, f: Field, v: object) -> None:
        if isinstance(v, str) and fill_group_none(path, f, v, self.col):
            return
        if not isinstance(v, dict):
            self.wrong(path, v, "对象，按年度和国际、国家、行业、团体类别分别填写主持数量和参与数量"
                          "（键名见 JSON 模板）；整表都没有的可填“无”")
            return
        parts = {p.key for p in f.parts}
        roles = {r.key for r in f.roles}
        for year, by_part in v.items():
            ypath = f"{path}.{year}"
            if str(year) not in self.t.years:
                self.unknown(path, str(year), "标准制修订的年度", "、".join(self.t.years))
                continue
            if not isinstance(by_part, dict):
                if by_part is not None:
                    self.wrong(ypath, by_part, "对象，按国际、国家、行业、团体类别分别填写主持数量和参与数量（键名见 JSON 模板）")
                continue
            for part, by_role in by_part.items():
                ppath = f"{ypath}.{part}"
                if part not in parts:
                    self.unknown(ypath, str(part), "标准类别", _keys(f.parts))
                    continue
                if not isinstance(by_role, dict):
                    if by_role is not None:
                        self.wrong(ppath, by_role, f"对象，分别填写{_keys(f.roles)}")
                    continue
                for role, value in by_role.items():
                    if role not in roles:
                        self.unknown(ppath, str(role), "主持或参与数量", _keys(f.roles))
                    elif value is not None:
                        self.leaf(f"{ppath}.{role}", value)

    def group(self, path: str, f: Field, v: object) -> None:
        if isinstance(v, str) and fill_group_none(path, f, v, self.col):
            return
        if not isinstance(v, dict):
            what = "数量和名称" if f.part_kind == "named_count" else "文字"
            none = "；整组都没有的可填“无”" if takes_group_none(f) else ""
            self.wrong(path, v, f"对象，各组成部分分别填写{what}（键名见 JSON 模板）{none}")
            return
        parts = {p.key: p for p in f.parts}
        for part, value in v.items():
            if part not in parts:
                self.unknown(path, str(part), f"“{f.label[:30]}”的组成部分", _keys(f.parts))
            elif value is not None:
                if f.part_kind == "named_count":
                    self.named(f"{path}.{part}", value, f.unit)
                else:
                    self.leaf(f"{path}.{part}", value)

    def named(self, path: str, v: object, unit: str | None) -> None:
        col = self.col
        if isinstance(v, dict):
            for k in v:
                if k not in ("count", "names"):
                    self.unknown(path, str(k), "数量或名称", "count（数量）、names（名称）")
            count = names = None
            c = v.get("count")
            if c is not None:
                text = self.scalar(f"{path}.count", c, "nc_count")
                if text is not None:
                    count, _, _ = read_number(text, "nc_count", unit or "个", path, col, zero_ok=True)
            n = v.get("names")
            if isinstance(n, list):
                good = []
                for item in n:
                    if type(item) is str and strip_blanks(item):
                        good.append(strip_blanks(item))
                    elif type(item) is not str:
                        self.wrong(f"{path}.names", item, "名称（文字）")
                if good or not n:
                    names = tuple(good)
            elif isinstance(n, str):
                names = read_names(n, path, col)
            elif n is not None:
                self.wrong(f"{path}.names", n, '名称列表 ["甲", "乙"]')
            if count is not None or names is not None:
                col.named_part(path, count, names)
        elif isinstance(v, str):
            read_named(v, path, unit, col)
        elif isinstance(v, list):
            self.named(path, {"names": v}, unit)
        else:
            self.wrong(path, v, '数量和名称：对象 {"count": 数量, "names": ["名称", …]}，'
                          "或文字“数量：2 个 名称：甲、乙”；没有的填“无”")

    def checks(self, path: str, f: Field, v: object) -> None:
        options = self.t.options[path]
        keys = [o.key for o in f.options]
        if isinstance(v, str):
            got = read_checks(v, path, options, self.col)
            if got is not None:
                self.col.put(path, got)
            return
        ticked: set[str] = set()
        read = 0  # entries understood: a list or object of nothing but errors is no answer
        if isinstance(v, list):
            if not v:
                read = 1
            for item in v:
                if type(item) is not str:
                    self.wrong(path, item, "勾选项的键名（文字）")
                    continue
                read += 1
                s = strip_blanks(item)
                if s in keys:
                    ticked.add(s)
                    continue
                got = read_checks(s, path, options, self.col) if s else ()
                ticked.update(got or ())
        elif isinstance(v, dict):
            for k, on in v.items():
                if k not in keys:
                    self.unknown(path, str(k), f"“{f.label[:30]}”的勾选项", "、".join(keys))
                    continue
                text = self.scalar(f"{path}.{k}", on, "box") if on is not None else None
                if text is None:
                    continue
                got = read_box(text, path, self.col)
                if isinstance(got, bool):
                    read += 1
                if got is True:
                    ticked.add(k)
        else:
            self.wrong(path, v, f'勾选项键名的列表，如 ["{keys[0]}"]（未勾选填 []）')
            return
        if read:
            self.col.put(path, tuple(k for k in keys if k in ticked))

    def targets(self, path: str, f: Field, v: object) -> None:
        cat = self.t.cat
        base, target = cat.slot_label("base"), cat.slot_label("target")
        if not isinstance(v, dict):
            self.wrong(path, v, f"对象，每项指标分别填写 {base}（base）和 {target}（target）（键名见 JSON 模板）")
            return
        rows = {r.key: r for r in f.rows}
        for key, slots in v.items():
            rpath = f"{path}.{key}"
            if key not in rows:
                self.unknown(path, str(key), "三年总体目标的指标", _keys(f.rows))
                continue
            if not isinstance(slots, dict):
                if slots is not None:
                    self.wrong(rpath, slots, f'对象 {{"base": {base}, "target": {target}}}')
                continue
            # The unit first: a value's own unit must not override the row's stated one.
            order = sorted(slots, key=lambda s: s != "unit")
            for slot in order:
                value = slots[slot]
                spath = f"{rpath}.{slot}"
                if spath not in self.t.by_key:
                    self.unknown(rpath, str(slot), "目标行的栏", "、".join(
                        [f"base（{base}）", *cat.stage_years, f"target（{target}）"]
                        + (["unit（单位）"] if rows[key].units else [])))
                elif value is not None:
                    self.leaf(spath, value)

    def target_list(self, path: str, v: object) -> None:
        if not isinstance(v, list):
            self.wrong(path, v, '列表 [{"direction": …, "indicator": …, "base": …, "target": …}]')
            return
        rows = []
        for i, item in enumerate(v, 1):
            if not isinstance(item, dict):
                self.wrong(f"{path}.{i}", item, '对象 {"direction": …, "indicator": …, "base": …, "target": …}')
                continue
            got: dict[str, str] = {}
            for k, value in item.items():
                if k not in self.t.extra_slots:
                    self.unknown(f"{path}.{i}", str(k), "其它指标的栏",
                                 "、".join(f"{k}（{v}）" for k, v in self.t.extra_slots.items()))
                elif isinstance(value, str):
                    got[k] = strip_blanks(value)
                elif value is not None:
                    self.wrong(f"{path}.{i}.{k}", value, "文字或数字")
            if any(got.values()):
                rows.append(ExtraTarget(**got))
        self.col.put(path, tuple(rows))


def looks_like_json(text: str) -> bool:
    """``{…`` always; ``[…`` only when it decodes (a line may start with ``[注]``)."""
    if text[:1] == "{":
        return True
    if text[:1] != "[" or depth(text) > MAX_DEPTH:
        return text[:1] == "["
    try:
        loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def read_json(text: str, col: Collector) -> None:
    if depth(text) > MAX_DEPTH:
        col.find("input.unreadable", "input", text[:80],
                 f"JSON 嵌套层数超过 {MAX_DEPTH} 层，不是申报数据的结构，未读取。")
        return
    try:
        doc = loads(text)
    except RecursionError:
        col.find("input.unreadable", "input", text[:80], "JSON 嵌套过深，未读取。")
        return
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        line, column = getattr(exc, "lineno", "?"), getattr(exc, "colno", "?")
        pos = getattr(exc, "pos", 0) or 0
        col.find("input.unreadable", "input", text[max(0, pos - 30):pos + 30],
                 f"JSON 格式错误（第 {line} 行第 {column} 列：{msg}），整份未读取；"
                 "请检查引号、逗号和括号是否成对（可用本站的 JSON 模板对照）。")
        return
    if "\\u" in text and _ODD_ESCAPE.search(text):  # raw odd code points went before decoding
        replace_odd(doc, col)
    report_duplicates(doc, col)
    JsonReader(col).read(doc)


def replace_odd(doc: object, col: Collector) -> None:
    """Lone surrogates (``"\\ud800"`` decodes to one) and noncharacters in any key or
    string, replaced by U+FFFD and reported on the path where they were: no report can then
    carry a string that cannot be written out. Iterative; the nesting is already bounded."""
    def fixed(text: str, where: str) -> str:
        if text.isascii() or isinstance(text, JNum):
            return text
        odd = ODD.findall(text)
        if not odd:
            return text
        where = ODD.sub(REPLACEMENT, where)  # a key on the path may hold one too
        col.find("input.invalid_unicode", where[:120] or "input", ODD.sub(REPLACEMENT, text),
                 f"JSON 中的文字含有不是文字的 Unicode 码位（{code_points(odd)}，如孤立的代理项），"
                 f"已替换为“{REPLACEMENT}”后读取；请检查来源。")
        return ODD.sub(REPLACEMENT, text)

    stack: list[tuple[str, object]] = [("", doc)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            items = [(fixed(k, f"{where}.{k}" if where else k), v) for k, v in node.items()]
            if any(new is not old for (new, _), old in zip(items, node)):
                dups = getattr(node, "dups", ())
                node.clear()
                node.update(items)
                if dups:
                    node.dups = tuple((fixed(k, where), a, b) for k, a, b in dups)  # type: ignore[attr-defined]
            entries = list(node.items())
        elif isinstance(node, list):
            entries = [(str(i), v) for i, v in enumerate(node)]
        else:
            continue
        for key, value in entries:
            path = f"{where}.{key}" if where else key
            if isinstance(value, str):
                new = fixed(value, path)
                if new is not value:
                    node[int(key) if isinstance(node, list) else key] = new  # type: ignore[index]
            elif isinstance(value, (dict, list)):
                stack.append((path, value))
