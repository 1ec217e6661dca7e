"""Part 八 of the 申报表 (未来三年发展规划) as ``layout.prepare`` walks it.

Inside 八, after its heading and outside its 三年总体目标 table, a paragraph is the
applicant's text, whatever labels it quotes: the reviewer found stage goals written
``集群总产值：97.00亿元`` and introductions starting ``主导产业：汽车零部件`` read as answers
to other parts of the form (and replacing the tables' figures). So here:

- the prose under the headings 一、集群基本情况简介 … (四) 保障措施 becomes one
  ``plan.plan_text`` row (headings kept, as an applicant counts them);
- the text under each stage label (``(1) <stage year> 年度``, or ``<stage year> 年度：…``
  under 阶段性目标; the stage years are the catalogue's)
  becomes that stage goal's row, up to the next stage label or chapter heading; text
  under 阶段性目标 before any year label is set aside with a finding, never guessed;
- the target table's rows are read as the table they are: a scored indicator or a
  定性描述 row goes to the row engine as typed; any other indicator filled in (an own
  indicator in a "....." row, the 其它 row, rows added below it, even one named like a
  field of another part) is an 其它 target ``{方向, 指标, 基准值, 目标值}``;
- a paragraph is an answer only when it is a key line (``plan.targets.co2.base: 0.36``),
  a label of part 八 written in full (``定性描述：开放合作：…``, the Row contract's
  labels) or a target indicator followed by its figures (``研发经费投入：2.10 / 2.85``);
- the form's printed guidance (字数 limits, the hint over the table, 备注 a–g, the two
  包括… paragraphs) is not the applicant's text.

What comes out are rows of cells the row engine reads without guessing: the prose, the
stage goals and the 其它 targets as keyed rows, so that a text copy of them (the page's
text area after a paste) reads back the same.
"""

from __future__ import annotations

import re

from checker.intake.tables import KEY_SHAPE, Slot, Tables, bare, norm
from checker.intake.text import strip_blanks

PLAN_TEXT = "plan.plan_text"
STAGE_GOALS = "plan.stage_goals"
EXTRA = "plan.extra_targets"
STAGE_HEADING = "阶段性目标"
TARGET_HEADING = "三年总体目标"
QUALITATIVE = "定性描述"
Row = tuple[tuple[str, ...], str]

_OUTLINE = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、])")
_TOP_OUTLINE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# A chapter heading ends the stage goals: (三) 重点任务, 四、…; "1." items are a goal's own list.
_CHAPTER = re.compile(r"^\s*(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_LIMIT_LINE = re.compile(r"^[(（][0-9]{1,5}\s*字以内[)）]$")
_REMARK = re.compile(r"^[(（]\s*备注")
_REQUIREMENT = re.compile(r"^(?:[-•·*]\s*)?[a-g][.．、]")
_NO_WORDS = re.compile(r"^[\W_]*$")
_COLON = re.compile(r"[:：]")
_KEY_LINE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\s*[:：=\t]")
# (1) <year> 年度, （1）<year>年度：…, <year> 年度 (under 阶段性目标), 阶段性目标：(1) <year> 年度：…
_STAGE = re.compile(r"^(?:阶段性目标\s*[:：]\s*)?(?P<n>[(（]\s*[1-9]\s*[)）]|[1-9]\s*[.．、])?\s*"
                    r"(?P<y>20[0-9]{2})\s*年\s*度?\s*(?:目标)?(?P<rest>.*)$", re.S)
# A figure and at most a unit: 2.10, 12.55%, 0.36 吨二氧化碳/万元 (not prose around a figure)
_FIGURE = re.compile(r"^[-+−－]?[0-9０-９][0-9０-９.．,，]*[^0-9０-９]{0,12}$")
MAX_COLON_TRIES = 8


def stage_keys(t: Tables) -> dict[str, str]:
    """Stage year -> leaf path (each part of plan.stage_goals: ``<year>`` -> plan.stage_goals.<year>)."""
    f = t.cat.field(STAGE_GOALS)
    return {p.key: f"{STAGE_GOALS}.{p.key}" for p in f.parts}


def label_before_colon(text: str, t: Tables) -> tuple[list[Slot], str, str] | None:
    """(slots, label, value) of a ``标签：值`` line: the longest catalogue label before one
    of its first colons, as the row engine reads it."""
    colons = [m.start() for m in _COLON.finditer(text, 0, min(len(text), 400))][:MAX_COLON_TRIES]
    for pos in reversed(colons):
        slots = t.label(text[:pos], False)
        if slots:
            return slots, text[:pos], text[pos + 1:]
    return None


def _figures(value: str) -> int:
    """How many figures the value holds when it is only figures (0 when it is text)."""
    from checker.intake.fill import split_values

    parts = [p for p in split_values(value) if p]
    return len(parts) if parts and all(_FIGURE.match(p) for p in parts) else 0


def _answer(slot: Slot, label: str, value: str) -> bool:
    """Whether ``label：value`` in a paragraph of 八 answers a field of 八."""
    if slot.section != "plan" or slot.kind in ("ignore", "heading"):
        return False
    if slot.kind == "target_row":
        return _figures(value) in (2, 4)  # 研发经费投入：2.10 / 2.85
    return bare(norm(label)) == bare(norm(slot.label))  # 定性描述：开放合作, not 开放合作 alone


def stage_label(text: str, loose: bool, stages: dict[str, str]) -> tuple[str, str] | None:
    """(leaf path, the goal written after the label) of a stage label line (``stages``:
    ``stage_keys``). ``loose``: under 阶段性目标, a year alone (``<year> 年度``, ``<year>年：…``)
    is a label too."""
    m = _STAGE.match(text)
    if m is None or m.group("y") not in stages:
        return None
    rest = strip_blanks(m.group("rest"))
    numbered = m.group("n") is not None
    if rest[:1] in (":", "："):
        rest = strip_blanks(rest[1:])
    elif rest and not numbered:
        return None  # <year>年集群总产值达到97亿元: a goal's text that names a year
    if not numbered and not loose:
        return None
    return stages[m.group("y")], rest


class _Targets:
    """The 三年总体目标 table after its header row (方向 | 指标 | <basis year> 年基准值 |
    <target year> 年目标值)."""

    def __init__(self, header: list[str], t: Tables) -> None:
        self.t = t
        self.base = next((i for i, h in enumerate(header) if "基准" in h), 2)
        self.target = next((i for i, h in enumerate(header) if t.cat.target_year in h),
                           next((i for i, h in enumerate(header) if "目标" in h and i != self.base), 3))
        self.direction = ""
        self.count = 0

    def row(self, cells: tuple[str, ...], where: str, out: list) -> bool:
        """An own indicator as keyed 其它 rows (True); False: the row engine reads it as typed."""
        s = [strip_blanks(c) for c in cells]
        if s[0]:
            self.direction = s[0]
        indicator = s[1]
        base = s[self.base] if self.base < len(s) else ""
        target = s[self.target] if self.target < len(s) else ""
        named = self.t.label(indicator, False) if indicator else []
        if any(x.kind == "target_row" for x in named) or norm(indicator) == QUALITATIVE:
            return False  # a scored indicator, a 定性描述: read as typed
        dots = not indicator or _NO_WORDS.match(indicator) is not None
        if not base and not target and (dots or _is_none(indicator)):
            return False  # a blank "....." row, 其它 | 无
        self.count += 1
        for slot, text in (("direction", self.direction), ("indicator", "" if dots else indicator),
                           ("base", base), ("target", target)):
            if text:
                out.append(((f"{EXTRA}.{self.count}.{slot}", text), where))
        return True


def _is_none(text: str) -> bool:
    from checker.intake.values import is_none

    return is_none(text)


class PlanPart:
    """Walks part 八's rows; ``out`` is ``prepare``'s output (``None`` marks a row given up)."""

    def __init__(self, out: list, t: Tables) -> None:
        self.out = out
        self.t = t
        self.stage_keys = stage_keys(t)
        self.target_hint = norm(t.cat.field("plan.targets").hint or "")
        self.prose: list[str] = []
        self.prose_at: int | None = None
        self.written = False  # some prose besides the outline's headings
        self.after_outline = False
        self.remark = False  # inside 备注 a–g
        self.staging = False  # under 阶段性目标
        self.stage: int | None = None  # out index of the stage goal being written
        self.stages: dict[int, tuple[str, list[str], str]] = {}
        self.targets: _Targets | None = None

    def row(self, cells: tuple[str, ...], single: str | None, where: str) -> bool:
        """Take a row of 八 (True), or leave it to the row engine as typed (False)."""
        if single is not None and len(cells) == 1:
            self.targets = None  # a paragraph ends the target table
            self.paragraph(single, where)
            return True
        s = [norm(strip_blanks(c)) for c in cells]
        if len(s) >= 4 and s[0] == "方向" and s[1] == "指标":
            self.targets = _Targets(s, self.t)
            return False
        if self.targets is None or len(cells) < 3 or KEY_SHAPE.match(s[0] or "-"):
            return False
        return self.targets.row(cells, where, self.out)

    # -- paragraphs ------------------------------------------------------------------
    def paragraph(self, text: str, where: str) -> None:
        n = norm(text)
        if self.remark and _REQUIREMENT.match(text):
            return  # a. 近三年产值年均增速不低于 10% … g. …)
        self.remark = False
        if _NO_WORDS.match(n):
            return  # dots and rules
        if _LIMIT_LINE.match(n) or n == self.target_hint or (n.endswith(norm(TARGET_HEADING)) and len(n) < 12):
            return  # (3000 字以内), the hint over the table, 1. 三年总体目标
        if _REMARK.match(text):
            self.remark = not text.rstrip().endswith((")", "）"))
            return
        if n.endswith(STAGE_HEADING) and len(n) < 12:
            self.staging, self.stage = True, None  # 2.阶段性目标
            return
        stage = stage_label(text, self.staging, self.stage_keys)
        if stage is not None:
            self.start_stage(*stage, where)
            return
        if self.staging:
            if _CHAPTER.match(text) is None:
                if _KEY_LINE.match(text):
                    self.out.append(((text,), where))
                else:
                    self.goal(text, where)
                return
            self.staging, self.stage = False, None  # (三) 重点任务: the prose resumes
        if _KEY_LINE.match(text):
            self.out.append(((text,), where))
            return
        found = label_before_colon(text, self.t)
        if found is not None:
            slots, label, value = found
            if slots[0].path == PLAN_TEXT:
                if strip_blanks(value):
                    self.add_prose(strip_blanks(value), where)  # 发展规划（3000 字以内）：一、…
                return
            if _answer(slots[0], label, value):
                self.out.append(((text,), where))
                return
        else:
            slots = self.t.label(text, False)
            if slots and slots[0].path == PLAN_TEXT:
                return  # the field's own label
            if slots and slots[0].section == "plan" and slots[0].kind not in ("ignore", "heading"):
                self.out.append(((text,), where))  # a label of 八 alone: nothing to read
                return
        if self.after_outline and text.startswith("包括") and text.endswith("。"):
            return  # the form's printed guidance under 一、 and 二、
        self.add_prose(text, where)

    def add_prose(self, text: str, where: str) -> None:
        self.after_outline = bool(_TOP_OUTLINE.match(text))
        if self.prose_at is None:
            self.prose_at = len(self.out)
            self.out.append(((PLAN_TEXT, ""), f"{where}起的正文"))
        self.prose.append(text)
        self.written = self.written or not _OUTLINE.match(text)

    def start_stage(self, path: str, inline: str, where: str) -> None:
        self.staging = True
        self.stage = len(self.out)
        self.out.append(None)
        self.stages[self.stage] = (path, [inline] if inline else [], where)

    def goal(self, text: str, where: str) -> None:
        if self.stage is None:
            # Under 阶段性目标 but before any year: whose goal it is would be a guess.
            self.out.append(((STAGE_HEADING, text), where))
            return
        self.stages[self.stage][1].append(text)

    def finish(self) -> None:
        """Write the gathered prose and stage goals into their rows."""
        if self.prose_at is not None:
            _, where = self.out[self.prose_at]
            self.out[self.prose_at] = ((PLAN_TEXT, "\n".join(self.prose)), where) if self.written else None
        for at, (path, lines, where) in self.stages.items():
            text = "\n".join(lines)
            self.out[at] = ((path, text), where) if strip_blanks(text) else None

