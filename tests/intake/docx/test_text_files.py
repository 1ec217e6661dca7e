"""Text files in every encoding people save, the .csv template, a whole 申报表 copied
as tab-separated text, and a reader that never raises on a damaged .docx."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import api
from checker.intake.blocks import rows_of
from checker.intake.docx import read_docx
from checker.intake.read import read_file
from checker.intake.sniff import sniff
from tests.intake.docx.test_docx_roundtrip import _judged
from tests.support.properties import examples

ROWS = "集群总产值（亿元）\t68.20\t76.90\t86.40\r\n集群占地面积(平方公里)\t36.50\r\n"


@pytest.mark.parametrize("data, encoding", [
    (ROWS.encode("utf-16-le"), "UTF-16（无 BOM）"),
    (ROWS.encode("utf-16-be"), "UTF-16（无 BOM）"),
    ("\ufeff".encode("utf-16-le") + ROWS.encode("utf-16-le"), "UTF-16"),
    (b"\xff\xfe\x00\x00" + ROWS.encode("utf-32-le"), "UTF-32"),
    (ROWS.encode("gb18030"), "GB18030（GBK）"),
])
def test_every_encoding_reads_the_same_and_says_how(data, encoding):
    got = read_file(data, "a.txt")
    assert got.refused is None and got.text == ROWS
    assert got.app.normalised[0].raw == encoding
    plain = read_file(ROWS.encode("utf-8"), "a.txt").app
    assert got.app.values == plain.values and plain.normalised == ()


def test_binary_is_never_taken_for_text():
    for data in (bytes(range(256)) * 8, b"\x01\x02\x03\x04" * 500):
        got = read_file(data, "a.txt")
        assert got.refused and got.text is None and got.app is None


def _filled_csv(encoding: str) -> bytes:
    from checker.law.rows import all_rows
    from tests.forms.filling import cell_value

    from decimal import Decimal

    doc = json.loads(api.example_text(), parse_float=Decimal)
    from checker.law.pack import load_catalogue
    from checker.law.rows import header

    cat = load_catalogue()
    lines = [",".join(header(cat))]
    for _, rows in all_rows():
        for r in rows:
            years = [cell_value(doc, r.key, y) if r.yearly else None for y in cat.years]
            named = r.kind in ("count", "names")
            value = None if r.yearly else (_named(doc, r.key) if named else cell_value(doc, r.key))
            cells = [r.key, r.label, r.unit, value, *years]
            lines.append(",".join('"' + str(c).replace('"', '""') + '"' if c is not None else "" for c in cells))
    text = "\r\n".join(lines) + "\r\n"
    return ("\ufeff" + text).encode("utf-8") if encoding == "utf-8-sig" else text.encode(encoding)


def _named(doc, key):
    from tests.forms.filling import _named as named

    return named(doc, key)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_the_csv_template_filled_reads_as_the_json(encoding):
    got = read_file(_filled_csv(encoding), "模板.csv")
    assert got.app.input_format == "csv"
    report = api.check_text(got.text)
    assert report["verdict"] == "eligible"
    assert _judged(report) == _judged(api.check_text(api.example_text()))


def test_the_csv_template_on_the_batch_page():
    from checker.batch.screen import screen

    result = screen([("模板.csv", _filled_csv("gb18030")), ("示例.json", api.example_text().encode())])
    assert result["unreadable"] == []
    assert [r["verdict"] for r in result["rows"]] == ["eligible", "eligible"]


def test_a_whole_form_copied_as_tab_separated_text_reads_its_plan(official, oracle):
    """Word's text/plain of the whole document: tables tab-separated, 八's prose as lines."""
    rows = rows_of(read_docx(sniff(official["chars"]).zip))

    def cell(c: str) -> str:
        return '"' + c.replace('"', '""') + '"' if any(ch in c for ch in '\t\n"') else c

    text = "\n".join("\t".join(cell(c) for c in cells) for cells, _ in rows)
    report = api.check_text(text)
    assert report["input_format"] == "tsv"
    assert _judged(report, False) == _judged(oracle, False)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_docx_never_raises(filled_docx, data):
    blob = bytearray(filled_docx)
    for _ in range(data.draw(st.integers(1, 6))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    got = read_file(bytes(blob), "a.docx")
    assert (got.refused is None) != (got.app is None)
    if got.refused:
        assert "\n" not in got.refused and any("\u4e00" <= ch <= "\u9fff" for ch in got.refused)
