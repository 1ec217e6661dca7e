"""Read one typed value for one leaf: numbers, answers, boxes, names, text.

Every reader takes the cell text as typed, reports each normalisation it makes and
each problem as a finding on the field, and returns the value (``None`` when the
value is missing or unreadable). Numbers are ``Decimal`` built from their text; a
figure longer than ``MAX_DIGITS`` digits is refused, never converted.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from checker.law.advice import choices_text, expected, measure, pick
from checker.intake.collect import Collector
from checker.intake.tables import norm
from checker.intake.text import BLANKS, CONTROL, half_width, strip_blanks

MAX_DIGITS = 40
MAX_MARKS = 24  # the longest box list of the form has 8 boxes
NONE_WORDS = frozenset({"无", "暂无", "没有", "无。", "-", "--", "—", "——", "–", "/", "／", "－", "─"})
TICKED = "☑✓√■✔☒"
UNTICKED = "☐□"
MARKS = TICKED + UNTICKED
YES_WORDS = frozenset({"是", "yes", "y", "true", "t", "对"})
NO_WORDS = frozenset({"否", "no", "n", "false", "f"})
NA_WORDS = frozenset({"不适用", "n/a", "na", "不涉及"})
MONEY = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}
COUNT_UNITS = frozenset({"个", "家", "件", "项", "人"})
UNIT_ALIASES = {"平方千米": "平方公里", "km2": "平方公里", "平方公里(km2)": "平方公里"}
_UNITS = ("吨二氧化碳/万元", "吨标准煤/万元", "吨二氧化碳", "吨标准煤", "平方公里", "平方千米", "km2",
          "亿元", "万元", "元", "%", "个", "家", "件", "项", "人", "吨")
# sign, digits, exponent (3.077e1: JSON's and Excel's scientific notation), 万/亿, unit
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<digits>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?P<exp>[eE][+-]?[0-9]+)?\s*(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + r"|(?P<scale>[万亿])(?:"
    + "|".join(re.escape(u) for u in _UNITS) + r")?)?")
# 2.34万人, 31.10万吨, 68.20亿 (on a row in 亿元): the figure times 万 or 亿
SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_CENTS = Decimal("0.01")
# The row's own unit 吨 written short on the 二氧化碳排放量 row, which takes a total in 吨二氧化碳
SHORT_UNITS = {"吨": ("吨二氧化碳",)}
MAX_REMARK = 60
# 约86.40, 86.40左右: an approximate figure where the form asks for the figure itself
_HEDGE = re.compile(r"^(?:约|大约|近|接近|超过|逾)\s*[0-9]|[0-9.%]\s*(?:左右|以上|多|余)$")
_SPACED_THOUSANDS = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?")
# Bounded blanks: "<" + a long run of spaces must not be rescanned at every "<".
_TAG = re.compile(r"<\s{0,8}(?:/\s{0,8})?[a-zA-Z!][^>]{0,200}>")
_MARK_SPLIT = re.compile(f"([{MARKS}])")
# A bracket of the form's own (需提供清单…, 注：…); one bounded run, the words checked apart
# (nested bounded quantifiers around the words cost ~5000 steps at every bracket).
_BRACKETED = re.compile(r"[(（][^()（）]{0,143}[)）]")
_NOTE_WORDS = re.compile(r"注|需提供|佐证|清单")
_AFTER_COLON = re.compile(r"^.*[:：]")
_LEAD = re.compile(r"([^:：]*)[:：]")
_BLANK_LINE = re.compile(r"_{2,}|＿{2,}")
NAME_SEPARATORS = re.compile(r"[、；;\n]+")


def is_none(s: str) -> bool:
    """无, 暂无, -, — … (the answer "none"), as typed or in full width."""
    return s in NONE_WORDS or _word(s) in NONE_WORDS


def split_remark(s: str) -> tuple[str, str] | None:
    """(what comes before, the remark) of a value followed by a remark in brackets:
    36.50（含规划区）, 30.77%（96家/312家）, 否（经税务部门核实）. Scanned from the end, once."""
    if not s.endswith((")", "）")):
        return None
    at = max(s.rfind("(", 0, len(s) - 1), s.rfind("（", 0, len(s) - 1))
    inner = s[at + 1:-1]
    if at <= 0 or not 0 < len(inner) <= MAX_REMARK or ")" in inner or "）" in inner:
        return None
    head = s[:at].rstrip()
    return (head, inner) if head else None


def is_figure(s: str) -> bool:
    """A cell holding only a figure, with or without its unit (820.00万元, 12.55 %), or 无."""
    h = half_width(s).strip()
    return bool(h) and (h in NONE_WORDS or _NUMBER.fullmatch(h) is not None)


def clean(text: str, path: str, col: Collector) -> str:
    """Strip blanks; drop control characters (reported)."""
    s = strip_blanks(text)
    if CONTROL.search(s):
        cleaned = CONTROL.sub("", s)
        col.find("input.control_characters", path, s,
                 "栏目中含有控制字符（如 NUL、退格），已删除后读取；请检查复制来源。")
        col.note(path, s, cleaned, "删除控制字符")
        s = strip_blanks(cleaned)
    return s


def _drop_note(m: re.Match) -> str:
    """The bracket if it is a note: a note word starts within its first 60 characters and
    leaves at most 80 after it (the shape of every note the form prints)."""
    inner = m.group()[1:-1]
    for w in _NOTE_WORDS.finditer(inner, 0, 60 + 3):
        if w.start() <= 60 and len(inner) - w.end() <= 80:
            return ""
    return m.group()


def strip_note(s: str) -> str:
    """Remove the form's own notes and blank lines: (需提供清单…), (注：…), ____."""
    if "(" in s or "（" in s:
        s = _BRACKETED.sub(_drop_note, s)
    if "_" in s or "＿" in s:
        s = _BLANK_LINE.sub("", s)
    return strip_blanks(s)


def read_number(text: str, kind: str, unit: str | None, path: str, col: Collector, *,
                zero_ok: bool = False, written_unit: str | None = None,
                units: tuple[str, ...] = ()) -> tuple[Decimal | None, str | None, str | None]:
    """(value, literal digits for ``Application.raw``, unit written) of a figure.

    ``zero_ok``: 无 means 0 (counts and amounts); otherwise 无 is a finding.
    ``written_unit``: a unit the row states elsewhere (the 单位 column).
    ``units``: further units this leaf accepts as written (a target row's units).
    """
    s = clean(text, path, col)
    if not s:
        return None, None, None
    if s != text:
        col.note(path, text, s, "去掉首尾空白")
    if "(" in s or "（" in s or "_" in s:
        s = strip_note(s)  # 512 个 (需提供清单及佐证材料)
        if not s:
            return None, None, None
    if s in _UNITS:
        return None, None, None  # the form's printed unit alone (“_____ 个”): nothing filled in
    if len(s) > MAX_DIGITS + 20:
        col.find("input.unreadable", path, s,
                 f"数字过长（{len(s)} 个字符），不像申报数据；应填写{expected(kind, unit)}。")
        return None, None, None
    h = half_width(s)
    if h != s:
        col.note(path, s, h, "全角字符转为半角")
    h = h.strip()
    if h in NONE_WORDS or s in NONE_WORDS:
        if zero_ok:
            col.note(path, s, "0", "“无”按 0 计")
            return Decimal(0), None, None
        col.find("input.none_not_allowed", path, s,
                 f"这一栏是{measure(kind, unit)}，须填写数字，不能填“{s}”：请填写{expected(kind, unit)}；已按未填写处理。")
        return None, None, None
    m = _NUMBER.fullmatch(h)
    if m is None and _SPACED_THOUSANDS.fullmatch(h):
        m = _NUMBER.fullmatch(h.replace(" ", ","))
    if m is None and (r := split_remark(h)) is not None and _NUMBER.fullmatch(r[0]):
        h, m = r[0], _NUMBER.fullmatch(r[0])
        col.note(path, s, h, f"括号中的说明“{r[1]}”不是数值，未读取")
    if m is None:
        if _HEDGE.search(h):
            col.find("input.unreadable", path, s,
                     f"“{s[:20]}”是约数：申报表应填写确数，请去掉“约”“左右”等字样，填写{expected(kind, unit)}；"
                     "已按未填写处理。")
        else:
            col.find("input.unreadable", path, s, f"无法识别为数字：应填写{expected(kind, unit)}。")
        return None, None, None
    sign, digits, exponent = m.group("sign"), m.group("digits"), m.group("exp")
    wrote, scale = m.group("unit"), m.group("scale")
    if scale is not None:
        wrote = wrote[1:]  # the unit after 万/亿 ("" when the scale stands alone)
        if scale + wrote in MONEY or (not wrote and scale + "元" == unit):
            wrote, scale = scale + (wrote or "元"), None  # 万元, 亿元; 68.20亿 on a row in 亿元
        wrote = wrote or None
    if "," in digits:
        plain = digits.replace(",", "")
        col.note(path, h, sign + plain + (exponent or "") + (wrote or ""), "去掉千位分隔符")
        digits = plain
    if digits.endswith("."):
        digits = digits[:-1]
    if digits.startswith("."):
        digits = "0" + digits
    if exponent:
        plain = _expand(digits, exponent)
        if plain is None:
            col.find("input.unreadable", path, s,
                     f"数字的指数“{exponent}”超出范围（展开后超过 {MAX_DIGITS} 位），不像申报数据；"
                     f"应填写{expected(kind, unit)}。")
            return None, None, None
        col.note(path, sign + digits + exponent, sign + plain, f"科学记数法“{digits}{exponent}”读作 {plain}")
        digits = plain
    if len(digits) > MAX_DIGITS + 1:
        col.find("input.unreadable", path, s,
                 f"数字位数过多（{len(digits)} 位），不像申报数据；应填写{expected(kind, unit)}。")
        return None, None, None
    literal = ("-" if sign == "-" else "") + digits
    value = Decimal(literal)
    if scale is not None:
        with localcontext() as ctx:
            ctx.prec = MAX_DIGITS + 20
            value = value * SCALES[scale]  # exact: the product keeps every digit
        literal = format(value, "f")
        col.note(path, s, literal + (wrote or ""), f"“{scale}”读作 ×{_plain(SCALES[scale])}")
    wrote = UNIT_ALIASES.get(wrote, wrote) if wrote else None
    if wrote in SHORT_UNITS and wrote != unit:
        full = next((u for u in SHORT_UNITS[wrote] if u in units), None)
        if full is not None:
            col.note(path, s, literal + full, f"本栏目的“{wrote}”读作“{full}”")
            wrote = full
    given = wrote or written_unit
    if given and given != unit:
        if given in units:
            pass  # a unit this row may state (二氧化碳排放量: 吨二氧化碳 or 吨二氧化碳/万元)
        elif given in MONEY and unit in MONEY:
            with localcontext() as ctx:
                ctx.prec = MAX_DIGITS + 20
                value = value * MONEY[given] / MONEY[unit]
            if value.as_tuple().exponent == -1:  # type: ignore[comparison-overlap]
                value = value.quantize(_CENTS)  # 682000万元 is 68.20亿元: 数据有小数时，保留小数点后 2 位
            col.note(path, s, _plain(value), f"{given}换算为{unit}（{'÷' if MONEY[given] < MONEY[unit] else '×'}"
                     f"{_plain(max(MONEY[given], MONEY[unit]) / min(MONEY[given], MONEY[unit]))}）")
            wrote = None
        elif given in COUNT_UNITS and (unit in COUNT_UNITS or kind in ("int", "nc_count")):
            pass
        elif given == "%" and kind in ("pct", "growth"):
            pass
        else:
            col.find("input.unit_mismatch", path, s,
                     f"单位“{given}”与本栏目不符：应填写{expected(kind, unit)}；已按未填写处理。")
            return None, None, None
    if wrote and wrote == given:
        col.note(path, s, literal, f"去掉单位“{wrote}”")
    if kind in ("int", "nc_count") and value == value.to_integral_value():
        value = value.to_integral_value()  # 12.00 家 is 12; 12.5 or -3 stay as written (form.ranges)
    return value, literal, (wrote if wrote in units else None)


def _expand(digits: str, exponent: str) -> str | None:
    """``3.077`` and ``e1`` -> ``30.77``: the same figure in plain digits, its decimals
    as the exponent leaves them; None when it would run past ``MAX_DIGITS`` digits
    either way (the exponent is checked before anything is expanded)."""
    if abs(int(exponent[1:])) > 2 * MAX_DIGITS:  # before any Decimal: wasm32 caps exponents
        return None
    d = Decimal(digits + exponent)  # exact: a Decimal built from text ignores the context
    if d.adjusted() >= MAX_DIGITS or d.as_tuple().exponent < -MAX_DIGITS:  # type: ignore[operator]
        return None
    return format(d, "f")


def _plain(d: Decimal) -> str:
    return format(d.normalize(), "f")


_SEAL = re.compile(r"^[(（]\s*盖章\s*[)）]\s*")


def read_text(text: str, path: str, col: Collector) -> str | None:
    s = clean(text, path, col)
    if s and _SEAL.match(s):
        s = strip_blanks(_SEAL.sub("", s))  # 市州经信部门：（盖章）样例市经信局
    if not s:
        return None
    if s != text and text.strip(BLANKS):
        col.note(path, text, s, "去掉首尾空白")
    if "<" in s and _TAG.search(s):
        col.find("input.markup", path, s,
                 "栏目中含有 HTML 标记或脚本代码，已作为普通文字读取（不会执行）；请确认是否复制了网页源代码。")
    return s


def _word(s: str) -> str:
    return half_width(s).strip().rstrip("。.").strip().lower()


def ticked(text: str) -> tuple[list[str], list[str], str] | None:
    """Marked options of a box text: (ticked, unticked, text before the first mark);
    None when the text has no box mark.

    Two layouts are read: marks before their labels (``☑是 ☐否``, ``label ☑a ☐b``: the text
    before the first mark is returned as the lead) and marks after their labels (``是☑ 否☐``:
    text before the first mark and none after the last; the lead is then empty). Text both
    before the first and after the last mark (``是√ 否``) is read marks-first with that text
    as the lead; the value readers refuse such a lead (see ``mixed``)."""
    if not any(c in text for c in MARKS):
        return None
    parts = _MARK_SPLIT.split(text, MAX_MARKS)
    if len(parts) % 2 == 0:
        parts.append("")
    on: list[str] = []
    off: list[str] = []
    if _label_text(parts[0]) and not _label_text(parts[-1]):
        # 是☑ 否☐: each mark belongs to the text just before it; a field label before a
        # colon (``集群已提供的中小企业公共服务: 信息服务☑ …``) is not part of the first option
        parts[0] = _AFTER_COLON.sub("", parts[0])
        for i in range(1, len(parts) - 1, 2):
            (on if parts[i] in TICKED else off).append(_label_text(parts[i - 1]))
        return on, off, ""
    for i in range(1, len(parts) - 1, 2):
        (on if parts[i] in TICKED else off).append(_label_text(parts[i + 1]))
    return on, off, parts[0]


def _label_text(s: str) -> str:
    return strip_note(s).strip(BLANKS + "；;，,、")


def mixed(marked: tuple[list[str], list[str], str]) -> bool:
    """A cell whose marks cannot be tied to labels one way only: text before the first mark
    and after the last (``是√ 否``), or a mark with no label (``是☑☐``). A lead ending in a
    colon is the field's own label copied with the cell (``栏目: ☑a ☐b``), not an option."""
    on, off, lead = marked
    lead = strip_blanks(lead)
    return bool(lead and lead[-1] not in ":：") or any(not x for x in on + off)


def _unreadable_marks(s: str, path: str, col: Collector, choices: str) -> None:
    col.find("input.unreadable", path, s,
             "勾选符号无法对应到选项：请在每个选项前（如“☑是 ☐否”）或每个选项后（如“是☑ 否☐”）"
             f"统一标注勾选符号（{choices}）；已按未填写处理。")


def read_answer(text: str, kind: str, na_label: str | None, path: str, col: Collector,
                options: tuple[str, ...] = ()) -> str | None:
    """是/否/不适用 (or a choice among ``options``), from words, true/false or box marks."""
    s = clean(text, path, col)
    if not s:
        return None
    choices = options or (("是", "否", "不适用") if kind == "yesno_na" else ("是", "否"))
    marked = ticked(s)
    if marked is not None:
        on, off, lead = marked
        if not strip_blanks(lead) and not any(on + off):
            if not on:
                return None  # ☐ alone: an empty box copied, nothing answered
            # √ alone: a mark, but no word says which box it is
            col.find("input.unreadable", path, s,
                     f"只有勾选符号“{s[:10]}”，看不出勾选的是哪一项：{pick(choices)}"
                     f"（如“☑{choices[0]} ☐{choices[1]}”），或直接填写{choices_text(choices)}；已按未填写处理。")
            return None
        if mixed(marked):
            _unreadable_marks(s, path, col, "、".join(choices))
            return None
        if not on:
            typed = next((x for x in off if _answer_or_remark(x, kind, na_label, choices, path, s, col) is None), None)
            if typed is not None:
                # ☐ 是 ☐ 否   否: words typed after the boxes, none ticked; which box they mean is a guess
                col.find("input.unreadable", path, s,
                         f"没有勾选任何一项，选项后另写了“{typed[:20]}”：{pick(choices)}"
                         f"（如“☐{choices[0]} ☑{choices[1]}”）；已按未填写处理。")
            return None  # every box empty: a blank form copied
        if len(on) > 1:
            col.find("input.unreadable", path, s,
                     f"勾选无法识别：应只勾选一项（{'、'.join(choices)}）；已按未填写处理。")
            return None
        picked = _answer_or_remark(on[0], kind, na_label, choices, path, s, col)
        if picked is None:
            col.find("input.unreadable", path, s,
                     f"勾选的“{on[0][:20]}”不是{choices_text(choices)}{'之一' if len(choices) > 2 else ''}："
                     f"{pick(choices)}；已按未填写处理。")
            return None
        col.note(path, s, picked, "按勾选符号读取")
        return picked
    got = _answer_or_remark(strip_note(s), kind, na_label, choices, path, s, col)
    if got is None and is_none(strip_note(s)):
        # 无 on a 是否 question means "none of that": 否. On 是/否/不适用 it may mean 不适用: no hint.
        hint = "；没有这类情况的请勾选“否”" if kind == "yesno" else ""
        col.find("input.none_not_allowed", path, s,
                 f"这一栏须勾选一项，不能填“{s[:10]}”：{pick(choices)}{hint}；已按未填写处理。")
        return None
    if got is None:
        col.find("input.unreadable", path, s,
                 f"无法识别：应勾选或填写{choices_text(choices)}{'之一' if len(choices) > 2 else ''}；已按未填写处理。")
        return None
    if got != s:
        col.note(path, s, got, f"“{s[:20]}”读作“{got}”")
    return got


def _answer_or_remark(s: str, kind: str, na_label: str | None, choices: tuple[str, ...], path: str,
                      raw: str, col: Collector) -> str | None:
    """The choice ``s`` names, also when a remark in brackets follows it (否（经税务部门核实）)."""
    got = _answer_word(s, kind, na_label, choices)
    if got is None and (r := split_remark(s)) is not None:
        got = _answer_word(r[0], kind, na_label, choices)
        if got is not None:
            col.note(path, raw, got, f"括号中的说明“{r[1]}”不是选项，未读取")
    return got


def _answer_word(s: str, kind: str, na_label: str | None, choices: tuple[str, ...]) -> str | None:
    if s in choices:
        return s
    w = _word(s)
    for c in choices:
        if w == _word(c):
            return c
    if choices[0] == "是":
        if w in YES_WORDS:
            return "是"
        if w in NO_WORDS:
            return "否"
        if kind == "yesno_na" and (w in NA_WORDS or (na_label and w == _word(na_label))
                                    or w.endswith("不适用")):
            return "不适用"
    return None


def read_box(text: str, path: str, col: Collector) -> bool | None | str:
    """One box row: True (ticked), False, None (empty) or the raw text when unreadable."""
    s = clean(text, path, col)
    if not s:
        return None
    w = _word(s)
    if s in TICKED or w in YES_WORDS or w == "1":
        if s != "是":
            col.note(path, s, "是", f"“{s}”读作“是”（已勾选）")
        return True
    if s in UNTICKED or w in NO_WORDS or w in ("0", "无", "×", "x"):
        if s != "否":
            col.note(path, s, "否", f"“{s}”读作“否”（未勾选）")
        return False
    col.find("input.unreadable", path, s, "无法识别：勾选项应填写“是”或“否”（也可用 ☑、√ 表示勾选，☐ 表示未勾选）。")
    return s


def read_checks(text: str, path: str, options: dict[str, str], col: Collector) -> tuple[str, ...] | None:
    """A whole ``checks`` field in one cell: box marks, option labels or option keys."""
    s = _without_lead(strip_note(clean(text, path, col)), options)
    if not s:
        return None  # the form's own words only (its label, its 注): nothing answered
    if _word(s) in NONE_WORDS or s in NONE_WORDS or _word(s) == "未勾选":
        col.note(path, s, "（未勾选）", "“无”读作未勾选任何一项")
        return ()
    keys = tuple(dict.fromkeys(options.values()))  # the seed's order: a set would change per run
    got: set[str] = set()
    unknown: list[str] = []
    marked = ticked(s)
    if marked is not None:
        on, off, _ = marked
        if mixed(marked):
            _unreadable_marks(s[:200], path, col, "、".join(options.values()))
            return None
        if not on:
            return None  # a blank form copied: nothing ticked yet
        for label in on:
            k = _option(label, options)
            if k is None:
                unknown.append(label)
            else:
                got.add(k)
        col.note(path, s[:60], "、".join(k for k in options.values() if k in got), "按勾选符号读取")
    else:
        n = norm(half_width(s))
        for label, k in sorted(options.items(), key=lambda kv: -len(kv[0])):
            if label in n:
                got.add(k)
                n = n.replace(label, "|")
        for token in re.split(r"[|、；;,，。.\s]+", n):
            if not token:
                continue
            if token in keys:
                got.add(token)
            else:
                unknown.append(token)
    for u in unknown:
        col.find("input.unknown_label", path, u,
                 f"勾选项“{u[:30]}”不是本栏目的选项；应为申报表上的选项原文或键名（{'、'.join(keys)}）。")
    return tuple(k for k in options.values() if k in got)


def _without_lead(s: str, options: dict[str, str]) -> str:
    """The cell without a lead naming no option before its first colon: the field's own
    words printed in the cell (``集群已提供的中小企业公共服务: 无``) are not an answer."""
    m = _LEAD.match(s)
    if m is None or ticked(m.group(1)) is not None:
        return s  # marks before the colon: ``ticked`` reads the cell as it is
    lead = norm(half_width(m.group(1)))
    if any(label in lead for label in options) or lead in options.values():
        return s
    return strip_blanks(s[m.end():])


def _option(label: str, options: dict[str, str]) -> str | None:
    """The key of a ticked box's label (the label, its start, or the key itself)."""
    n = norm(label)
    if n in options:
        return options[n]
    for text, k in options.items():
        if n.startswith(text) or (len(n) >= 4 and text.startswith(n)):
            return k
    return n if n in options.values() else None


def read_names(text: str, path: str, col: Collector) -> tuple[str, ...] | None:
    s = strip_note(clean(text, path, col))
    if not s:
        return None
    if s in NONE_WORDS:
        col.note(path, s, "（无）", "“无”读作没有名称")
        return ()
    return tuple(n for n in (strip_blanks(x) for x in NAME_SEPARATORS.split(s)) if n)


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _after(s: str, i: int, chars: str = "") -> int:
    """Index past the blanks at ``i``, then past one of ``chars`` and its blanks."""
    n = len(s)
    while i < n and s[i].isspace():
        i += 1
    if chars and i < n and s[i] in chars:
        i += 1
        while i < n and s[i].isspace():
            i += 1
    return i


def _split_named(s: str) -> tuple[str, str | None] | None:
    """``数量：2个 名称：甲、乙`` -> ("2个", "甲、乙"); ``数量：3`` -> ("3", None).

    Plain string scanning: the regex this replaces (``数量\\s*…(.*?)\\s*(?:名称…)?$``)
    backtracked quadratically over a long run of blanks."""
    if not s.startswith("数量"):
        return None
    rest = s[_after(s, 2, ":："):]
    cut = rest.find("名称")
    if cut < 0:
        return rest.rstrip(), None
    return rest[:cut].rstrip(), rest[_after(rest, cut + 2, ":："):]


def _split_count_then_names(s: str) -> tuple[str, str] | None:
    """``2（甲、乙）`` / ``2 个：甲、乙`` / ``2 个 甲、乙`` (or the names on the next line)
    -> ("2 个", "甲、乙"); None for any other shape. The count may have decimals
    (``1.0 个（甲）``): read_number says what it is, the names are kept."""
    i = 0
    while i < len(s) and s[i] in _DIGITS:
        i += 1
    if i == 0:
        return None
    if i + 1 < len(s) and s[i] in ".．" and s[i + 1] in _DIGITS:
        i += 1
        while i < len(s) and s[i] in _DIGITS:
            i += 1
    j = _after(s, i)
    if j < len(s) and s[j] in "个家项件":
        j += 1
    count = s[:j]
    k = _after(s, j)
    if k < len(s) and s[k] in "(（:：":
        names = s[_after(s, k + 1):]
        return count, names[:-1] if names[-1:] in ")）" else names
    if j < k < len(s) and s[k] not in "，,。；;、":
        # 3 个 甲、乙 or the names on the next line (3 个 (需提供清单…) ↵ 甲、乙), 名称：optional
        names = s[k:]
        if names.startswith("名称"):
            names = names[_after(names, 2, ":："):]
        return (count, names) if names else None
    return None


def read_named(text: str, path: str, unit: str | None, col: Collector) -> None:
    """A named count typed in one cell: ``数量：2个 名称：甲、乙``, ``2（甲、乙）``, ``3 个`` or 无."""
    s = strip_note(clean(text, path, col))
    if not s:
        return
    count_text, names_text = _split_named(s) or _split_count_then_names(s) or (s, None)
    count = None
    if count_text:
        count, _, _ = read_number(count_text, "nc_count", unit or "个", path, col, zero_ok=True)
    names = read_names(names_text, path, col) if names_text else None
    if count is not None and count == 0 and names is None:
        names = ()
    if count is not None or names is not None:
        col.named_part(path, count, names)
