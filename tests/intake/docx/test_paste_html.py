"""Paste keeps the table: the clipboard's text/html flavour of a copied 申报表 (as
LibreOffice and Word write it) gives the report of its data as JSON, and the rows it
puts in the text area give it again."""

from __future__ import annotations

import json

import pytest

from checker import api
from tests.intake.docx.official_layout import BOX_STYLES, YEARS
from tests.intake.docx.test_docx_roundtrip import _judged
from tests.intake.docx.word_html import word_clipboard_html


@pytest.fixture(scope="session")
def libreoffice_html(filled_docx, official, office) -> dict[str, str]:
    """What LibreOffice writes as HTML (the same writer as its text/html clipboard flavour)."""
    docs = {"template": filled_docx, "official-sym": official["sym"], "official-ffdata": official["ffdata"]}
    done = office.convert({f"{name}.docx": data for name, data in docs.items()}, "html")
    return {name: (done[f"{name}.docx"] / f"{name}.html").read_text("utf-8") for name in docs}


def _both(html: str) -> tuple[dict, dict]:
    got = api.check_html(html)
    assert got["report"] is not None and got["text"]
    return json.loads(got["report"]), api.check_text(got["text"])


@pytest.mark.parametrize("name", ["template", "official-sym", "official-ffdata"])
def test_libreoffice_html_reads_as_the_json(libreoffice_html, oracle, name):
    report, again = _both(libreoffice_html[name])
    assert report["input_format"] == "html" and again["input_format"] == "tsv"
    full = name == "template"
    assert _judged(report, full) == _judged(oracle, full)
    assert _judged(again, full) == _judged(oracle, full)


@pytest.mark.parametrize("style", BOX_STYLES)
def test_word_html_reads_as_the_json(official, oracle, style):
    html = word_clipboard_html(official[style])
    assert "MsoNormal" in html and "mso-" in html
    report, again = _both(html)
    assert _judged(report, False) == _judged(oracle, False)
    assert _judged(again, False) == _judged(oracle, False)


def test_html_without_a_table_falls_back_to_plain_text():
    assert api.check_html("<p>集群名称：甲</p>") == {"report": None, "text": None}


def test_markup_is_parsed_never_kept():
    html = ("<table><tr><td>集群名称</td><td>甲<script>alert(1)</script><img src=x onerror=alert(2)></td></tr>"
            "<tr><td>集群占地面积(平方公里)</td><td><b>36</b>.50</td></tr></table><style>td{}</style>")
    got = api.check_html(html)
    report = json.loads(got["report"])
    values = {n["field"]: n["value"] for n in report["normalised"]}
    assert values["basic.land_area_km2"] == "36.50"
    assert "alert" not in got["text"] and "<" not in got["text"]


def test_rowspan_and_colspan_are_laid_out_as_word_copies_them():
    y0, y1, y2 = YEARS
    html = (f"<table><tr><td rowspan=3>近三年集群单位产值能耗（吨标准煤/万元）</td><td>{y0} 年</td><td>0.15</td></tr>"
            f"<tr><td>{y1} 年</td><td>0.14</td></tr><tr><td>{y2} 年</td><td>0.13</td></tr>"
            "<tr><td colspan=2>集群占地面积(平方公里)</td><td>36.50</td></tr></table>")
    got = api.check_html(html)
    assert got["text"].splitlines()[:2] == [f"近三年集群单位产值能耗（吨标准煤/万元）\t{y0} 年\t0.15", f"\t{y1} 年\t0.14"]
    values = {n["field"]: n["value"] for n in json.loads(got["report"])["normalised"]}
    assert values[f"green.energy_intensity.{y2}"] == "0.13" and values["basic.land_area_km2"] == "36.50"
