"""The field catalogue (附件1 and 附件2 as data), loaded into frozen models (``checker.law.model``).

The YAML in ``checker/data/fields.yaml`` is the source, its texts templates filled with
the years of a rule pack (``checker.law.pack``); ``checker/data/compiled.json`` is the
stdlib-readable copy of each pack (Pyodide has no PyYAML), rebuilt by
``python -m checker.data.build`` and kept in sync by a test.

Every value an application can hold has a *leaf path*, e.g.
``industry.total_output.<year>``, ``innovation.standards.<year>.national.lead``,
``plan.targets.co2.base``, with the round's years (``checker.law.pack``). The parser fills leaves, the evaluator reads them, the
pages and templates list them: this module is the one place that spells them out.
"""

from __future__ import annotations

import os
from typing import Literal

from checker.law.model import F, construct, derived, model, validate

FieldKind = Literal[
    "text", "num", "int", "pct", "growth", "yesno", "yesno_na", "choice", "checks",
    "named_count", "group", "standards", "targets", "target_list",
]
# What a single leaf holds; a group's leaves take their part kind.
LeafKind = Literal[
    "text", "num", "int", "pct", "growth", "yesno", "yesno_na", "choice", "checks",
    "named_count", "target_list",
]
NUMERIC_KINDS = frozenset({"num", "int", "pct", "growth"})


@model
class Option:
    key: str = F(description="框或部分的键名，稳定不变")
    label: str = F(description="申报表上的原文")


@model
class TargetRow:
    key: str = F(description="目标行键名")
    direction: str = F(description="方向（主导产业、创新……）")
    label: str = F(description="指标名称（申报表原文）")
    unit: str = F(description="默认单位")
    kind: Literal["num", "int", "pct", "growth"] = F("num", description="取值类型（决定合理范围：比例、数量……）")
    units: tuple[str, ...] = F((), description="可选单位（行内可注明）")
    hint: str | None = F(None, description="说明")


@model
class Field:
    key: str = F(description="字段键名，稳定不变")
    label: str = F(description="申报表上的栏目原文")
    kind: FieldKind = F(description="取值类型")
    unit: str | None = F(None, description="单位")
    yearly: bool = F(False, description="是否按近三年分年填写")
    single_in_yearly_table: bool = F(False, description="位于分年表格中的单值行")
    max_chars: int | None = F(None, description="字数上限")
    required: bool = F(True, description="是否必填（填报说明 2）")
    hint: str | None = F(None, description="填写提示（申报表原文或口径说明）")
    note: str | None = F(None, description="申报表上的注（原文）")
    context: str | None = F(None, description="所在栏目，用于区分同名栏目")
    evidence: str | None = F(None, description="需提供的材料（清单、佐证材料、计算公式）")
    na_label: str | None = F(None, description="“不适用”框的原文")
    options: tuple[Option, ...] = F((), description="勾选框或单选项，按申报表顺序")
    parts: tuple[Option, ...] = F((), description="组成部分")
    part_kind: Literal["text", "named_count"] | None = F(None, description="组成部分的类型")
    roles: tuple[Option, ...] = F((), description="标准制修订：主持、参与")
    rows: tuple[TargetRow, ...] = F((), description="目标表的行")

    def __post_init__(self) -> None:
        need = {
            "checks": ("options",), "choice": ("options",), "group": ("parts", "part_kind"),
            "standards": ("parts", "roles"), "targets": ("rows",),
        }.get(self.kind, ())
        for attr in need:
            if not getattr(self, attr):
                raise ValueError(f"field {self.key}: kind {self.kind} needs {attr}")
        for attr, items in (("options", self.options), ("parts", self.parts),
                            ("roles", self.roles), ("rows", self.rows)):
            keys = [i.key for i in items]
            if len(keys) != len(set(keys)):
                raise ValueError(f"field {self.key}: duplicate {attr} key")


@model
class Leaf:
    """One value of the application, addressed by its dotted path."""

    path: str
    section: str
    field: Field
    kind: LeafKind
    unit: str | None = None
    year: str | None = None
    part: str | None = None
    role: str | None = None
    slot: str | None = None
    label: str = F(description="可读的完整栏目名，用于报告和模板")


@model
class Section:
    key: str
    title: str = F(description="申报表中的部分标题")
    annex: str | None = F(None, description="原件印在标题上方的附件编号（如 附件 1）")
    source: str | None = None
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        keys = [f.key for f in self.fields]
        dup = {k for k in keys if keys.count(k) > 1}
        if dup:
            raise ValueError(f"section {self.key}: duplicate field keys {sorted(dup)}")


@model
class Catalogue:
    years: tuple[str, ...] = F(description="近三年：数据年度，由早到晚")
    basis_year: str = F(description="基准年（以该年数据判定，目标表的基准值）")
    stage_years: tuple[str, ...] = F(description="目标表的阶段年度")
    target_year: str = F(description="目标年")
    round_year: str = F(description="推荐年度（通知的年度）")
    issued: str = F(description="通知的发文日期（YYYY-MM-DD），模板文件的日期")
    sections: tuple[Section, ...]
    # Derived once: hashing the frozen tree on every lookup would be slow.
    _leaves: tuple[Leaf, ...] = derived(())
    _index: dict[str, Leaf] = derived()

    def __post_init__(self) -> None:
        keys = [s.key for s in self.sections]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate section key")
        leaves = tuple(leaf for s in self.sections for f in s.fields
                       for leaf in _field_leaves(self, s.key, f))
        object.__setattr__(self, "_leaves", leaves)
        object.__setattr__(self, "_index", {leaf.path: leaf for leaf in leaves})

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def field(self, ref: str) -> Field:
        """``"industry.total_output"`` -> its Field; KeyError when unknown."""
        section, _, key = ref.partition(".")
        for f in self.section(section).fields:
            if f.key == key:
                return f
        raise KeyError(ref)

    @property
    def target_slots(self) -> tuple[str, ...]:
        """The cells of a 三年总体目标 row: 基准值, the stage years, 目标值."""
        return ("base", *self.stage_years, "target")

    def slot_label(self, slot: str) -> str:
        if slot == "base":
            return f"{self.basis_year} 年基准值"
        return f"{self.target_year if slot == 'target' else slot} 年目标值"

    def leaves(self) -> tuple[Leaf, ...]:
        return self._leaves

    def leaf(self, path: str) -> Leaf:
        return self._index[path]

    def index(self) -> dict[str, Leaf]:
        """Path -> Leaf, every leaf in catalogue order (built once; do not modify)."""
        return self._index


def _field_leaves(cat: Catalogue, section: str, f: Field) -> list[Leaf]:
    base = f"{section}.{f.key}"
    years: tuple[str | None, ...] = cat.years if f.yearly else (None,)
    out: list[Leaf] = []

    def add(path: str, kind: str, label: str, **kw: str | None) -> None:
        out.append(Leaf(path=path, section=section, field=f, kind=kind, label=label,
                        unit=kw.pop("unit", f.unit), **kw))

    for year in years:
        ypath = f"{base}.{year}" if year else base
        ylabel = f"{f.label}（{year} 年）" if year else f.label
        if f.kind == "group":
            for p in f.parts:
                add(f"{ypath}.{p.key}", f.part_kind, f"{ylabel}：{p.label}", year=year, part=p.key)
        elif f.kind == "standards":
            for p in f.parts:
                for r in f.roles:
                    add(f"{ypath}.{p.key}.{r.key}", "int", f"{ylabel}：{p.label}{r.label}",
                        year=year, part=p.key, role=r.key, unit="项")
        elif f.kind == "targets":
            for row in f.rows:
                for slot in cat.target_slots:
                    name = cat.slot_label(slot)
                    add(f"{ypath}.{row.key}.{slot}", row.kind, f"{f.label}：{row.label}（{name}）",
                        part=row.key, slot=slot, unit=row.unit)
                if row.units:
                    add(f"{ypath}.{row.key}.unit", "text", f"{f.label}：{row.label}（单位）",
                        part=row.key, slot="unit", unit=None)
        else:
            add(ypath, f.kind, ylabel, year=year)
    return out


def data_path(name: str) -> str:
    """A file of ``checker/data``. A plain path, not importlib.resources: the package
    is always installed as files, and importing importlib.resources costs ~40 ms of
    the browser page's start-up."""
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", name)


def validate_catalogue(data: object) -> Catalogue:
    """The catalogue checked by pydantic: unknown keys, kinds, shapes (build, tests)."""
    return validate(Catalogue, data)
