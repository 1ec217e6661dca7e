"""What an input row can fill, looked up by key or by label; built once per catalogue (round).

A *slot* is one thing a row names: a leaf (``basic.land_area_km2``), a yearly field
with its year columns (``industry.total_output``), one box of a ``checks`` field
(``industry.chain_actions.chain_map``), a named count's ``.count`` / ``.names``, a
target row of 三年总体目标, a slot of an 其它 target, a row of the standards table
copied from Word, or a section heading. Keys are the Row contract's; labels are the
catalogue's, compared after ``norm`` (half width, no blanks) and, failing that, with
trailing brackets (units, 字数, 需提供清单) cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field
from functools import lru_cache

from checker.law.catalogue import Catalogue, Field, Leaf
from checker.law.pack import load_catalogue
from checker.intake.text import compact, half_width
from checker.law.rows import extra_target_slots

EXTRA_MAX = 20
_EXTRA_KEY = re.compile(r"^plan\.extra_targets\.([0-9]{1,2})\.(direction|indicator|base|target)$")
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
_YEAR_SUFFIX = re.compile(r"^(.*?)[(:]?(20[0-9]{2})年?度?\)?$")
# Headings, table headers and boilerplate of the Word form: recognised, carry no value
# (with the target table's column titles, which name the round's years: ``Tables.extra_slots``).
IGNORED = ("年度", "类别", "方向", "指标", "键", "栏目", "单位", "值", "其它", "定性描述", "主持数量",
           "参与数量", "填报说明", "真实性声明", "附件1", "附件2",
           "附件3", "省级中小企业主管部门推荐意见", "工业和信息化部制", "阶段性目标", "三年总体目标",
           "发展目标", "总体思路", "重点任务", "保障措施", "存在的问题", "发展成效", "集群基本情况简介")


@dataclass(frozen=True, slots=True)
class Slot:
    """One fillable thing; ``kind`` says how a row's cells fill it."""

    kind: str  # leaf | yearly | box | nc_count | nc_names | target_row | extra | std_part | heading | ignore
    path: str  # leaf path, yearly base path, checks/named_count leaf path, section key, ...
    section: str
    field: Field | None = None
    leaf_kind: str = "text"
    unit: str | None = None
    option: str | None = None  # box key, extra-target slot, standards part
    years: tuple[tuple[str, str], ...] = ()  # (year, leaf path) of a yearly slot
    label: str = ""
    context: str | None = None  # normalised label of the row that tells same-named rows apart
    index: int = 0  # extra target number


@lru_cache(maxsize=4096)
def norm(label: str) -> str:
    """Label comparison form: half width, no blanks, no trailing colon, lower case."""
    return compact(half_width(label)).rstrip(":").lower()


def bare(n: str) -> str:
    """``norm`` text with trailing bracketed groups (units, 200字以内, notes) removed."""
    while n.endswith(")"):
        depth = 0
        for i in range(len(n) - 1, -1, -1):
            c = n[i]
            if c == ")":
                depth += 1
            elif c == "(":
                depth -= 1
                if depth == 0:
                    break
        else:
            return n
        if i == 0:
            return n
        n = n[:i].rstrip(":")
    return n


@dataclass
class Tables:
    cat: Catalogue
    by_key: dict[str, Slot] = dc_field(default_factory=dict)
    by_label: dict[str, list[Slot]] = dc_field(default_factory=dict)
    by_bare: dict[str, list[Slot]] = dc_field(default_factory=dict)
    # checks leaf path -> {normalised option label: option key}
    options: dict[str, dict[str, str]] = dc_field(default_factory=dict)
    # normalised option label -> box slots (for box lines copied from Word)
    option_slots: dict[str, list[Slot]] = dc_field(default_factory=dict)
    # section key -> {field key: Field}
    fields: dict[str, dict[str, Field]] = dc_field(default_factory=dict)
    years: tuple[str, ...] = ()
    # An 其它 target's slots and the seed's column titles (方向 / 指标 / <basis> 年基准值 / …)
    extra_slots: dict[str, str] = dc_field(default_factory=dict)
    # leaf path (and every prefix of one) -> catalogue position (``order``), built when first asked
    _order: dict[str, int] | None = None

    def order(self) -> dict[str, int]:
        """Catalogue position of every leaf path and of every prefix of one (a field, a group,
        a target row): values, findings and normalisations are listed in the seed's order,
        whatever order the input came in."""
        if self._order is None:
            order: dict[str, int] = {"input": -1}  # the document itself first
            for i, leaf in enumerate(self.cat.leaves()):
                parts = leaf.path.split(".")
                for n in range(1, len(parts) + 1):
                    order.setdefault(".".join(parts[:n]), i)
            self._order = order
        return self._order

    def add_label(self, label: str, slot: Slot) -> None:
        n = norm(label)
        if not n:
            return
        for table, k in ((self.by_label, n), (self.by_bare, bare(n))):
            got = table.setdefault(k, [])
            if slot not in got:
                got.append(slot)

    def key(self, key: str) -> Slot | None:
        slot = self.by_key.get(key)
        if slot is None:
            m = _EXTRA_KEY.match(key)
            if m and 1 <= int(m.group(1)) <= EXTRA_MAX:
                f = self.cat.field("plan.extra_targets")
                return Slot("extra", "plan.extra_targets", "plan", f, option=m.group(2),
                            index=int(m.group(1)), label=f"{f.label} {m.group(1)}：{self.extra_slots[m.group(2)]}")
        return slot

    def label(self, label: str, loose: bool = True) -> list[Slot]:
        """Candidate slots for a label as typed; [] when unknown. ``loose`` also tries
        the text before its first bracket or colon (a label cell holding its hint)."""
        n = norm(label)
        if not n or len(n) > 300:
            return []
        got = self.by_label.get(n) or self.by_bare.get(bare(n))
        if got:
            return got
        m = _YEAR_SUFFIX.match(n)
        if m and m.group(2) in self.years:
            base = self.by_label.get(m.group(1)) or self.by_bare.get(bare(m.group(1))) or []
            out = [s for s in base if s.kind == "yearly"]
            if out:
                return [year_leaf(s, m.group(2)) for s in out]
        for cut in ("(", ":") if loose else ():
            head = n.split(cut, 1)[0].rstrip(":")
            if head != n and head:
                got = self.by_label.get(head)
                if got:
                    return got
        return []


def year_leaf(slot: Slot, year: str) -> Slot:
    path = dict(slot.years)[year]
    return Slot("leaf", path, slot.section, slot.field, slot.leaf_kind, slot.unit,
                label=f"{slot.label}（{year} 年）", context=slot.context)


def _strip_year(leaf: Leaf) -> str:
    parts = leaf.path.split(".")
    return ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path


# Built tables by catalogue (identity: a catalogue is a frozen tree, hashing it is slow),
# the catalogue kept alive beside them so that its id is never reused; a few rounds at most.
_BUILT: dict[int, tuple[Catalogue, Tables]] = {}
_KEEP = 4


def tables(cat: Catalogue | None = None) -> Tables:
    """The lookup tables of ``cat`` (the site pack's catalogue when None), built once each."""
    cat = cat if cat is not None else load_catalogue()
    got = _BUILT.get(id(cat))
    if got is not None and got[0] is cat:
        return got[1]
    t = _build(cat)
    if len(_BUILT) >= _KEEP:
        _BUILT.pop(next(iter(_BUILT)))
    _BUILT[id(cat)] = (cat, t)
    return t


def _build(cat: Catalogue) -> Tables:
    t = Tables(cat=cat, years=cat.years, extra_slots=dict(extra_target_slots(cat)))
    t.fields = {s.key: {f.key: f for f in s.fields} for s in cat.sections}
    yearly: dict[str, list[Leaf]] = {}
    for leaf in cat.leaves():
        f = leaf.field
        ctx = norm(f.context) if f.context else None
        if leaf.year:
            yearly.setdefault(_strip_year(leaf), []).append(leaf)
        slot = Slot("leaf", leaf.path, leaf.section, f, leaf.kind, leaf.unit, label=leaf.label,
                    context=ctx)
        t.by_key[leaf.path] = slot
        t.add_label(leaf.label, slot)
        if leaf.part and f.kind == "group":
            part = next(p for p in f.parts if p.key == leaf.part)
            t.add_label(part.label, slot)
        if leaf.kind == "checks":
            t.options[leaf.path] = {norm(o.label): o.key for o in f.options}
            for o in f.options:
                box = Slot("box", leaf.path, leaf.section, f, "box", option=o.key,
                           label=f"{f.label}：{o.label}", context=ctx)
                t.by_key[f"{leaf.path}.{o.key}"] = box
                t.add_label(box.label, box)
                t.add_label(o.label, box)
                t.option_slots.setdefault(norm(o.label), []).append(box)
        elif leaf.kind == "named_count":
            names = [leaf.label] + ([p.label for p in f.parts if p.key == leaf.part] if leaf.part else [])
            for what, suffix in (("nc_count", "count"), ("nc_names", "names")):
                s = Slot(what, leaf.path, leaf.section, f, what, leaf.unit,
                         label=f"{leaf.label}（{'数量' if what == 'nc_count' else '名称'}）", context=ctx)
                t.by_key[f"{leaf.path}.{suffix}"] = s
                for name in names:
                    t.add_label(f"{name}（{'数量' if what == 'nc_count' else '名称'}）", s)
    for base, leaves in yearly.items():
        first = leaves[0]
        f = first.field
        label = f.label
        if first.part and f.kind == "standards":
            part = next(p for p in f.parts if p.key == first.part)
            role = next(r for r in f.roles if r.key == first.role)
            label = f"{f.label}：{part.label}{role.label}"
        slot = Slot("yearly", base, first.section, f, first.kind, first.unit, label=label,
                    years=tuple((lf.year, lf.path) for lf in leaves),
                    context=norm(f.context) if f.context else None)
        t.by_key[base] = slot
        t.add_label(label, slot)
    for sec in cat.sections:
        for f in sec.fields:
            if f.kind in ("group", "standards", "targets"):
                # the outer label of a table block: recognised, its rows carry the values
                kind = "region" if f.kind == "group" and f.part_kind == "text" and sec.key == "cover" else "ignore"
                head = Slot(kind, f"{sec.key}.{f.key}", sec.key, f, label=f.label)
                if norm(f.label) not in t.by_label:
                    t.add_label(f.label, head)
    std = cat.field("innovation.standards")
    for p in std.parts:
        t.add_label(p.label, Slot("std_part", "innovation.standards", "innovation", std, "int",
                                  option=p.key, label=f"{std.label}：{p.label}"))
    targets = cat.field("plan.targets")
    for row in targets.rows:
        slot = Slot("target_row", f"plan.targets.{row.key}", "plan", targets, "num", row.unit,
                    option=row.key, label=row.label)
        t.by_key[slot.path] = slot
        t.add_label(row.label, slot)
    extra = cat.field("plan.extra_targets")
    for n in range(1, EXTRA_MAX + 1):
        for key, name in t.extra_slots.items():
            s = t.key(f"plan.extra_targets.{n}.{key}")
            assert s is not None
            t.add_label(f"{extra.label} {n}：{name}", s)
    for s in cat.sections:
        head = Slot("heading", s.key, s.key, label=s.title)
        t.add_label(s.title, head)
        title = s.title.split("、", 1)[-1]
        if title != s.title:
            t.add_label(title, head)
    t.add_label("中小企业特色产业集群申报表", Slot("heading", "cover", "cover", label="封面"))
    for word in (*IGNORED, t.extra_slots["base"], t.extra_slots["target"]):
        if norm(word) not in t.by_label:
            t.add_label(word, Slot("ignore", "", "", label=word))
    return t
