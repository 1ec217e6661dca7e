"""Bad uploads give a clear Chinese finding, never a crash."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from checker.intake.xlsx import XlsxUnreadable, read_xlsx
from checker.law.pack import load_catalogue
from checker.law.rows import header
from tests.forms.filling import fill
from tests.support.properties import examples

CJK = re.compile(r"[\u4e00-\u9fff]")


def _corrupt_workbook_xml(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                blob = b"<workbook><sheets><sheet name="
            dst.writestr(info, blob)
    return out.getvalue()


@pytest.fixture(scope="session")
def bad_uploads(built) -> dict[str, bytes]:
    xlsx = built["application-template.xlsx"].read_bytes()
    return {
        "empty": b"",
        "truncated xlsx": xlsx[: len(xlsx) // 2],
        "broken workbook.xml": _corrupt_workbook_xml(xlsx),
        "renamed docx": built["annex2-application-form.docx"].read_bytes(),
        "old xls header": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500,
        "csv text": built["application-template.csv"].read_bytes(),
        "json text": built["application-blank.json"].read_bytes(),
        "zip without workbook": _zip_of({"hello.txt": b"hi"}),
    }


def _zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in files.items():
            z.writestr(name, blob)
    return out.getvalue()


def test_unreadable_files_raise_one_clear_error(bad_uploads):
    for name, data in bad_uploads.items():
        with pytest.raises(XlsxUnreadable) as err:
            read_xlsx(data)
        assert isinstance(err.value, ValueError)
        assert CJK.search(str(err.value)), name


def test_renamed_docx_is_named_as_such(bad_uploads):
    with pytest.raises(XlsxUnreadable, match="Word"):
        read_xlsx(bad_uploads["renamed docx"])


def test_not_bytes_is_an_error_too():
    for value in (None, "键\t栏目", 42):
        with pytest.raises(XlsxUnreadable):
            read_xlsx(value)  # type: ignore[arg-type]


def test_api_turns_unreadable_files_into_a_finding(bad_uploads):
    from checker import api

    for name, data in bad_uploads.items():
        report = json.loads(api.check_xlsx(data))
        assert report["verdict"] != "eligible", name
        messages = " ".join(f["message"] for f in report["findings"])
        assert CJK.search(messages) and ".xlsx" in messages, name


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_workbooks_never_crash(built, data):
    xlsx = bytearray(built["application-template.xlsx"].read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(xlsx) - 1))
        xlsx[i] = data.draw(st.integers(0, 255))
    try:
        text = read_xlsx(bytes(xlsx))
    except XlsxUnreadable as err:
        assert CJK.search(str(err))
    else:
        assert isinstance(text, str)


def _edit(data: bytes, edits: dict[tuple[str, int], object], extra_sheet=None) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    rows = {r[0].value: r for ws in wb.worksheets[1:] for r in ws.iter_rows(min_row=2)}
    for (key, col), value in edits.items():
        rows[key][col].value = value
    if extra_sheet:
        ws = wb.create_sheet(extra_sheet[0])
        for row in extra_sheet[1]:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_wrong_types_become_findings_on_their_fields(built, example):
    from checker import api

    filled = fill(built["application-template.xlsx"].read_bytes(), example)
    bad = _edit(filled, {
        ("industry.total_output", 4): "很多",            # text in a figure
        ("basic.land_area_km2", 3): True,                # a boolean
        ("industry.leading_output_cagr", 3): dt.datetime(1999, 1, 5),  # a date
        ("basic.prohibited_industry", 3): Decimal("3"),  # a number for 是/否
        ("industry.sme_count", 6): Decimal("312.5"),     # a fraction of a count
    })
    text = read_xlsx(bad)
    assert "很多" in text and "TRUE" in text and "1999-01-05" in text and "312.5" in text
    report = json.loads(api.check_xlsx(bad))
    assert report["verdict"] != "eligible"
    fields = {f["field"] for f in report["findings"]}
    cat = load_catalogue()
    for path in (f"industry.total_output.{cat.years[0]}", "basic.land_area_km2",
                 "industry.leading_output_cagr", "basic.prohibited_industry",
                 f"industry.sme_count.{cat.basis_year}"):
        assert path in fields, path


def test_extra_sheet_rows_are_reported_not_dropped(built, example):
    from checker import api

    filled = fill(built["application-template.xlsx"].read_bytes(), example)
    bad = _edit(filled, {}, extra_sheet=("我的备注", [["这一页是自己加的说明", "随便写写"]]))
    assert "这一页是自己加的说明" in read_xlsx(bad)
    report = json.loads(api.check_xlsx(bad))
    quoted = " ".join(f"{f.get('raw') or ''} {f['message']}" for f in report["findings"])
    assert "这一页是自己加的说明" in quoted


def test_extra_sheet_in_row_contract_is_read(built, example):
    """A person who moves rows to a sheet of their own still gets them read."""
    from checker.intake.parse import parse

    blank = built["application-template.xlsx"].read_bytes()
    extra = ("补充", [list(header(load_catalogue())),
                      ["basic.land_area_km2", "集群占地面积(平方公里)", "平方公里", "12.50"]])
    app = parse(read_xlsx(_edit(blank, {}, extra_sheet=extra)))
    assert app.values["basic.land_area_km2"] == Decimal("12.50")
