"""Every field, box, part and row of the catalogue is in each template, and nothing else."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import docx
import jsonschema
import pytest
from openpyxl import load_workbook

from forms.prose import prose
from checker.law.pack import load_catalogue
from checker.law.rows import EXTRA_TARGET_ROWS, extra_target_slots, header
from tests.forms.conftest import squash


def site_header() -> tuple[str, ...]:
    """The Row contract's header of the site pack."""
    return header(load_catalogue())


FORM_SECTIONS = ("basic", "industry", "innovation", "digital", "green", "open", "governance")
BOX = "☐"


def expected_row_keys(cat) -> set[str]:
    """The Row contract's keys, spelled out from the catalogue's leaves."""
    keys: set[str] = set()
    for leaf in cat.leaves():
        parts = leaf.path.split(".")
        key = ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path
        if leaf.kind == "checks":
            keys |= {f"{key}.{o.key}" for o in leaf.field.options}
        elif leaf.kind == "named_count":
            keys |= {f"{key}.count", f"{key}.names"}
        elif leaf.kind == "target_list":
            keys |= {f"{key}.{n}.{slot}" for n in range(1, EXTRA_TARGET_ROWS + 1)
                     for slot in ("direction", "indicator", "base", "target")}
        else:
            keys.add(key)
    return keys


def workbook_rows(path):
    wb = load_workbook(path)
    rows = {}
    for ws in wb.worksheets[1:]:
        header = [c.value for c in ws[1]]
        assert tuple(header) == site_header(), ws.title
        for r in ws.iter_rows(min_row=2):
            assert r[0].value not in rows, f"duplicate key {r[0].value}"
            rows[r[0].value] = (ws, r)
    return wb, rows


# ---- fillable .xlsx --------------------------------------------------------------

def test_xlsx_keys_are_exactly_the_catalogue(built, catalogue):
    _, rows = workbook_rows(built["application-template.xlsx"])
    assert set(rows) == expected_row_keys(catalogue)


def test_xlsx_one_sheet_per_section_plus_instructions(built, catalogue):
    wb = load_workbook(built["application-template.xlsx"])
    assert wb.sheetnames == ["填报说明"] + [s.title for s in catalogue.sections]
    notes = "\n".join(str(c.value) for c in wb["填报说明"]["A"] if c.value)
    for point in prose()["application"]["instructions"]:
        assert point in notes


def test_xlsx_labels_units_and_layout(built, catalogue):
    _, rows = workbook_rows(built["application-template.xlsx"])
    for leaf in catalogue.leaves():
        f = leaf.field
        parts = leaf.path.split(".")
        key = ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path
        probe = f"{key}.{f.options[0].key}" if leaf.kind == "checks" else (
            f"{key}.count" if leaf.kind == "named_count" else (
                f"{key}.1.direction" if leaf.kind == "target_list" else key))
        ws, cells = rows[probe]
        label, unit = cells[1].value or "", cells[2].value or ""
        assert f.label in label, probe
        if leaf.part and f.kind == "group":
            assert next(p.label for p in f.parts if p.key == leaf.part) in label
        if leaf.kind == "checks":
            for o in f.options:
                assert o.label in rows[f"{key}.{o.key}"][1][1].value
        if leaf.unit and leaf.kind in ("num", "int", "pct", "growth", "named_count"):
            assert unit == leaf.unit, probe
        # Yearly rows open the year columns, the others the 值 column.
        value_cols = (4, 5, 6) if leaf.year else (3,)
        for i in (3, 4, 5, 6):
            assert cells[i].protection.locked is (i not in value_cols), (probe, i)
        for i in (0, 1, 2):
            assert cells[i].protection.locked, probe


def _validation_of(ws, coordinate):
    for dv in ws.data_validations.dataValidation:
        if coordinate in dv.sqref:
            return dv
    return None


def test_xlsx_validation_and_number_formats(built, catalogue):
    wb, rows = workbook_rows(built["application-template.xlsx"])
    for ws in wb.worksheets[1:]:
        assert ws.protection.sheet, ws.title
        assert ws.column_dimensions["A"].hidden, ws.title
    kinds = {}
    for leaf in catalogue.leaves():
        parts = leaf.path.split(".")
        key = ".".join(parts[:2] + parts[3:]) if leaf.year else leaf.path
        kinds[key] = leaf.kind
    checked = set()
    for key, (ws, cells) in rows.items():
        parent, _, last = key.rpartition(".")
        kind = kinds.get(key)
        if kinds.get(parent) == "checks":
            kind = "box"
        elif kinds.get(parent) == "named_count":
            kind = last  # count | names
        cell = cells[4] if cells[3].protection.locked else cells[3]  # yearly: the first year's column
        dv = _validation_of(ws, cell.coordinate)
        if kind == "pct":
            assert dv.type == "decimal" and (dv.formula1, dv.formula2) == ("0", "100"), key
            assert cell.number_format == "0.00"
        elif kind in ("num", "growth"):
            counted = catalogue.leaf(key).unit in {"家", "个"} if key.startswith("plan.") else False
            assert dv.type == "decimal", key
            assert cell.number_format == ("General" if counted else "0.00"), key
        elif kind in ("int", "count"):
            assert dv.type == "whole" and dv.formula1 == "0", key
            assert cell.number_format == "General", key  # 12.5 must not show as 13
        elif kind in ("yesno", "box"):
            assert dv.type == "list" and dv.formula1 == '"是,否"', key
        elif kind == "yesno_na":
            assert dv.type == "list" and dv.formula1 == '"是,否,不适用"', key
        elif kind == "choice":
            options = catalogue.leaf(key).field.options
            assert dv.formula1 == '"' + ",".join(o.label for o in options) + '"'
        else:
            continue
        checked.add(kind)
    assert checked == {"pct", "num", "growth", "int", "count", "yesno", "box", "yesno_na", "choice"}


def test_xlsx_text_limits(built, catalogue):
    wb, rows = workbook_rows(built["application-template.xlsx"])
    for leaf in catalogue.leaves():
        if leaf.kind == "text" and leaf.field.max_chars:
            ws, cells = rows[leaf.path]
            dv = _validation_of(ws, cells[3].coordinate)
            assert dv.type == "textLength" and dv.formula1 == str(leaf.field.max_chars)


# ---- .csv, .json, schema -----------------------------------------------------------

def test_csv_has_bom_header_and_every_key(built, catalogue):
    data = built["application-template.csv"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == site_header()
    assert all(len(r) == len(site_header()) for r in rows)
    keys = [r[0] for r in rows[1:]]
    assert len(keys) == len(set(keys))
    assert set(keys) == expected_row_keys(catalogue)


def _json_leaves(node, prefix=""):
    """Paths of a blank application, stopping at the catalogue's leaf shapes."""
    if isinstance(node, dict) and set(node) != {"count", "names"}:
        for k, v in node.items():
            yield from _json_leaves(v, f"{prefix}.{k}" if prefix else k)
    else:
        yield prefix


def test_json_blank_has_every_leaf(built, catalogue):
    blank = json.loads(built["application-blank.json"].read_text("utf-8"))
    assert set(_json_leaves(blank)) == {leaf.path for leaf in catalogue.leaves()}
    # Boxes are null (missing), not [] (an answer: none ticked).
    assert blank["industry"]["chain_actions"] is None


def test_schema_accepts_example_and_blank(built, example):
    schema = json.loads(built["application.schema.json"].read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    as_json = json.loads(json.dumps(example, default=str))  # Decimal -> "36.50" is allowed too
    assert list(validator.iter_errors(as_json)) == []
    assert list(validator.iter_errors(json.loads(built["application-blank.json"].read_text()))) == []


def test_schema_rejects_what_the_catalogue_lacks(built, example):
    schema = json.loads(built["application.schema.json"].read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = [
        {"industry": {"chain_actions": ["chain_map", "no_such_box"]}},
        {"industry": {"no_such_field": 1}},
        {"no_such_section": {}},
        {"basic": {"energy_benchmark_met": "也许"}},
        {"industry": {"total_output": {str(int(load_catalogue().years[0]) - 1): 1}}},  # a year not asked
        {"digital": {"cloud_rate": 120}},
    ]
    for doc in bad:
        assert list(validator.iter_errors(doc)), doc


def test_schema_box_enums_are_the_catalogue_options(built, catalogue):
    schema = json.loads(built["application.schema.json"].read_text("utf-8"))
    for s in catalogue.sections:
        for f in s.fields:
            node = schema["properties"][s.key]["properties"][f.key]
            assert node["title"] == f.label
            if f.kind == "checks":
                assert node["items"]["enum"] == [o.key for o in f.options]


# ---- 附件2 .docx -------------------------------------------------------------------

def docx_paragraphs(path) -> list[str]:
    """Every paragraph of the body and of every table cell (merged cells once)."""
    d = docx.Document(path)
    out = []
    body = d.element.body
    seen = set()
    for el in body.iter():
        if el.tag.endswith("}tc"):
            if id(el) in seen:
                continue
            seen.add(id(el))
        if el.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
    return out


def application_strings(catalogue) -> list[str]:
    """What 附件2 must show: titles, labels, boxes, parts, notes, and the seed's prose."""
    want = []
    for f in catalogue.section("cover").fields:
        want += [f.label] + [p.label for p in f.parts] + ([f.hint] if f.hint and f.hint[0] == "(" else [])
    for key in FORM_SECTIONS + ("plan",):
        s = catalogue.section(key)
        want.append(s.title)
        for f in s.fields:
            if f.key == "plan_text":
                want.append(f"{f.max_chars} 字以内")  # printed as the seed's "(3000 字以内)"
            else:
                want.append(f.label)
            want += [o.label for o in f.options] + [p.label for p in f.parts]
            want += [r.label for r in f.roles] + [r.label for r in f.rows]
            want += [r.direction for r in f.rows]
            want += [x for x in (f.note, f.na_label) if x]
    app = prose()["application"]
    want += app["instructions"] + app["plan"]["requirements"] + app["plan"]["columns"]
    want += [o["heading"] for o in app["plan"]["outline"]]
    d = app["declaration"]
    want += [d["title"], d["label"], d["text"], d["signature"], d["seal"], d["recommendation"],
             d["recommender_seal"], app["title"], app["issuer"], app["annex"]]
    return want


def test_application_docx_has_every_label(built, catalogue):
    text = squash("\n".join(docx_paragraphs(built["annex2-application-form.docx"])))
    missing = [w for w in application_strings(catalogue) if squash(w) not in text]
    assert missing == []


def test_application_docx_boxes_match_the_catalogue(built, catalogue):
    paragraphs = docx_paragraphs(built["annex2-application-form.docx"])
    boxed = [p for p in paragraphs if BOX in p]
    options = {o.label for s in catalogue.sections for f in s.fields for o in f.options}
    options |= {"是", "否"} | {f.na_label for s in catalogue.sections for f in s.fields if f.na_label}
    notes = {f.note for s in catalogue.sections for f in s.fields if f.note}
    leads = {f"{f.label}：" for s in catalogue.sections for f in s.fields}
    seen = set()
    for p in boxed:
        for lead in leads:
            p = p.removeprefix(lead)
        for token in filter(None, (t.strip() for t in p.split(BOX))):
            for note in notes:
                token = token.removesuffix(note)
            assert token in options, f"box {token!r} is not in the catalogue"
            seen.add(token)
    # Every box of every form section is printed.
    want = {o.label for k in FORM_SECTIONS for f in catalogue.section(k).fields for o in f.options}
    assert want <= seen


def test_application_docx_labels_are_all_catalogue_labels(built, catalogue):
    """Label cells of the section tables (一–七) hold catalogue text only."""
    d = docx.Document(built["annex2-application-form.docx"])
    app = prose()["application"]
    allowed = {app["year_heading"], app["standards_category"]}
    allowed |= {f"{y} 年" for y in catalogue.years} | {f"{y}年" for y in catalogue.years}
    for k in FORM_SECTIONS:
        for f in catalogue.section(k).fields:
            allowed |= {f.label} | {p.label for p in f.parts} | {r.label for r in f.roles}
            allowed |= {x for x in (f.note, f.hint) if x}
            allowed |= {f"{f.label}："} | ({f"{f.hint}:"} if f.hint else set())  # box lead-ins
    tables = d.tables[:len(FORM_SECTIONS)]
    assert len(d.tables) == len(FORM_SECTIONS) + 2  # + 八's target table + 九
    count = 0
    for t in tables:
        for row in t.rows:
            seen = []
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.append(cell._tc)
                for p in cell.paragraphs:
                    text = p.text.strip()
                    if not text or BOX in text or text.startswith(("_", "数量")):
                        continue  # blanks to fill and boxes are checked elsewhere
                    assert text in allowed, f"{text!r} is not a catalogue label"
                    count += 1
    assert count > 150


def test_application_docx_page_setup_and_fonts(built):
    path = built["annex2-application-form.docx"]
    d = docx.Document(path)
    for s in d.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
    assert re.search(r'<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="宋体"', styles)
    assert 'w:ascii="SimSun"' in styles
    fonts = zipfile.ZipFile(path).read("word/fontTable.xml").decode()
    assert re.search(r'<w:font w:name="宋体"><w:altName w:val="SimSun"/>', fonts)
    # 填报说明 11: 一至七部分不得串页 — each part starts on a new page.
    body = zipfile.ZipFile(path).read("word/document.xml").decode()
    for title in ("一、基本情况", "七、治理和服务水平", "九、真实性声明及推荐意见"):
        para = re.search(r"<w:p>(?:(?!</w:p>).)*" + title, body, re.S).group(0)
        assert "<w:pageBreakBefore/>" in para, title


# ---- 附件1 ------------------------------------------------------------------------

def test_summary_docx(built, catalogue):
    text = squash("\n".join(docx_paragraphs(built["annex1-summary.docx"])))
    s = catalogue.section("summary")
    for w in [s.title, s.annex] + [f.label for f in s.fields] + \
             [f.hint for f in s.fields if f.max_chars]:
        assert squash(w) in text, w
    d = docx.Document(built["annex1-summary.docx"])
    header = [c.text for c in d.tables[0].rows[0].cells]
    assert header == [f.label for f in s.fields if f.required or f.kind == "int"]
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (297, 210)


def test_summary_xlsx(built, catalogue):
    wb = load_workbook(built["annex1-summary.xlsx"])
    ws = wb.active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    s = catalogue.section("summary")
    keys = [v for v in values if isinstance(v, str) and v.startswith("summary.")]
    table = [f for f in s.fields if f.required or f.kind == "int"]
    assert keys == [f"summary.{f.key}" for f in table]
    key_row = next(r for r in ws.iter_rows() if r[0].value == "summary.no")[0].row
    assert ws.row_dimensions[key_row].hidden
    head = next(r for r in ws.iter_rows() if r[0].value == table[0].label)
    assert [c.value for c in head] == [f.label for f in table]
    text = "".join(str(v) for v in values)
    for f in s.fields:
        assert f.label in text


@pytest.mark.parametrize("name", ["annex2-application-form.docx", "annex1-summary.docx"])
def test_docx_core_properties_are_fixed(built, name):
    core = zipfile.ZipFile(built[name]).read("docProps/core.xml").decode()
    assert f"{load_catalogue().issued}T00:00:00Z" in core  # the notice's date


def test_extra_target_titles_are_the_seed_columns():
    """checker.law.rows cannot read prose.yaml (it runs in Pyodide without PyYAML): its
    extra-target slot titles must be the target table's columns as the form prints them."""

    assert [name for _, name in extra_target_slots(load_catalogue())] == prose()["application"]["plan"]["columns"]
