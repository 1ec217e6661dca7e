"""The 批量初审 page's Python side: one screening held between requests.

The page may split a batch over several workers (Pyodide checks one application
at a time per worker; a machine with spare cores gets helpers): each worker's
``screen_part`` checks its share and returns the rows with their full reports;
the main worker's ``merge`` combines the rows *without* their reports (the page
keeps those), orders and ranks them, and keeps the result, so an export only
names the rows it wants (by ``id``, in the order the reviewer sees them).
Everything returned is JSON text or bytes, ready for ``postMessage``. Runs the
same in CPython (tests) and Pyodide (the page).
"""

from __future__ import annotations

import json
from typing import Any

from checker.batch.screen import combine, screen, screen_part
from checker.law.model import dump


class BatchSession:
    def __init__(self) -> None:
        self.result: dict[str, Any] | None = None

    def screen(self, items: list[tuple[str, bytes | str]]) -> str:
        """The whole batch in this worker: rows ordered, with their reports."""
        self.result = screen(items)
        return json.dumps(self.result, ensure_ascii=False)

    @staticmethod
    def screen_part(items: list[tuple[int, str, bytes | str]]) -> str:
        """A share of the batch, ``(index in the batch, name, content)``: rows unordered."""
        part = screen_part([(name, content) for _, name, content in items],
                           indexes=[index for index, _, _ in items])
        return json.dumps(part, ensure_ascii=False)

    def merge(self, parts_json: str) -> str:
        """The parts (rows may lack ``report``) as one ordered screening, kept for exports."""
        self.result = combine(json.loads(parts_json))
        return json.dumps(self.result, ensure_ascii=False)

    @staticmethod
    def warm_up() -> None:
        """Screen the example once and import openpyxl, so the first real batch is not slower."""
        import openpyxl  # noqa: F401  (the page's worker always has it; a reviewer drops .xlsx files)

        from checker.api import example_text

        screen_part([("example.json", example_text())])

    def meta(self) -> str:
        """Titles the page needs to render a report (also before Python is ready again)."""
        from checker.api import format_labels
        from checker.law.pack import ASPECTS, load_rules

        return json.dumps({
            "aspects": dict(ASPECTS),
            "formats": format_labels(),
            "rules": {r.id: {"title": r.title, "aspect": r.aspect, "severity": r.severity,
                             "clause": r.clause} for r in load_rules()},
        }, ensure_ascii=False)

    def _rows(self, ids: list[str]) -> list[dict[str, Any]]:
        if self.result is None:
            raise LookupError("尚未初审任何申报材料")
        by_id = {row["id"]: row for row in self.result["rows"]}
        return [by_id[i] for i in ids if i in by_id]

    def export_summary(self, ids: list[str], bureau: str, bureau_contact: str) -> tuple[bytes, bytes, str]:
        """(.xlsx, .docx, findings JSON) of the 推荐汇总表 for the rows ``ids``, in that order."""
        from checker.batch.export import export_summary

        out = export_summary(self._rows(ids), bureau=bureau, bureau_contact=bureau_contact)
        findings = json.dumps([dump(f) for f in out.findings], ensure_ascii=False)
        return out.xlsx, out.docx, findings

    def export_comparison(self, ids: list[str]) -> tuple[bytes, bytes]:
        """(.xlsx, .csv) of the whole comparison, rows in the order ``ids`` (the table's sort)."""
        from checker.batch.export import comparison_csv, comparison_xlsx

        rows = self._rows(ids)
        result = self.result or {}
        picked = set(ids)
        ordered = {**result, "rows": rows + [r for r in result["rows"] if r["id"] not in picked]}
        return comparison_xlsx(ordered), comparison_csv(ordered)
