"""The 申报表's own layout: what of its rows is an answer, before the row engine reads them.

The row engine (``checker.parse.rows``) reads label/value rows. A whole 申报表, as a
.docx, an HTML clipboard or a full copy of the Word document, also holds parts that are
not label/value rows; this pass handles them, the same for every input:

- 填报说明 (the form's instructions) is skipped up to the next part heading;
- 九、真实性声明及推荐意见 and everything after it is skipped (signatures, seals);
- in 八, the prose under its headings (一、集群基本情况简介 … (四) 保障措施) is gathered into
  ``plan.plan_text`` (headings kept, as an applicant would count them), while the 三年总体
  目标 table, its 备注 a–g, the 阶段性目标 and the form's own printed guidance are not
  counted (fields.md: text(3000); the target table and stage goals are not counted);
- the form's placeholders ("(XX(省、市)XX(县、区)XX产业))", blank lines ____) are not answers.

Each row keeps where it came from, prefixed with the part it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from checker.files.boxes import PRIVATE_USE_BOXES
from checker.parse.tables import norm, tables
from checker.parse.text import BLANKS, strip_blanks

INSTRUCTIONS = "填报说明"
DECLARATION = "真实性声明及推荐意见"  # 九、真实性声明及推荐意见: signatures, not data
PLAN_TEXT = "plan.plan_text"
Row = tuple[tuple[str, ...], str]  # cells, and where they came from ("" when unknown)
STAGE_HEADING = "阶段性目标"
TARGET_HEADING = "三年总体目标"
_OUTLINE = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、])")
_TOP_OUTLINE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_LIMIT_LINE = re.compile(r"^[(（][0-9]{1,5}\s*字以内[)）]$")
_REMARK = re.compile(r"^[(（]\s*备注")
_REQUIREMENT = re.compile(r"^[a-g][.．、]")
_BLANKS = re.compile(r"_{2,}|＿{2,}")
_LABEL_COLON = re.compile(r"[:：]")
_NO_WORDS = re.compile(r"^[\W_]*$")
_PRIVATE_USE = re.compile("[\uf000-\uf0ff]")
# A cell that may hold a placeholder: a blank line (two or more underscores; a key such
# as industry.total_output has one), a symbol box whose font was lost, or a cell that
# starts with a bracket (the form's printed hints).
_CLEAN_NEEDED = re.compile("__|＿＿|[\uf000-\uf0ff]|(?:^|\t)[ \u3000]*[(（]")


@cache
def _placeholders() -> tuple[str, ...]:
    """The form's printed placeholders that sit where an answer goes."""
    cat = tables().cat
    return tuple(sorted({f.hint for s in cat.sections for f in s.fields
                         if f.hint and f.hint[:1] in "(（" and f.kind == "text"}, key=len, reverse=True))


@cache
def _target_hint() -> str:
    return norm(tables().cat.field("plan.targets").hint or "")


def _heading(text: str) -> str | None:
    """The section key of a part heading ("plan", "basic", …), "instructions" or "declaration"."""
    if len(text) > 40 or ":" in text or "：" in text:
        return None  # headings are short and hold no colon: most rows are rejected here
    n = norm(text)
    if n == INSTRUCTIONS:
        return "instructions"
    if DECLARATION in n:
        return "declaration"
    slots = tables().label(text, False)
    if slots and slots[0].kind == "heading":
        return slots[0].section
    return None


def _answer_line(text: str) -> bool:
    """A 标签：值 line, a key line or a label the row engine reads (not prose)."""
    t = tables()
    head = _LABEL_COLON.split(text, 1)[0] if _LABEL_COLON.search(text[:400]) else None
    for candidate in (head, text):
        if candidate is None:
            continue
        slots = t.label(candidate, False)
        if slots and slots[0].kind not in ("ignore", "heading"):
            return True
    return bool(re.match(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\s*[:：=\t]", text))


def _clean(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Placeholders and blank lines are not answers; symbol-font boxes whose font was lost
    (U+F0xx) are read as the box they are (``checker.files.boxes``)."""
    if _CLEAN_NEEDED.search("\t".join(cells)) is None:
        return cells  # the common case: one regex search, nothing allocated
    out = []
    for cell in cells:
        s = cell.translate(PRIVATE_USE_BOXES) if _PRIVATE_USE.search(cell) else cell
        if "__" in s or "＿＿" in s:
            s = _BLANKS.sub(" ", s)
        stripped = strip_blanks(s)
        for hint in _placeholders():
            if stripped.startswith(hint):
                stripped = strip_blanks(stripped[len(hint):])
                s = stripped
                break
        out.append(s if strip_blanks(s) else "")
    return tuple(out)


def prepare(rows: Iterable[Row]) -> list[Row]:
    """The rows the row engine should read, 八's prose folded into one ``plan.plan_text`` row."""
    out: list[Row] = []
    mode = "normal"  # normal | instructions | plan | continues | stage | remark | declaration
    part = ""
    prose: list[str] = []
    prose_at: int | None = None
    after_outline = False
    written = False  # some prose besides the outline's headings
    for cells, origin in rows:
        if mode == "declaration":
            continue
        filled = 0
        for c in cells:
            if c.strip(BLANKS):
                filled += 1
                if filled == 1:
                    first = c
                else:
                    break
        if not filled:
            continue
        single = strip_blanks(first) if filled == 1 else None
        heading = _heading(single) if single is not None else None
        if heading is not None:
            if heading == "declaration":
                mode = "declaration"
                continue
            if heading == "instructions":
                mode = "instructions"
                continue
            mode = "plan" if heading == "plan" else "normal"
            part = single
            out.append((cells, _where(part, origin)))
            continue
        if mode == "instructions":
            if filled < 2:
                continue
            mode = "normal"
        if mode == "continues" and single is not None and not _answer_line(single):
            out.append((cells, _where(part, origin)))  # more lines of the 标签：值 text above
            continue
        if mode == "continues":
            mode = "plan"
        if mode in ("plan", "stage", "remark") and single is not None:
            kind = _plan_line(single, mode, after_outline)
            if kind == "remark":
                mode = "remark"
            if kind in ("drop", "remark"):
                if mode == "remark" and single.rstrip().endswith((")", "）")):
                    mode = "plan"
                continue
            if mode == "remark":
                mode = "plan"
            if kind == "stage":
                mode = "stage"
                continue
            if kind == "answer":
                if _stage_label(single):
                    mode = "stage"
                elif _LABEL_COLON.search(single):
                    mode = "continues"  # 发展规划（3000 字以内）：一、… and its next lines
                out.append((_clean(cells), _where(part, origin)))
                continue
            if kind == "prose" or (mode == "stage" and _OUTLINE.match(single)):
                mode = "plan"
                after_outline = bool(_TOP_OUTLINE.match(single))
                if prose_at is None:
                    prose_at = len(out)
                    out.append(((PLAN_TEXT, ""), _where(part, f"{origin}起的正文")))
                prose.append(single)
                written = written or not _OUTLINE.match(single)
                continue
            # a stage goal's text (the row engine joins it to its label above), or dots
            out.append((cells, _where(part, origin)))
            continue
        out.append((_clean(cells), _where(part, origin) if origin else origin))
    if prose_at is not None:
        _, origin = out[prose_at]
        if written:
            out[prose_at] = ((PLAN_TEXT, "\n".join(prose)), origin)
        else:
            del out[prose_at]  # the blank form's headings alone: no plan written yet
    return out


def _where(part: str, origin: str) -> str:
    if not origin:
        return origin
    return f"{part}，{origin}" if part else origin


@cache
def _stage_labels() -> frozenset[str]:
    f = tables().cat.field("plan.stage_goals")
    return frozenset(norm(p.label) for p in f.parts)


def _stage_label(text: str) -> bool:
    n = norm(_LABEL_COLON.split(text, 1)[0])
    return n in _stage_labels()


def _plan_line(text: str, mode: str, after_outline: bool) -> str:
    """What a one-cell row of 八 is: drop | remark | stage | answer | prose | goal."""
    n = norm(text)
    if _NO_WORDS.match(n):
        return "goal"  # "....." rows of the target table: the row engine skips them
    if _LIMIT_LINE.match(n) or n == _target_hint() or n.endswith(norm(TARGET_HEADING)) and len(n) < 12:
        return "drop"
    if _REMARK.match(text) or _REQUIREMENT.match(text) or mode == "remark":
        return "remark"
    if n.endswith(STAGE_HEADING) and len(n) < 12:
        return "stage"
    if _answer_line(text):
        return "answer"
    if mode == "stage" and not _OUTLINE.match(text):
        return "goal"
    if after_outline and text.startswith("包括") and text.endswith("。"):
        return "drop"  # the form's printed guidance under 一、 and 二、, not the applicant's text
    return "prose"
