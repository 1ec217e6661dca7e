"""Typed, recorded reads of an Application's values for the checks.

Each check reads through its own ``Reader``: what it read (and what it needed but
found absent) becomes the check's ``inputs`` in the report. A value of the wrong type
(a text where a number belongs) reads as absent and is reported once as a finding, so
a malformed Application can never make a check raise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from checker.law.application import Application, ExtraTarget, Finding, NamedCount
from checker.judge.arith import fmt
from checker.law.catalogue import Catalogue

if TYPE_CHECKING:
    from checker.law.pack import Pack

YES, NO, NA = "是", "否", "不适用"
SHOWN = 500  # characters of an input quoted in the report


def out_of_range(kind: str, value: Decimal) -> str | None:
    """Why a figure is impossible for its kind (fields.md), or None: a percent within
    0-100, a count whole and not negative, an amount or intensity not negative. Growth
    rates may be anything (negative, above 100)."""
    if kind == "pct" and not 0 <= value <= 100:
        return "比例应在 0—100 之间"
    if kind in ("int", "nc_count") and (value < 0 or value != value.to_integral_value()):
        return "数量应为不小于 0 的整数"
    if kind == "num" and value < 0:
        return "不应为负数"
    return None


def show(value: object) -> str:
    """A leaf value as report text."""
    if isinstance(value, Decimal):
        return fmt(value) or ""
    if isinstance(value, NamedCount):
        count = "" if value.count is None else fmt(value.count)
        names = "、".join(value.names)
        return f"{count}（{names}）" if names else (count or "")
    if isinstance(value, tuple):
        if value and isinstance(value[0], ExtraTarget):
            return "；".join(f"{t.indicator} {t.base}→{t.target}" for t in value)
        return "、".join(str(v) for v in value) if value else "（未勾选）"
    return str(value)


class Facts:
    """The application as the checks see it; shared by every Reader of one evaluation."""

    __slots__ = ("app", "cat", "pack", "values", "wrong", "leaves")

    def __init__(self, app: Application, cat: Catalogue, pack: Pack) -> None:
        self.app = app
        self.cat = cat
        self.pack = pack  # the round: its rules (another check's threshold) and words
        self.values = app.values
        self.wrong: dict[str, Finding] = {}
        self.leaves = cat.index()

    def _typed(self, path: str, kinds: tuple[type, ...], expected: str) -> object | None:
        v = self.values.get(path)
        if v is None:
            return None
        if isinstance(v, kinds) and not (isinstance(v, Decimal) and not v.is_finite()):
            return v
        if path not in self.wrong:
            self.wrong[path] = Finding(
                id="input.wrong_type", field=path, raw=show(v)[:200],
                message=f"无法读取：此栏目应为{expected}，已按未填写处理。")
        return None


class Reader:
    """One check's view: typed getters that record every path they touch.

    ``judged=False`` marks a read that only feeds a note or a cross-check; the paths of
    judged figures outside their range (``out_of_range``) are kept in ``out_of_range``:
    such a figure cannot make its check pass (``checker.judge.evaluate``)."""

    __slots__ = ("facts", "inputs", "out_of_range")

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.inputs: dict[str, str | None] = {}
        self.out_of_range: list[str] = []

    def _judge(self, path: str, kind: str | None, value: Decimal | None) -> None:
        if value is not None and kind is not None and out_of_range(kind, value) and path not in self.out_of_range:
            self.out_of_range.append(path)

    def _note(self, path: str, value: object | None) -> None:
        if value is None:
            self.inputs[path] = None
            return
        text = show(value)
        # The report echoes inputs; a pasted novel is quoted by its start only.
        self.inputs[path] = text if len(text) <= SHOWN else f"{text[:SHOWN]}…（共 {len(text)} 字符）"

    def num(self, path: str, judged: bool = True) -> Decimal | None:
        v = self.facts._typed(path, (Decimal,), "数字")
        self._note(path, v)
        if judged:
            leaf = self.facts.leaves.get(path)
            self._judge(path, leaf.kind if leaf is not None else None, v)  # type: ignore[arg-type]
        return v  # type: ignore[return-value]

    def years(self, field: str, judged: bool = True) -> dict[str, Decimal | None]:
        return {y: self.num(f"{field}.{y}", judged) for y in self.facts.cat.years}

    def answer(self, path: str) -> str | None:
        v = self.facts._typed(path, (str,), "“是”“否”或“不适用”")
        if v is not None and v not in (YES, NO, NA):
            self.facts.wrong.setdefault(path, Finding(
                id="input.wrong_type", field=path, raw=str(v)[:200],
                message="无法读取：此栏目应勾选“是”“否”（或“不适用”），已按未填写处理。"))
            v = None
        self._note(path, v)
        return v  # type: ignore[return-value]

    def text(self, path: str) -> str | None:
        v = self.facts._typed(path, (str,), "文字")
        self._note(path, v)
        return v  # type: ignore[return-value]

    def boxes(self, path: str) -> tuple[str, ...] | None:
        v = self.facts._typed(path, (tuple,), "勾选项")
        if v is not None and not all(isinstance(b, str) for b in v):  # type: ignore[union-attr]
            self.facts.wrong.setdefault(path, Finding(
                id="input.wrong_type", field=path, raw=show(v)[:200],
                message="无法读取：此栏目应为勾选项，已按未填写处理。"))
            v = None
        self._note(path, v)
        return v  # type: ignore[return-value]

    def named(self, path: str) -> NamedCount | None:
        v = self.facts._typed(path, (NamedCount,), "“数量”和“名称”")
        self._note(path, v)
        if isinstance(v, NamedCount) and v.count is not None and v.count.is_finite():
            self._judge(path, "nc_count", v.count)
        return v  # type: ignore[return-value]

    def named_total(self, field: str) -> tuple[Decimal | None, bool]:
        """Sum of the parts' counts (a part with names only counts its names).

        Returns (total of what is present, whether every part is present).
        """
        f = self.facts.cat.field(field)
        total, complete = Decimal(0), True
        for part in f.parts:
            nc = self.named(f"{field}.{part.key}")
            n = named_count(nc)
            if n is None:
                complete = False
            else:
                total += n
        return total, complete


def named_count(nc: NamedCount | None) -> Decimal | None:
    if nc is None:
        return None
    if nc.count is not None and nc.count.is_finite():
        return nc.count
    if nc.names:
        return Decimal(len(nc.names))
    return None
