"""The 申报表's own layout: what of its rows is an answer, before the row engine reads them.

The row engine (``checker.intake.paste``) reads label/value rows. A whole 申报表, as a
.docx, an HTML clipboard or a full copy of the Word document, also holds parts that are
not label/value rows; this pass handles them, the same for every input:

- 填报说明 (the form's instructions) is skipped up to the next part heading;
- 九、真实性声明及推荐意见 and everything after it is skipped (signatures, seals);
- 八 is read as ``checker.intake.plan_part`` says: its prose is prose (gathered into
  ``plan.plan_text``), its stage goals and its target table are read as such;
- the form's placeholders ("(XX(省、市)XX(县、区)XX产业))", blank lines ____) are not answers.

Each row keeps where it came from, prefixed with the part it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.intake.boxes import PRIVATE_USE_BOXES
from checker.intake.plan_part import PlanPart, Row
from checker.intake.tables import Tables, norm
from checker.intake.text import BLANKS, strip_blanks

INSTRUCTIONS = "填报说明"
DECLARATION = "真实性声明及推荐意见"  # 九、真实性声明及推荐意见: signatures, not data
_BLANKS = re.compile(r"_{2,}|＿{2,}")
_PRIVATE_USE = re.compile("[\uf000-\uf0ff]")
# A cell that may hold a placeholder: a blank line (two or more underscores; a key such
# as industry.total_output has one), a symbol box whose font was lost, or a cell that
# starts with a bracket (the form's printed hints).
_CLEAN_NEEDED = re.compile("__|＿＿|[\uf000-\uf0ff]|(?:^|\t)[ \u3000]*[(（]")


def placeholders(t: Tables) -> tuple[str, ...]:
    """The form's printed placeholders that sit where an answer goes (longest first)."""
    cat = t.cat
    return tuple(sorted({f.hint for s in cat.sections for f in s.fields
                         if f.hint and f.hint[:1] in "(（" and f.kind == "text"}, key=len, reverse=True))


def _heading(text: str, t: Tables) -> str | None:
    """The section key of a part heading ("plan", "basic", …), "instructions" or "declaration"."""
    if len(text) > 40 or ":" in text or "：" in text:
        return None  # headings are short and hold no colon: most rows are rejected here
    n = norm(text)
    if n == INSTRUCTIONS:
        return "instructions"
    if DECLARATION in n:
        return "declaration"
    slots = t.label(text, False)
    if slots and slots[0].kind == "heading":
        return slots[0].section
    return None


def _clean(cells: tuple[str, ...], hints: tuple[str, ...]) -> tuple[str, ...]:
    """Placeholders and blank lines are not answers; symbol-font boxes whose font was lost
    (U+F0xx) are read as the box they are (``checker.intake.boxes``)."""
    if _CLEAN_NEEDED.search("\t".join(cells)) is None:
        return cells  # the common case: one regex search, nothing allocated
    out = []
    for cell in cells:
        s = cell.translate(PRIVATE_USE_BOXES) if _PRIVATE_USE.search(cell) else cell
        if "__" in s or "＿＿" in s:
            s = _BLANKS.sub(" ", s)
        stripped = strip_blanks(s)
        for hint in hints:
            if stripped.startswith(hint):
                stripped = strip_blanks(stripped[len(hint):])
                s = stripped
                break
        out.append(s if strip_blanks(s) else "")
    return tuple(out)


def prepare(rows: Iterable[Row], t: Tables) -> list[Row]:
    """The rows the row engine should read (by the round's tables ``t``): the form's own text
    left out, part 八 as ``checker.intake.plan_part`` reads it (prose, stage goals and 其它
    targets as keyed rows)."""
    hints = placeholders(t)
    out: list[Row | None] = []
    mode = "normal"  # normal | instructions | plan | declaration
    part = ""
    plan: PlanPart | None = None
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
        heading = _heading(single, t) if single is not None else None
        if heading is not None:
            if plan is not None:
                plan.finish()
                plan = None
            if heading == "declaration":
                mode = "declaration"
                continue
            if heading == "instructions":
                mode = "instructions"
                continue
            mode = "plan" if heading == "plan" else "normal"
            if mode == "plan":
                plan = PlanPart(out, t)
            part = single
            out.append((cells, _where(part, origin)))
            continue
        if mode == "instructions":
            if filled < 2:
                continue
            mode = "normal"
        if plan is not None and plan.row(tuple(cells), single, _where(part, origin)):
            continue
        out.append((_clean(cells, hints), _where(part, origin) if origin else origin))
    if plan is not None:
        plan.finish()
    return [row for row in out if row is not None]


def _where(part: str, origin: str) -> str:
    if not origin:
        return origin
    return f"{part}，{origin}" if part else origin
