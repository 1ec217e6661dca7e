"""A rule pack: one round of the law (a notice, its years, its words) as data.

``checker/data/packs/<id>/pack.yaml`` names the notice, the standard, the data years,
the basis, stage and target years, and every word a user reads for a verdict, a status
or a comparison. The 申报表 (``fields.yaml``) and the 认定标准 (``rules/``) are shared by
the rounds; their texts are templates filled from the pack (``checker.law.wording``) when
``python -m checker.data.build`` compiles each pack into ``compiled.json``.

``load_pack(id)`` builds a pack from ``compiled.json``; nothing else is global: the
checker, the templates and the pages take the pack they are given (the site's, the one
whose ``pack.yaml`` says ``site: true``, when none is). A report names its pack and a
short hash of the pack's data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Mapping

from checker.law.catalogue import Catalogue, data_path, validate_catalogue
from checker.law.model import F, construct, model
from checker.law.model import validate as validated
from checker.law.rules import Rule, build_rules, construct_rules

STATUSES = ("pass", "fail", "warn", "missing", "info")
VERDICTS = ("eligible", "not_eligible", "incomplete")
# The messages of a figure judged against its line (checker.judge.checks.base.judge).
JUDGE_MESSAGES = ("pass", "below", "not_above", "equal_not_above", "above",
                  "band_pass", "band_near", "band_below")
# The 在线自评 page's 佐证材料清单 (docs/checker/evidence_list.js).
EVIDENCE_WORDS = ("empty", "intro", "done", "needs", "download_docx", "download_xlsx", "working", "failed")


@model
class Notice:
    number: str = F(description="文号")
    title: str = F(description="通知标题")
    round_year: str = F(description="推荐年度")
    date: str = F(description="发文日期（YYYY-MM-DD）")


@model
class Words:
    verdict: dict[str, str] = F(description="结论：eligible、not_eligible、incomplete")
    status: dict[str, str] = F(description="每种检查结果的说法（命令行、在线自评、批量初审和各导出文件相同）")
    verdict_note: dict[str, str] = F(description="结论的含义（{fail}：未满足的检查的说法）")
    no_hard: str = F(description="某方面没有硬性指标可计数时的说法（代替 0/0）")
    comparison: dict[str, str] = F(description="报告说明中比较的说法（高于、不低于……）")
    judge: dict[str, str] = F(description="数值与门槛比较的说明模板（低于、超过、“左右”区间……）")
    room: dict[str, str] = F(description="批量初审中关键指标相对门槛的余量的说法（高出门槛、低于门槛）")
    comparison_sign: dict[str, str] = F(description="两个页面检查表中比较的写法（≥、≤……）")
    evidence: dict[str, str] = F(description="在线自评页佐证材料清单的用语（已备齐几项、下载按钮……）")

    def __post_init__(self) -> None:
        if set(self.verdict) != set(VERDICTS) or set(self.verdict_note) != set(VERDICTS):
            raise ValueError(f"words.verdict and words.verdict_note must name {VERDICTS}")
        if set(self.status) != set(STATUSES):
            raise ValueError(f"words.status must name {STATUSES}")
        if set(self.judge) != set(JUDGE_MESSAGES):
            raise ValueError(f"words.judge must name {JUDGE_MESSAGES}")
        if set(self.room) != {"above", "below"}:
            raise ValueError("words.room must name above, below")
        if set(self.evidence) != set(EVIDENCE_WORDS):
            raise ValueError(f"words.evidence must name {EVIDENCE_WORDS}")


@model
class PackInfo:
    id: str = F(description="规则包编号（packs/ 下的文件夹名）")
    site: bool = F(False, description="本站发布的规则包（只有一个）")
    notice: Notice
    standard: str = F(description="认定标准的名称")
    years: tuple[str, ...] = F(description="近三年：数据年度，由早到晚")
    basis_year: str = F(description="基准年")
    stage_years: tuple[str, ...] = F(description="目标表的阶段年度")
    target_year: str = F(description="目标年")
    words: Words

    def __post_init__(self) -> None:
        ys = [*self.years, *self.stage_years, self.target_year]
        if self.basis_year != self.years[-1] or ys != sorted(ys) or len(set(ys)) != len(ys):
            raise ValueError(f"pack {self.id}: years must rise, the basis year last of the data years")


@dataclass(frozen=True, eq=False)  # identity: one object per loaded pack (a cache key)
class Pack:
    info: PackInfo
    hash: str  # short sha-256 of the pack's compiled data (checker.data.build)
    catalogue: Catalogue
    rules: tuple[Rule, ...]
    aspects: Mapping[str, str]
    by_id: Mapping[str, Rule] = field(repr=False)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def words(self) -> Words:
        return self.info.words


def pack_from_data(data: dict, validate: bool = False) -> Pack:
    """A pack from its compiled data (``compiled.json``'s ``packs[id]`` or
    ``checker.data.build.compile_pack``); ``validate=True`` runs every validator."""
    if validate:
        info = validated(PackInfo, data["pack"])
        cat = validate_catalogue(data["fields"])
        rules, aspects = build_rules(data["rules"], cat)
    else:
        info = construct(PackInfo, data["pack"])
        cat = construct(Catalogue, data["fields"])
        rules, aspects = construct_rules(data["rules"])
    return Pack(info=info, hash=data["hash"], catalogue=cat, rules=rules,
                aspects=MappingProxyType(aspects), by_id=MappingProxyType({r.id: r for r in rules}))


@cache
def compiled() -> dict:
    """Every pack of ``checker/data`` compiled, as plain data."""
    with open(data_path("compiled.json"), encoding="utf-8") as stream:
        return json.load(stream)


def pack_ids() -> tuple[str, ...]:
    return tuple(compiled()["packs"])


def site_pack_id() -> str:
    """The pack the site publishes (its ``pack.yaml`` says ``site: true``)."""
    return compiled()["site"]


@cache
def load_pack(pack_id: str | None = None, validate: bool = False) -> Pack:
    """The pack ``pack_id`` of ``compiled.json`` (the site's when None); KeyError names
    the packs there are."""
    pack_id = pack_id or site_pack_id()
    packs = compiled()["packs"]
    if pack_id not in packs:
        raise KeyError(f"no rule pack {pack_id!r} (packs: {', '.join(packs)})")
    return pack_from_data(packs[pack_id], validate=validate)


# Shortcuts to the site's pack, here so that catalogue and rules never import the pack
# that is built from them.
def load_catalogue(validate: bool = False) -> Catalogue:
    """The catalogue of the site's pack; ``validate=True`` runs every validator (tests)."""
    return load_pack(validate=validate).catalogue


def load_rules(validate: bool = False) -> tuple[Rule, ...]:
    """Every rule of the site's pack, in the order of checks.md (file order, then order
    within a file). ``validate=True`` runs every model validator and consistency check (tests)."""
    return load_pack(validate=validate).rules


def rules_by_id() -> Mapping[str, Rule]:
    return load_pack().by_id


def __getattr__(name: str) -> object:
    # ASPECTS is read from the data on first use, so importing this module stays cheap.
    if name == "ASPECTS":
        return load_pack().aspects
    raise AttributeError(name)
