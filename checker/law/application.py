"""What the parser hands to the evaluator: one application as leaf values.

Values are keyed by the leaf paths of ``checker.law.catalogue`` (``industry.total_output.<year>``).
A path that is absent is *missing* (empty); an answer of "none" is present:
an empty tuple of boxes, ``Decimal(0)``, ``"否"``, or the text ``"无"``.

Value types by leaf kind:
- num, int, pct, growth: ``Decimal`` (counts are integral Decimals)
- text: ``str``; choice: the option's label (``"第二产业"``)
- yesno: ``"是"`` | ``"否"``; yesno_na: ``"是"`` | ``"否"`` | ``"不适用"``
- checks: tuple of option keys, in catalogue order
- named_count: ``NamedCount``
- target_list: tuple of ``ExtraTarget``
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Union

from checker.law.model import F, model

InputFormat = Literal["json", "tsv", "lines", "docx", "xlsx", "csv", "html"]


@model
class NamedCount:
    count: Decimal | None = F(None, description="数量（个）")
    names: tuple[str, ...] = F((), description="名称清单")


@model
class ExtraTarget:
    direction: str = F("", description="方向")
    indicator: str = F("", description="指标")
    base: str = F("", description="基准值（基准年）")
    target: str = F("", description="目标值（目标年）")


Value = Union[Decimal, str, tuple[str, ...], NamedCount, tuple[ExtraTarget, ...]]


@model
class Finding:
    id: str = F(description="规则或问题编号，如 form.decimals、input.unreadable")
    field: str = F(description="字段路径，如 industry.total_output 加年度")
    raw: str | None = F(None, description="原始输入（原样引用）")
    message: str = F(description="中文说明：问题是什么，应当怎么填")


@model
class Normalisation:
    field: str = F(description="字段路径")
    raw: str = F(description="原始输入")
    value: str = F(description="规范化后的值")
    how: str = F(description="做了什么规范化（中文）")
    source: str | None = F(None, description="在文件中的位置（部分、表格行，或段落）")


@model
class Application:
    input_format: InputFormat = F(description="识别出的输入格式")
    values: dict[str, Value] = F(default_factory=dict, description="按字段路径的取值")
    raw: dict[str, str] = F(default_factory=dict,
                            description="数字字段的原始文字（用于判断小数位数）")
    findings: tuple[Finding, ...] = F((), description="读取时发现的问题")
    normalised: tuple[Normalisation, ...] = F((), description="读取时做的规范化")
