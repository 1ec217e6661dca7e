"""The report: exactly the JSON of shared/spec/contract.md, as frozen pydantic models.

Numbers are decimal strings, never binary floats. ``checker/data/report.schema.json`` is
this module's JSON Schema (``python -m checker.data.build`` rewrites it; a test keeps it fresh).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field as F

from checker.judge.evaluate import SCHEMA_ID, report_dict  # the dict these models type
from checker.law.application import Application, InputFormat
from checker.law.pack import Pack
Status = Literal["pass", "fail", "warn", "missing", "info"]
Verdict = Literal["eligible", "not_eligible", "incomplete"]
SCHEMA_FILE = Path(__file__).parent.parent / "data" / "report.schema.json"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CheckResult(Frozen):
    id: str = F(description="规则编号，如 core.output_growth")
    aspect: str = F(description="所属方面，如 core")
    hard: bool = F(description="是否为硬性指标（决定认定结论）")
    status: Status = F(description="pass 符合、fail 不符合、warn 提醒、missing 待补充、info 参考（说法见规则包 words.status）")
    value: str | None = F(None, description="判定所用的数值或答案（十进制字符串）")
    threshold: str | None = F(None, description="门槛")
    comparison: str = F(description="比较方式（>=、>、<=、左右……）")
    margin: str | None = F(None, description="与门槛的差距（正数为有余量）")
    unit: str | None = F(None, description="单位")
    formula: str | None = F(None, description="代入实际数字的计算式")
    inputs: dict[str, str | None] = F(description="读取的栏目及其取值（未填写为 null）")
    clause: str = F(description="认定标准或申报表原文")
    message: str = F(description="中文说明：为什么符合或不符合，怎么改")
    notes: tuple[str, ...] = F((), description="附注：不改变判定结果的提示")


class AspectScore(Frozen):
    passed: int = F(description="符合（含提醒）的硬性指标数")
    total: int = F(description="硬性指标数")
    status: Status = F(description="该方面最差的状态")


class Score(Frozen):
    passed: int = F(description="符合（含提醒）的硬性指标数")
    total: int = F(description="硬性指标总数")
    by_aspect: dict[str, AspectScore] = F(description="按方面统计")


class ReportFinding(Frozen):
    id: str = F(description="问题编号，如 form.decimals、input.unreadable")
    field: str = F(description="字段路径")
    raw: str | None = F(None, description="原始输入（原样引用）")
    message: str = F(description="中文说明：问题是什么，应当怎么填")


class EvidencePart(Frozen):
    key: str = F(description="申报表部分的键名，如 industry")
    title: str = F(description="申报表部分的标题，如 二、主导产业情况")


class Evidence(Frozen):
    id: str = F(description="稳定的条目编号：字段路径，勾选项再加框的键名（如 industry.chain_actions.chain_map）")
    part: EvidencePart = F(description="所属的申报表部分（按申报表顺序排列）")
    field: str = F(description="字段路径")
    box: str | None = F(None, description="勾选框键名（勾选项才有）")
    label: str = F(description="申报表原文（勾选框、栏目或注中所说的数据；不含“需提供……”的提示）")
    needs: str = F(description="需提供的材料：佐证材料、清单、计算公式……")


class Normalised(Frozen):
    field: str = F(description="字段路径")
    raw: str = F(description="原始输入")
    value: str = F(description="规范化后的值")
    how: str = F(description="做了什么规范化")
    source: str | None = F(None, description="在文件中的位置（部分、表格行，或段落）；文字输入为 null")


class PackRef(Frozen):
    id: str = F(description="规则包编号（checker/data/packs/ 下的文件夹名）")
    hash: str = F(description="规则包数据（年度、栏目、规则）的 sha-256 摘要前 12 位")


class Subject(Frozen):
    name: str = F(description="集群名称（汇总表、封面或基本情况表所填；未填为空）")
    filed_on: str = F(description="封面的申报时间（原样；未填为空）")


class Report(Frozen):
    schema_: Literal["cluster-check-report/1"] = F(SCHEMA_ID, alias="schema", description="报告格式版本")
    standard: str = F(description="依据的认定标准")
    pack: PackRef = F(description="所用的规则包：编号及其数据的摘要")
    subject: Subject = F(description="申报的集群：打印报告的抬头")
    input_format: InputFormat = F(description="识别出的输入格式")
    verdict: Verdict = F(description="eligible 符合、not_eligible 不符合、incomplete 待补充")
    score: Score
    checks: tuple[CheckResult, ...] = F(description="每项检查，按认定标准顺序")
    findings: tuple[ReportFinding, ...] = F(description="填报问题")
    evidence: tuple[Evidence, ...] = F(description="佐证材料清单：按申报表的部分和顺序，每项一次")
    normalised: tuple[Normalised, ...] = F(description="读取时做的规范化")

    model_config = Frozen.model_config | {"populate_by_name": True, "serialize_by_alias": True}

    def to_json(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


def json_schema() -> str:
    schema = Report.model_json_schema(by_alias=True, mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def evaluate(app: Application, pack: Pack | None = None) -> Report:
    """The report as its validated model (tests, typed callers); ``report_dict`` is faster.

    Here and not in ``evaluate``: building the eight report models costs ~0.1 s of the
    browser's start-up, and the page only needs ``report_dict``."""
    return Report.model_validate(report_dict(app, pack))
