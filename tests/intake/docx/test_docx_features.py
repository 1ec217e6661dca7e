"""What the .docx reader reads as text, one WordprocessingML feature at a time."""

from __future__ import annotations

import pytest

from checker.intake.read import read_file
from tests.intake.docx.official_layout import W_NS, YEARS, box, package

LABEL = "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业"


def _doc(*paragraphs: str, tables: str = "") -> bytes:
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return package(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'
                   f"<w:p><w:r><w:t>一、基本情况</w:t></w:r></w:p>{tables}{body}</w:body></w:document>")


def _r(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _table(rows: list[list[str]]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc><w:p>{c}</w:p></w:tc>" for c in row) + "</w:tr>"
                               for row in rows) + "</w:tbl>"


# Enough rows that the document reads as a 申报表.
FILLER = [[_r(label), _r(value)] for label, value in (
    ("集群占地面积(平方公里)", "36.50"), ("县级行政区划中小企业主管部门", "甲局"), ("集群运营管理机构", "乙委"),
    ("是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为", "否"),
    ("是否已被认定为省级中小企业特色产业集群", "是"), ("集群企业数量", "330"),
    ("集群中小企业 PCT 国际专利申请量", "6"), ("集群上云中小企业数量", "214"))]


def _values(*rows: list[str], extra: str = "") -> dict:
    got = read_file(_doc(tables=_table([*FILLER, *rows]) + extra), "a.docx")
    assert got.refused is None, got.refused
    return dict(got.app.values), got.app


@pytest.mark.parametrize("style", ["chars", "sym", "sdt", "ffdata"])
def test_each_box_style_before_its_label(style):
    cell = box(False, style, 1) + _r(" 是 ") + box(True, style, 2) + _r(" 否")
    values, _ = _values([_r(LABEL), cell])
    assert values["basic.prohibited_industry"] == "否"


@pytest.mark.parametrize("font, on, off", [
    ("Wingdings", "F0FE", "F0A8"), ("Wingdings", "F0FD", "F06F"), ("Wingdings 2", "F052", "F0A3"),
    ("Wingdings 2", "F053", "F02A"), ("Wingdings 2", "F054", "F0A3"), ("Segoe UI Symbol", "2611", "2610"),
    ("MS Gothic", "2612", "2610")])
def test_symbol_fonts(font, on, off):
    sym = '<w:r><w:sym w:font="{}" w:char="{}"/></w:r>'
    cell = sym.format(font, off) + _r(" 是 ") + sym.format(font, on) + _r(" 否")
    values, _ = _values([_r(LABEL), cell])
    assert values["basic.prohibited_industry"] == "否"


def test_symbol_text_in_a_symbol_font_run_as_libreoffice_writes_it():
    wing = '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'
    cell = _r("\uf0a8", wing) + _r(" 是 ") + _r("\u00fe", wing) + _r(" 否")
    values, _ = _values([_r(LABEL), cell])
    assert values["basic.prohibited_industry"] == "否"


def test_a_tick_after_its_label():
    values, _ = _values([_r(LABEL), _r("是☐ 否☑")])
    assert values["basic.prohibited_industry"] == "否"


@pytest.mark.parametrize("cell", ["是√ 否", "☑☐ 是 否", "是 否"])
def test_an_unreadable_mix_stays_unreadable(cell):
    values, app = _values([_r(LABEL), _r(cell)])
    assert "basic.prohibited_industry" not in values
    if any(c in cell for c in "☑☐√"):
        assert any(f.field == "basic.prohibited_industry" for f in app.findings)


def test_a_symbol_that_is_not_a_box_is_never_a_letter():
    cell = '<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r>' + _r(" 是 ☐ 否")  # ☺ in Wingdings
    values, _ = _values([_r(LABEL), cell])
    assert "basic.prohibited_industry" not in values


def test_hidden_text_deleted_text_and_field_codes_are_not_read():
    cell = (_r("99", "<w:vanish/>") + '<w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a">' + _r("36.") + "</w:ins>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 1+1 </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("50") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    values, _ = _values([_r("集群中小企业上云比例 (%)"), cell])
    assert str(values["digital.cloud_rate"]) == "36.50"


def test_a_text_box_is_read_once():
    textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
               '<w:p><w:r><w:t>样例区经济和信息化局</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
               '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>样例区经济和信息化局</w:t></w:r></w:p>'
               "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    got = read_file(_doc(_r("集群名称: 甲集群"), _r("县级行政区划中小企业主管部门(盖章): ") + textbox,
                         tables=_table(FILLER)), "a.docx")
    assert got.app.values["cover.authority"] == "样例区经济和信息化局"


def test_merged_cells_and_a_nested_table():
    nested = ("<w:tbl>" + "".join("<w:tr><w:tc><w:p>" + _r(f"{y} 年") + "</w:p></w:tc><w:tc><w:p>" + _r(v)
                                  + "</w:p></w:tc></w:tr>" for y, v in zip(YEARS, ("0.15", "0.14", "0.13")))
              + "</w:tbl>")
    table = ("<w:tbl><w:tr><w:tc><w:p>" + _r("近三年集群单位产值能耗（吨标准煤/万元）") + "</w:p></w:tc><w:tc>"
             + nested + "<w:p/></w:tc></w:tr>"
             '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>' + _r("集群占地面积(平方公里)")
             + "</w:p></w:tc><w:tc><w:p>" + _r("36.50") + "</w:p></w:tc></w:tr></w:tbl>")
    got = read_file(_doc(tables=_table(FILLER) + table), "a.docx")
    v = got.app.values
    assert [str(v[f"green.energy_intensity.{y}"]) for y in YEARS] == ["0.15", "0.14", "0.13"]
