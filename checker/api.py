"""The package API the command line, the tests and the browser page call.

Text in, report out: ``checker.parse.parse`` reads the text into an Application,
``checker.evaluate.evaluate`` judges it. Numbers in the report are decimal strings.
"""

from __future__ import annotations

import json

from checker.evaluate import report_dict
from checker.application import Application, Finding
from checker.catalogue import data_path


def check_text(text: str) -> dict:
    """The report for an application given as text (JSON, pasted rows or 标签：值 lines)."""
    from checker.parse import parse  # the parser helper's package (checker/parse/)

    return report_dict(parse(text))


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def check_text_json(text: str) -> str:
    """The report as a JSON string, keys sorted so equal reports are equal strings."""
    return dumps(check_text(text))


def check_xlsx(data: bytes) -> str:
    """The report JSON for a filled copy of our .xlsx template."""
    try:
        from checker.xlsx import read_xlsx
    except ImportError:
        return dumps(_unreadable("本环境无法读取 .xlsx 文件，请把表格内容复制粘贴为文字后再检查。"))
    try:
        text = read_xlsx(data)
    except ImportError:  # openpyxl absent in this runtime
        return dumps(_unreadable("本环境无法读取 .xlsx 文件，请把表格内容复制粘贴为文字后再检查。"))
    except ValueError as err:  # XlsxUnreadable: not a workbook, or not ours
        return dumps(_unreadable(f"无法读取上传的 .xlsx 文件：{err}"))
    return check_text_json(text)


def _unreadable(message: str) -> dict:
    app = Application(input_format="tsv",
                      findings=(Finding(id="input.xlsx_unreadable", field="input", message=message),))
    return report_dict(app)


def page_meta() -> dict:
    """What the checker page shows besides a report: aspect titles, field labels,
    each rule's title/source/reading, and the example. Pure data of this package:
    the site writes it at build time, so the page has it before Python is loaded."""
    from checker import rules
    from checker.catalogue import load_catalogue

    catalogue = load_catalogue()
    labels = {f"{section.key}.{field.key}": field.label
              for section in catalogue.sections for field in section.fields}
    labels.update({leaf.path: leaf.label for leaf in catalogue.leaves()})
    return {
        "aspects": dict(rules.ASPECTS),
        "labels": labels,
        "rules": {
            rule.id: {"source": rule.source, "title": rule.title, "aspect": rule.aspect,
                      "reading": rule.reading, "severity": rule.severity}
            for rule in rules.load_rules()
        },
        "example": example_text(),
    }


def page_meta_json() -> str:
    # Not sorted: the page shows aspects and rules in this (the standard's) order.
    return json.dumps(page_meta(), ensure_ascii=False)


def example_text() -> str:
    """The example application (a cluster that meets every criterion), as JSON text."""
    with open(data_path("example-application.json"), encoding="utf-8") as stream:
        return stream.read()
