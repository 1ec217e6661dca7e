"""What to write in a field, in Chinese: one wording for the parser's findings and the
checks' messages, so that the advice a report gives always fits the field.

填报说明 2 asks for “无” where there is nothing to report; but 无 is an answer only for
counts, amounts (万元, 亿元), text, box lists and the 名称及数量 groups. For a rate, an
intensity, an area or a 是/否 question, the advice says what to write instead, and every
example it quotes reads back without a finding (``tests/judge/test_messages.py``).
"""

from __future__ import annotations

from checker.law.catalogue import Leaf

MONEY_UNITS = frozenset({"亿元", "万元", "元"})


def expected(kind: str, unit: str | None) -> str:
    """The figure a numeric field takes, with a quoted example: ``0 或正整数（单位：家），如“12”``."""
    if kind in ("int", "nc_count"):
        return f"0 或正整数{f'（单位：{unit}）' if unit else ''}，如“12”"
    if kind == "pct":
        return "0 到 100 之间的百分数数值，保留 2 位小数，如“12.50”或“12.50%”"
    if kind == "growth":
        return "百分数数值（可为负数），保留 2 位小数，如“10.50”或“-3.20%”"
    return f"数字{f'（单位：{unit}）' if unit else ''}，保留 2 位小数，如“{'0.42' if unit and '/' in unit else '68.20'}”"


def measure(kind: str, unit: str | None) -> str:
    """What a figure is, as a noun: why 无 is not a value for it."""
    if kind == "pct":
        return "比例"
    if kind == "growth":
        return "增速（增长率、降低率）"
    if unit and "/" in unit:
        return f"强度（{unit}）"
    if unit == "平方公里":
        return "面积（平方公里）"
    return f"数值{f'（单位：{unit}）' if unit else ''}"


def choices_text(choices: tuple[str, ...]) -> str:
    """“是”“否”或“不适用”."""
    quoted = [f"“{c}”" for c in choices]
    return "".join(quoted[:-1]) + ("或" if len(quoted) > 1 else "") + quoted[-1]


def pick(choices: tuple[str, ...]) -> str:
    """勾选“是”或“否”: the words a one-answer field takes."""
    return f"请勾选{choices_text(choices)}" + ("之一" if len(choices) > 2 else "")


def answers(leaf: Leaf) -> tuple[str, ...]:
    """The answers of a 是/否 (or choice) leaf, as the form prints its boxes."""
    f = leaf.field
    if leaf.kind == "choice":
        return tuple(o.label for o in f.options)
    if leaf.kind == "yesno_na":
        return ("是", "否", f.na_label or "不适用")
    return ("是", "否")


def none_accepted(leaf: Leaf) -> bool:
    """Where 无 is an answer (fields.md): counts, amounts, box lists, names, text."""
    if leaf.slot is not None:  # 三年总体目标: a target must be set, never 无
        return False
    if leaf.kind in ("int", "nc_count", "checks", "named_count", "target_list"):
        return True
    if leaf.kind == "num":
        return leaf.unit in MONEY_UNITS
    return leaf.kind == "text"


def fill_advice(leaf: Leaf, judged_filled: bool = False) -> str:
    """What to write in an empty required field (form.required). ``judged_filled``: a rule
    requires the field to be filled and not 无 (集群运营管理机构), so 无 is not advised."""
    kind = leaf.kind
    if kind in ("yesno", "yesno_na", "choice"):
        return pick(answers(leaf)) + "。"
    if kind == "checks":
        return "请勾选已开展的工作；都未开展的填写“无”。"
    if kind == "named_count":
        return "请填写数量和名称，如“数量：2 个 名称：甲、乙”；没有的填写“无”。"
    if kind == "text":
        f = leaf.field
        if judged_filled:
            return "认定标准要求此栏有实际内容，请如实填写。"
        if bool(f.max_chars) or leaf.section == "plan" or f.evidence == "计算公式":
            return "没有相关情况的请填写“无”。"
        return ""  # a name, a date, a contact: nothing to add to 未填写
    if kind in ("num", "int", "pct", "growth"):
        tail = "；没有的填写“无”" if none_accepted(leaf) else ""
        return f"请填写{expected(kind, leaf.unit)}{tail}。"
    return ""
