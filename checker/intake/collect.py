"""The accumulator every reader writes into; ``finish`` turns it into an Application.

Boxes, named counts and 其它 targets arrive piecemeal (one row per box, ``.count``
and ``.names`` rows, one row per target slot) and are assembled here. Findings are
capped so that a megabyte of rubbish yields a readable report, not 100 000 lines.
"""

from __future__ import annotations

from decimal import Decimal

from checker.law.application import Application, ExtraTarget, Finding, NamedCount, Normalisation
from checker.intake.tables import Tables
from checker.intake.text import quote


MAX_PER_ID = 40
MAX_FINDINGS = 200
MAX_NORMALISED = 2000


def shown_value(value: object) -> str:
    """A value as the normalised list shows it."""
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value) or "（未勾选）"
    if isinstance(value, NamedCount):
        names = "、".join(value.names)
        return f"{value.count if value.count is not None else ''}（{names}）" if names else str(value.count)
    return str(value)


class Collector:
    __slots__ = ("t", "values", "raw", "findings", "normalised", "boxes", "named", "extra",
                 "_per_id", "_dropped", "_norm_dropped", "checks_set", "where", "sources")

    def __init__(self, t: Tables) -> None:
        self.t = t  # the round's lookup tables: every reader writing here reads by them
        self.values: dict[str, object] = {}
        self.raw: dict[str, str] = {}
        self.findings: list[Finding] = []
        self.normalised: list[Normalisation] = []
        # checks leaf path -> {option key: ticked}; None marks "row seen, empty"
        self.boxes: dict[str, dict[str, bool]] = {}
        self.checks_set: set[str] = set()
        # named_count leaf path -> [count, names]; each None until given
        self.named: dict[str, list] = {}
        # extra target number -> {slot: text}
        self.extra: dict[int, dict[str, str]] = {}
        self._per_id: dict[str, int] = {}
        self._dropped = 0
        self._norm_dropped = 0
        # Where in a document the row being read came from (file readers set it), and
        # where each value was read: every value read from a file is shown with it.
        self.where = ""
        self.sources: dict[str, str] = {}

    # -- reporting ---------------------------------------------------------------
    def find(self, id: str, field: str, raw: str | None, message: str) -> None:
        n = self._per_id.get(id, 0)
        if n >= MAX_PER_ID or len(self.findings) >= MAX_FINDINGS:
            self._dropped += 1
            return
        self._per_id[id] = n + 1
        self.findings.append(Finding(id=id, field=field, raw=None if raw is None else quote(raw),
                                     message=message))

    def note(self, field: str, raw: str, value: str, how: str) -> None:
        if len(self.normalised) >= MAX_NORMALISED:
            self._norm_dropped += 1
            return
        self.normalised.append(Normalisation(field=field, raw=quote(raw), value=quote(value), how=how,
                                             source=self.where or None))

    # -- values ------------------------------------------------------------------
    def put(self, path: str, value: object, raw: str | None = None) -> None:
        old = self.values.get(path)
        if old is not None and old != value:
            self.find("input.duplicate", path, str(value),
                      f"这一栏目填写了两次（先为“{str(old)[:20]}”），以后一次为准；请删去多余的一处。")
        self.values[path] = value
        if self.where:
            self.sources[path] = self.where
        if raw is not None:
            self.raw[path] = raw
        else:
            self.raw.pop(path, None)

    def box(self, path: str, option: str, ticked: bool | None) -> None:
        """One box row; ``None`` (empty cell) makes the field known but unanswered."""
        if self.where:
            self.sources.setdefault(path, self.where)
        got = self.boxes.setdefault(path, {})
        if ticked is not None:
            got[option] = ticked

    def named_part(self, path: str, count: Decimal | None = None,
                   names: tuple[str, ...] | None = None) -> None:
        if self.where:
            self.sources.setdefault(path, self.where)
        slot = self.named.setdefault(path, [None, None])
        if count is not None:
            slot[0] = count
        if names is not None:
            slot[1] = names

    def extra_slot(self, index: int, slot: str, text: str) -> None:
        self.extra.setdefault(index, {})[slot] = text

    def _read_from(self) -> None:
        """One line per value read from a document that no normalisation names already:
        the applicant sees where each value was read, and so what was not."""
        if not self.sources:
            return
        noted = {n.field for n in self.normalised}
        for path, where in self.sources.items():
            if path in noted or path not in self.values:
                continue
            shown = shown_value(self.values[path])
            self.normalised.append(Normalisation(field=path, raw=quote(shown), value=quote(shown),
                                                 how="照原文读取", source=where))

    # -- result --------------------------------------------------------------------
    def finish(self, input_format: str) -> Application:
        t = self.t
        order = t.order()
        for path, marks in self.boxes.items():
            if not marks or path in self.checks_set:
                continue  # every box row empty: the field is missing (Row contract)
            keys = t.options.get(path, {})
            self.values[path] = tuple(k for k in keys.values() if marks.get(k))
        for path, (count, names) in self.named.items():
            if count is None and not names:
                continue  # {"count": null, "names": []}: the blank template, not an answer
            self.values[path] = NamedCount(count=count, names=names or ())
        if self.extra:
            rows = []
            for n in sorted(self.extra):
                got = self.extra[n]
                if any(v for v in got.values()):
                    rows.append(ExtraTarget(**got))
            self.values["plan.extra_targets"] = tuple(rows)
        self._read_from()
        last = 1 << 30  # a path the catalogue does not know (an unknown key): after the known ones
        self.findings.sort(key=lambda f: order.get(f.field, last))  # stable: input order within a field
        self.normalised.sort(key=lambda n: order.get(n.field, last))
        if self._dropped:
            self.findings.append(Finding(
                id="input.too_many_findings", field="input",
                message=f"另有 {self._dropped} 处无法识别的内容未逐条列出；请检查粘贴的内容是否为申报表数据。"))
        if self._norm_dropped:
            self.normalised.append(Normalisation(field="input", raw="", value="",
                                                 how=f"另有 {self._norm_dropped} 处规范化未逐条列出"))
        values = {k: self.values[k] for k in sorted(self.values, key=lambda p: order.get(p, last))}
        raw = {k: self.raw[k] for k in sorted(self.raw, key=lambda p: order.get(p, last))}
        return Application(
            input_format=input_format, values=values, raw=raw,
            findings=tuple(self.findings), normalised=tuple(self.normalised))
