"""Exports safe to open: no text of an application becomes a formula in a spreadsheet.

Cluster names, operators and file names written as formulas (=1+1, =HYPERLINK(…), +…, -…,
@…, a leading tab) go through the 批量初审 into the 推荐汇总表 .xlsx and the comparison
.xlsx and CSV. openpyxl reads back no formula and no error cell; LibreOffice (headless,
the way a reviewer opens the file) converts each file and shows every text as typed, never
its result; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.batch import batch_apps
from checker.batch.screen import screen
from checker.office.safe_cells import csv_cell, risky
from checker.batch.export import comparison_csv, comparison_xlsx, export_summary

HOSTILE = ['=1+1', '=HYPERLINK("http://example.com/steal","点击查看")', "+2+3", "-4+5", "@SUM(6,7)",
           "\t=8+9", "\r=10+11", "#N/A", "=cmd|' /C calc'!A0"]
AS_READ = [name.strip() for name in HOSTILE]  # the parser strips the blanks around a value


@pytest.fixture(scope="module")
def result():
    base = batch_apps.example()
    items = []
    for n, name in enumerate(HOSTILE):
        app = batch_apps._named(base, name)
        app["summary"]["operator"] = app["basic"]["operator"] = HOSTILE[-1 - n]
        items.append((f"{name}.json", batch_apps.dumps(app).encode("utf-8")))
    items.append(("=1+1.xlsx", batch_apps.corrupt_xlsx()))  # an unreadable file with a hostile name
    return screen(items)


@pytest.fixture(scope="module")
def files(result, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    summary = export_summary(result["rows"], bureau="=1+1", bureau_contact="+86 13800000000")
    paths = {"summary.xlsx": summary.xlsx, "comparison.xlsx": comparison_xlsx(result),
             "comparison.csv": comparison_csv(result)}
    for name, data in paths.items():
        (out / name).write_bytes(data)
    return out


def test_risky_texts_and_numbers():
    assert all(risky(t) for t in HOSTILE if t != "#N/A")
    for number in ("-2.55", "-0.2550", "12.55%", "+3", "17"):
        assert not risky(number) and csv_cell(number) == number
    assert csv_cell("-46.40亿元") == "'-46.40亿元"
    assert csv_cell("湖北省样例市") == "湖北省样例市"


def test_csv_prefixes_every_risky_text_and_keeps_numbers(result):
    rows = list(csv.reader(io.StringIO(comparison_csv(result).decode("utf-8-sig"))))
    cells = [c for row in rows for c in row]
    names = {row[1] for row in rows[1:]}
    assert {"'" + name for name in AS_READ if risky(name)} <= names
    assert "#N/A" in names
    assert not [c for c in cells if risky(c)]
    relative = rows[0].index("最弱项相对余量（余量÷门槛）")
    assert all(r[relative] == "" or Decimal(r[relative]) is not None for r in rows[1:])


@pytest.mark.parametrize("name", ["summary.xlsx", "comparison.xlsx"])
def test_xlsx_holds_no_formula_and_no_error_cell(files, name):
    data = (files / name).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet and 't="e"' not in sheet
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {c.data_type for c in texts} == {"s"}
    shown = {c.value for c in texts}
    assert {"=1+1", "+2+3", "#N/A"} <= shown or any("=1+1" in t for t in shown)
    assert all(c.quotePrefix for c in texts if risky(c.value))


def test_comparison_xlsx_numbers_are_numbers(files):
    ws = openpyxl.load_workbook(files / "comparison.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    assert all(isinstance(r[0], int) for r in rows[1:])  # 序号
    col = header.index("最弱项相对余量（余量÷门槛）")
    figures = [r[col] for r in rows[1:] if r[col] not in (None, "")]
    assert figures and all(isinstance(v, (int, float)) for v in figures)


def _libreoffice(office, src: Path, to: str, infilter: str | None = None) -> Path:
    out = office.convert({src.name: src.read_bytes()}, to, infilter)[src.name] / (src.stem + "." + to.split(":")[0])
    assert out.exists(), out
    return out


# UTF-8 text (76), comma-separated (44), quoted by " (34), from line 1: as a reviewer opens it.
CSV_FILTER = "CSV:44,34,76,1"


@pytest.mark.parametrize("name,header_row", [("summary.xlsx", 4), ("comparison.xlsx", 0)])
def test_libreoffice_shows_the_xlsx_texts_as_typed(files, name, header_row, office):
    out = _libreoffice(office, files / name, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    column = rows[header_row].index("集群名称")
    shown = [r[column] for r in rows[header_row + 1:] if len(r) > column and r[column]]
    assert set(AS_READ) <= set(shown), shown  # =1+1 shows =1+1, not 2; the link is not a link
    if name == "summary.xlsx":  # the 集群运营管理机构 column and the bureau typed on the page too
        assert set(AS_READ) <= {r[column + 1] for r in rows[header_row + 1:] if len(r) > column + 1}
        assert rows[2][0] == "市州经信部门：（盖章）=1+1"


def test_libreoffice_evaluates_no_formula_of_the_csv(files, office):
    out = _libreoffice(office, files / "comparison.csv", "xlsx", infilter=CSV_FILTER)
    ws = openpyxl.load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    names = {str(c.value) for c in cells if c.column == 2}
    assert "'=1+1" in names and "'=HYPERLINK(\"http://example.com/steal\",\"点击查看\")" in names
    numbers = [c.value for c in cells if c.data_type == "n" and c.row > 1]
    assert numbers  # 序号, counts and margins are still numbers


def test_libreoffice_prints_the_formula_text_not_its_result(files, office):
    pdf = _libreoffice(office, files / "comparison.xlsx", "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "=1+1" in text and "HYPERLINK" in text
