"""The package API the command line, the tests and the browser page call.

Text in, report out: ``checker.intake.parse.parse`` reads the text into an Application,
``checker.judge.report.evaluate`` judges it. Numbers in the report are decimal strings.
"""

from __future__ import annotations

import json

from checker.judge.evaluate import report_dict
from checker.law.application import Application, Finding
from checker.law.catalogue import data_path


def check_text(text: str) -> dict:
    """The report for an application given as text (JSON, pasted rows or 标签：值 lines)."""
    from checker.intake.parse import parse  # the parser helper's package (checker/intake/)

    return report_dict(parse(text))


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def check_text_json(text: str) -> str:
    """The report as a JSON string, keys sorted so equal reports are equal strings."""
    return dumps(check_text(text))


def check_xlsx(data: bytes) -> str:
    """The report JSON for a filled copy of our .xlsx template; anything else is a finding
    (the pages and the CLI read any file by content: ``check_file``)."""
    from checker.intake.xlsx import read_xlsx

    try:
        text = read_xlsx(data)
    except ValueError as err:  # XlsxUnreadable: not a workbook, or over a limit
        return dumps(_unreadable(f"无法读取上传的 .xlsx 文件：{err}"))
    return dumps(report_dict(_as_xlsx(text)))


def _as_xlsx(text: str) -> Application:
    import dataclasses

    from checker.intake.parse import parse

    return dataclasses.replace(parse(text), input_format="xlsx")


def _unreadable(message: str) -> dict:
    app = Application(input_format="xlsx",
                      findings=(Finding(id="input.xlsx_unreadable", field="input", message=message),))
    return report_dict(app)


def check_file(data: bytes, name: str = "") -> dict:
    """Any file, sniffed by content (``checker.intake.read``): ``{"refused": one Chinese line or
    None, "report": the report JSON string, "text": the decoded text of a text file (for the
    text area; None for a .docx, an .xlsx or a refusal), "format": the input format}``."""
    from checker.intake.read import read_file

    got = read_file(data, name)
    if got.refused is not None or got.app is None:
        return {"refused": got.refused or "", "report": None, "text": None, "format": None}
    return {"refused": None, "report": dumps(report_dict(got.app)), "text": got.text,
            "format": got.app.input_format}


def file_kind(data: bytes) -> str:
    """"docx", "xlsx", "text" or "refused": what the page's worker must load before reading."""
    from checker.intake.limits import Refused
    from checker.intake.sniff import sniff

    try:
        return sniff(bytes(data)).kind
    except Refused:
        return "refused"
    except Exception:  # noqa: BLE001 - the reading itself will say why
        return "refused"


def check_file_json(data: bytes, name: str = "") -> str:
    return json.dumps(check_file(data, name), ensure_ascii=False)


def check_html(html: str) -> dict:
    """A clipboard's text/html flavour: ``{"report": JSON string, "text": the tables as
    tab-separated rows for the text area, or None when the HTML holds no table}``.
    Checking that text later gives the same checks (only the format and origins differ)."""
    from checker.intake.html import has_table
    from checker.intake.read import document_rows, read_html_text

    html = str(html or "")
    if not has_table(html):
        return {"report": None, "text": None}
    app = read_html_text(html)
    return {"report": dumps(report_dict(app)), "text": document_rows(html)}


def check_html_json(html: str) -> str:
    return json.dumps(check_html(html), ensure_ascii=False)


def format_labels() -> dict[str, str]:
    from checker.intake.sniff import FORMAT_LABELS

    return dict(FORMAT_LABELS)


def page_meta() -> dict:
    """What the checker page shows besides a report: its rule pack and the pack's words
    (verdicts, statuses, comparisons), aspect titles, field labels, each rule's
    title/source/reading, and the example. Pure data of this package:
    the site writes it at build time, so the page has it before Python is loaded."""
    from checker.law.model import dump
    from checker.law.pack import load_pack

    pack = load_pack()
    catalogue = pack.catalogue
    labels = {f"{section.key}.{field.key}": field.label
              for section in catalogue.sections for field in section.fields}
    labels.update({leaf.path: leaf.label for leaf in catalogue.leaves()})
    return {
        "pack": {"id": pack.id, "hash": pack.hash, "notice": dump(pack.info.notice),
                 "years": list(catalogue.years), "target_year": catalogue.target_year},
        "words": dump(pack.words),
        "aspects": dict(pack.aspects),
        "labels": labels,
        "rules": {
            rule.id: {"source": rule.source, "title": rule.title, "aspect": rule.aspect,
                      "reading": rule.reading, "severity": rule.severity}
            for rule in pack.rules
        },
        "example": example_text(),
        "formats": format_labels(),
    }


def page_meta_json() -> str:
    # Not sorted: the page shows aspects and rules in this (the standard's) order.
    return json.dumps(page_meta(), ensure_ascii=False)


def example_text() -> str:
    """The example application (a cluster that meets every criterion), as JSON text."""
    with open(data_path("example-application.json"), encoding="utf-8") as stream:
        return stream.read()


def evidence_file(report_json: str, fmt: str, ticked_json: str = "[]", name: str = "") -> tuple[str, bytes]:
    """The report's 佐证材料清单 as (file name, bytes) of a ``docx`` or ``xlsx``; the
    items whose ids ``ticked_json`` lists are marked 已备齐, ``name`` (the cluster's) heads it."""
    from checker.judge import evidence_files as ef
    from checker.law.pack import load_catalogue

    items = json.loads(report_json)["evidence"]
    ticked = [t for t in json.loads(ticked_json) if isinstance(t, str)]
    write = {"docx": ef.evidence_docx, "xlsx": ef.evidence_xlsx}[fmt]
    return ef.file_name(fmt, name), write(items, ticked, name=name, issued=load_catalogue().issued)
