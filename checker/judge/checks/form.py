"""填报规范 (填报说明 and 附件1 集群简介): one finding per field, never decisive.

Each check here returns ``warn`` with its findings, or ``pass`` when there are none.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from checker.law.application import Finding, NamedCount
from checker.judge.arith import fmt, round_to, yearly_growth, drop
from checker.judge.checks.base import Ctx, Outcome, check
from checker.law.advice import fill_advice
from checker.judge.facts import YES, out_of_range, show
from checker.law.pack import Pack

_FULL = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")
_RAW_SHOWN = 100
SUMMARY = "summary."


def quote(raw: str) -> str:
    return raw if len(raw) <= _RAW_SHOWN else raw[:_RAW_SHOWN] + "…"


def _finish(c: Ctx, findings: list[Finding], ok: str, bad: str) -> Outcome:
    if findings:
        return Outcome(status="warn", value=str(len(findings)), findings=findings,
                       message=bad.format(n=len(findings)))
    return Outcome(status="pass", value="0", message=ok)


def _blank(value: object) -> bool:
    if isinstance(value, NamedCount):
        return value.count is None and not value.names
    return isinstance(value, str) and not value.strip()


@cache
def _judged_filled(pack: Pack) -> frozenset[str]:
    """Fields a rule requires to be filled and not 无 (集群运营管理机构): 无 is never advised."""
    return frozenset(ref for r in pack.rules if r.comparison == "filled" for ref in r.inputs)


@check("form.required")
def required(c: Ctx) -> Outcome:
    values = c.facts.values
    # Given but not readable: the input finding quotes it; here it is not "未填写".
    unreadable = {f.field for f in c.facts.app.findings if f.id.startswith("input.")}
    summary_given = _summary_given(c, unreadable)
    filled = _judged_filled(c.facts.pack)
    extension = {*c.facts.cat.stage_years, "unit"}  # target cells not in the seed's table
    findings = []
    for leaf in c.facts.leaves.values():
        if not leaf.field.required or leaf.slot in extension:
            continue
        if leaf.section == "summary" and not summary_given:
            continue
        v = values.get(leaf.path)
        if v is None or _blank(v):
            advice = fill_advice(leaf, judged_filled=leaf.path in filled)
            message = (f"必填栏目所填内容未能读取：{leaf.label}（见数据问题）。{advice}"
                       if leaf.path in unreadable else f"必填栏目未填写：{leaf.label}。{advice}")
            findings.append(Finding(id="form.required", field=leaf.path, message=message))
    return _finish(c, findings, "必填栏目均已填写。",
                   "{n} 个必填栏目未填写（填报说明 2：各必填栏目不得空缺，无相关情况时应填写“无”）。")


def decimals_of(raw: str) -> tuple[str, str] | None:
    """(integer digits, decimal digits) of the first number in the literal text."""
    m = _NUMBER.search(raw.translate(_FULL))
    if m is None or m.group(2) is None:
        return None
    return m.group(1).replace(",", ""), m.group(2)


@check("form.decimals")
def decimals(c: Ctx) -> Outcome:
    places = int(c.rule.threshold_decimal())
    leaves, raw_texts = c.facts.leaves, c.facts.app.raw
    findings = []
    for path, v in c.facts.values.items():
        if not isinstance(v, Decimal) or not v.is_finite():
            continue
        leaf = leaves.get(path)
        if leaf is None:
            continue
        if leaf.kind == "int":  # a count with decimals is a form.ranges finding
            continue
        raw = raw_texts.get(path)
        if not isinstance(raw, str):
            raw = fmt(v) or ""
        parts = decimals_of(raw)
        if parts is None or len(parts[1]) == places:
            continue
        # The suggestion is the value as read, in the field's own unit (1.3亿元 in a 万元
        # field is 13000.00), with its sign.
        should = fmt(round_to(v, c.q))
        try:
            converted = Decimal(raw) != v
        except (InvalidOperation, ArithmeticError):
            converted = False
        unit = f"按本栏单位{leaf.unit}" if converted and leaf.unit else ""
        fix = f"{unit}应填 {should}"
        findings.append(Finding(id="form.decimals", field=path, raw=quote(raw),
                                message=f"{leaf.label}：“{quote(raw)}”有 {len(parts[1])} 位小数，"
                                        f"填报说明要求数据有小数时保留小数点后 {places} 位，{fix}。"))
    return _finish(c, findings, f"有小数的数据均保留了 {places} 位小数。",
                   f"{{n}} 个数据的小数位数不是 {places} 位（已按四舍五入保留 {places} 位判定）。")


def char_count(text: str) -> int:
    """Every non-whitespace code point counts (汉字, punctuation, ASCII digits)."""
    return len("".join(text.split()))


@check("form.text_length")
def text_length(c: Ctx) -> Outcome:
    findings = []
    for leaf in c.facts.leaves.values():
        limit = leaf.field.max_chars
        v = c.facts.values.get(leaf.path)
        if limit is None or not isinstance(v, str):
            continue
        n = char_count(v)
        if n > limit:
            findings.append(Finding(id="form.text_length", field=leaf.path,
                                    message=f"{leaf.label}共 {n} 字，超过 {limit} 字的上限 {n - limit} 字，请精简。"))
    return _finish(c, findings, "文字栏目均未超过字数上限。", "{n} 个文字栏目超过字数上限。")


@check("form.ranges")
def ranges(c: Ctx) -> Outcome:
    leaves = c.facts.leaves
    findings = []

    def add(path: str, raw: object, msg: str) -> None:
        findings.append(Finding(id="form.ranges", field=path, raw=quote(show(raw)), message=msg))

    for path, v in c.facts.values.items():
        leaf = leaves.get(path)
        if leaf is None:
            continue
        if isinstance(v, Decimal) and v.is_finite():
            why = out_of_range(leaf.kind, v)
            if why:
                add(path, v, f"{leaf.label}：{why}，填写的是 {fmt(v)}。")
        elif isinstance(v, NamedCount):
            n = v.count
            why = out_of_range("nc_count", n) if n is not None and n.is_finite() else None
            if why:
                add(path, v, f"{leaf.label}：{why}，填写的是 {fmt(n)}。")
            elif n is None and v.names:
                add(path, v, f"{leaf.label}：未填写数量，列出了 {len(v.names)} 个名称。")
            elif n is not None and n.is_finite() and n != len(v.names):
                if v.names:
                    add(path, v, f"{leaf.label}：数量 {fmt(n)} 个，但列出了 {len(v.names)} 个名称，两者应一致。")
                else:
                    add(path, v, f"{leaf.label}：数量 {fmt(n)} 个，但未列出名称（需提供清单）。")
    return _finish(c, findings, "比例、数量均在合理范围内，数量与名称清单一致。", "{n} 个数据超出合理范围或数量与名称不一致。")


@check("form.consistency")
def consistency(c: Ctx) -> Outcome:
    r, cat = c.r, c.facts.cat
    basis = cat.basis_year
    tol = c.rule.decimal_param("tolerance")
    findings: list[Finding] = []
    notes: list[str] = []

    def add(path: str, raw: Decimal | None, msg: str) -> None:
        findings.append(Finding(id="form.consistency", field=path, raw=None if raw is None else fmt(raw), message=msg))

    for part, whole, what, of in (("industry.sme_count", "industry.enterprise_count", "集群中小企业数量", "集群企业数量"),
                                  ("innovation.rd_staff", "innovation.employees", "研发人员数量", "从业人员数量")):
        ps, ws = r.years(part, judged=False), r.years(whole, judged=False)
        for yr in cat.years:
            p, w = ps[yr], ws[yr]
            if p is not None and w is not None and p > w:
                add(f"{part}.{yr}", p, f"{yr} 年{what} {fmt(p)} 多于{of} {fmt(w)}，请核对。")

    smes = r.num(f"industry.sme_count.{basis}", judged=False)
    for rate, count, what in (("digital.cloud_rate", "digital.cloud_sme_count", "上云比例"),
                              ("digital.iip_rate", "digital.iip_sme_count", "工业互联网平台应用普及率")):
        declared, n = r.num(rate, judged=False), r.num(count, judged=False)
        if declared is None or n is None or smes is None or smes <= 0:
            continue
        computed = c.round(c.fig(n) / c.fig(smes) * 100)
        if abs(computed - c.fig(declared)) > tol:
            add(rate, declared, f"{what}填报 {c.show(declared)}%，按 {fmt(n)} ÷ {basis} 年中小企业数量 {fmt(smes)} "
                                f"计算为 {fmt(computed)}%，相差超过 {fmt(tol)} 个百分点，请核对。")

    for amount, growth, what in (("industry.fdi", "industry.fdi_growth", "外商直接投资额增长率"),
                                 ("industry.export", "industry.export_growth", "出口贸易额增长率")):
        a, g = r.years(amount, judged=False), r.years(growth, judged=False)
        for prev, yr in zip(cat.years, cat.years[1:]):
            if a[prev] is None or a[yr] is None or g[yr] is None or c.fig(a[prev]) <= 0:
                continue
            computed = c.round(yearly_growth(c.fig(a[prev]), c.fig(a[yr])))
            if abs(computed - c.fig(g[yr])) > tol:
                add(f"{growth}.{yr}", g[yr], f"{yr} 年{what}填报 {c.show(g[yr])}%，按 {prev}、{yr} 年金额计算为 "
                                             f"{fmt(computed)}%，相差超过 {fmt(tol)} 个百分点，请核对。")
    notes.append(f"{cat.years[0]} 年外商直接投资额增长率和出口贸易额增长率需要上一年数据，未核对")

    e = r.years("green.energy_intensity", judged=False)
    declared_drop = r.num("green.energy_intensity_drop", judged=False)
    first, last = e.get(cat.years[0]), e.get(basis)
    if declared_drop is not None and first is not None and last is not None and c.fig(first) > 0:
        computed = c.round(drop(c.fig(first), c.fig(last)))
        if abs(computed - c.fig(declared_drop)) > tol:
            add("green.energy_intensity_drop", declared_drop,
                f"单位产值能耗降低率填报 {c.show(declared_drop)}%，按 ({fmt(c.fig(first))} − {fmt(c.fig(last))}) ÷ "
                f"{fmt(c.fig(first))} 计算为 {fmt(computed)}%，相差超过 {fmt(tol)} 个百分点，请核对。")

    monitoring = r.answer("green.carbon_monitoring")
    actions = r.boxes("green.green_actions")
    if monitoring == YES and actions is not None and "carbon_accounting" not in actions:
        label = c.option_label("green.green_actions", "carbon_accounting")
        add("green.green_actions", None,
            f"已建立集群碳排放监测机制，但“集群已开展的绿色低碳相关工作”未勾选“{label}”，请核对。")
    out = _finish(c, findings, "申报表各处数据前后一致。", "{n} 处数据前后不一致。")
    out.notes.extend(notes)
    return out


# Figures the 集群简介 should state (附件1), and where the form holds them.
_SUMMARY = (
    ("{basis} 年集群总产值", r"总产值[为达到约共计：:]*\s*([\d,.]+)\s*亿元", "industry.total_output.{basis}"),
    ("中小企业数量", r"(?<!专精特新)(?<!创新型)(?<!上市)中小企业(?:数量)?[为有达到共计：:]*\s*(\d[\d,]*)\s*家",
     "industry.sme_count.{basis}"),
    ("专精特新中小企业数量", r"专精特新中小企业(?:数量)?[为有达到共计：:]*\s*(\d[\d,]*)\s*家", "industry.provincial_srdi_count.{basis}"),
    ("专精特新“小巨人”企业数量", r"小巨人[”\"’']?\s*企业(?:数量)?[为有达到共计：:]*\s*(\d[\d,]*)\s*家",
     "industry.little_giant_count.{basis}"),
    ("制造业单项冠军数量", r"单项冠军(?:企业)?(?:数量)?[为有达到共计：:]*\s*(\d[\d,]*)\s*家", "industry.single_champion_count.{basis}"),
    ("有效发明专利数量", r"(?<!万人)有效发明专利(?:数量|拥有量)?[为有达到共计：:]*\s*(\d[\d,]*)\s*[件个项]",
     "innovation.invention_patents"),
    ("万人发明专利拥有量", r"万人(?:有效)?发明专利拥有量[为有达到共计：:]*\s*([\d,.]+)", "innovation.patents_per_10k"),
)
_SUMMARY_RE = tuple((what, re.compile(rx), path) for what, rx, path in _SUMMARY)


def _summary_given(c: Ctx, unreadable: set[str]) -> bool:
    """附件1 is the 市州's table, not part of the 申报表: judged only when some of it was given."""
    return (any(p.startswith(SUMMARY) for p in c.facts.values)
            or any(u.startswith(SUMMARY) for u in unreadable))


@check("form.summary_consistent")
def summary_consistent(c: Ctx) -> Outcome:
    intro_path = "summary.intro"
    intro = c.r.text(intro_path)
    if (intro is None or not intro.strip()) and not _summary_given(c, set()):
        return _finish(c, [], "未提供附件1 推荐汇总表，集群简介未与申报表核对。", "")
    if intro is None or not intro.strip():  # form.* checks pass or warn: never 待补充
        return _finish(c, [Finding(id="form.summary_consistent", field=intro_path,
                                   message=f"集群简介未填写，无法与申报表核对（附件1 要求写明 {c.facts.cat.basis_year} 年集群总产值等数据）。")],
                       "", "集群简介未填写，未与申报表核对。")
    text = intro.translate(_FULL)
    basis = c.facts.cat.basis_year
    tol = c.rule.decimal_param("tolerance")
    findings = []
    for what, rx, path in _SUMMARY_RE:
        what, path = what.format(basis=basis), path.format(basis=basis)
        m = rx.search(text)
        form_value = c.r.num(path, judged=False)
        if m is None:
            findings.append(Finding(id="form.summary_consistent", field=intro_path,
                                    message=f"集群简介未写明{what}（附件1 要求写明）。"))
            continue
        try:
            stated = Decimal(m.group(1).replace(",", "").rstrip("."))
        except InvalidOperation:
            continue
        if form_value is not None and abs(c.fig(stated) - c.fig(form_value)) > tol:
            findings.append(Finding(id="form.summary_consistent", field=intro_path, raw=quote(m.group(0)),
                                    message=f"集群简介中{what}为 {fmt(stated)}，申报表“{c.label(path)}”为 "
                                            f"{fmt(c.fig(form_value))}，两者不一致。"))
    return _finish(c, findings, "集群简介中的数据与申报表一致。", "集群简介有 {n} 处与申报表不一致或未写明。")
