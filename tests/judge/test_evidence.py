"""The 佐证材料清单: grouped by the 申报表's parts, each item once, in the form's words;
as .docx and .xlsx (python-docx, openpyxl, LibreOffice), from the API and the CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import docx
import openpyxl
import pytest

from tests.judge.appbuild import ROOT
from checker import api
from checker.law.pack import load_catalogue
from checker.judge.evidence import item_label
from checker.judge.evidence_files import BOX, COLUMNS, TICKED, evidence_docx, evidence_xlsx
from checker.judge.text_report import render_text

ISSUED = load_catalogue().issued  # the notice's date: the files' date


@pytest.fixture(scope="module")
def report() -> dict:
    return api.check_text(api.example_text())


@pytest.fixture(scope="module")
def items(report) -> list[dict]:
    return report["evidence"]


def _squash(text: str) -> str:
    return "".join(text.split())


def _form_words() -> dict[str, set[str]]:
    """Per field path, every text the form prints there (labels, box texts, notes)."""
    words: dict[str, set[str]] = {}
    for section in load_catalogue().sections:
        for f in section.fields:
            ref = f"{section.key}.{f.key}"
            words[ref] = {f.label} | {o.label for o in f.options} | ({f.note} if f.note else set())
            for p in f.parts:
                words[f"{ref}.{p.key}"] = {f.label, p.label}
    return words


def test_items_come_by_part_in_the_forms_order_each_once(items):
    order = [s.key for s in load_catalogue().sections]
    parts = [i["part"]["key"] for i in items]
    runs = [p for n, p in enumerate(parts) if n == 0 or parts[n - 1] != p]
    assert runs == sorted(set(parts), key=order.index)  # each part one run, in the form's order
    assert len(runs) == 6
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) == 36
    assert len({(i["label"], i["needs"]) for i in items}) == len(items)
    titles = {s.key: s.title for s in load_catalogue().sections}
    assert all(i["part"]["title"] == titles[i["part"]["key"]] for i in items)
    assert "industry.chain_actions.chain_map" in ids and "green.co2_formula" in ids


def test_labels_are_the_forms_words_and_say_needs_once(items):
    words = _form_words()
    for i in items:
        assert "需提供" not in i["label"], i  # what to provide is the needs column, not the label
        printed = words[i["field"]]
        assert any(piece in "".join(printed) for piece in i["label"].split("：")), i
        assert i["needs"] in {"佐证材料", "清单", "计算公式", "清单及佐证材料", "清单及相关佐证材料"}
    by_id = {i["id"]: i for i in items}
    assert (by_id["green.co2_formula"]["label"], by_id["green.co2_formula"]["needs"]) == \
        ("单位产值二氧化碳排放量", "计算公式")
    assert by_id["innovation.platforms.provincial"]["label"] == \
        "创新平台建设情况：省级制造业创新中心或省级创新平台名称及数量"
    assert by_id["innovation.standards"]["label"].endswith("或参与制修订标准数量情况")


def test_item_label_takes_out_only_the_reminder():
    assert item_label("创新平台建设情况 (需提供清单及佐证材料)") == "创新平台建设情况"
    assert item_label("（注：单位产值能耗需提供计算公式）") == "单位产值能耗"
    assert item_label("集群内产业联盟组织情况") == "集群内产业联盟组织情况"


def test_the_text_report_lists_the_items_under_their_parts(report, items):
    text = render_text(report)
    block = text[text.index("【佐证材料清单】"):]
    assert block.index("  二、主导产业情况") < block.index("  五、绿色化转型情况") < block.index("  七、治理和服务水平")
    assert "    - 单位产值能耗：计算公式" in block
    assert block.count("计算公式") == 2 and "（注：" not in block


def test_docx_holds_every_item_by_part_with_its_columns(items):
    blob = evidence_docx(items, [items[0]["id"]], name="某集群", issued=ISSUED)
    d = docx.Document(io.BytesIO(blob))
    assert d.paragraphs[0].text == "某集群佐证材料清单"
    [table] = d.tables
    assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in body] == [str(n) for n in range(1, len(items) + 1)]
    assert [(r[2], r[3]) for r in body] == [(i["label"], i["needs"]) for i in items]
    assert [r[1] for r in body] == [i["part"]["title"] for i in items]  # merged down each part
    assert {r[4] for r in body} == {""}
    assert [r[5] for r in body] == [TICKED] + [BOX] * (len(items) - 1)
    assert blob == evidence_docx(items, [items[0]["id"]], name="某集群", issued=ISSUED)


def test_xlsx_holds_every_item_by_part_with_its_columns(items):
    blob = evidence_xlsx(items, [items[-1]["id"]], issued=ISSUED)
    ws = openpyxl.load_workbook(io.BytesIO(blob)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "佐证材料清单"
    assert list(rows[2]) == list(COLUMNS)
    body = rows[3:]
    assert [r[0] for r in body] == list(range(1, len(items) + 1))
    assert [(r[2], r[3]) for r in body] == [(i["label"], i["needs"]) for i in items]
    assert [r[5] for r in body] == [BOX] * (len(items) - 1) + [TICKED]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.fitToWidth == 1 and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert all(ws.row_dimensions[r].height for r in range(4, ws.max_row + 1))
    [choice] = ws.data_validations.dataValidation
    assert str(choice.sqref) == f"F4:F{ws.max_row}" and BOX in choice.formula1
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "B4:B11" in merged  # the 8 items of 二、主导产业情况 under one 部分 cell
    assert blob == evidence_xlsx(items, [items[-1]["id"]], issued=ISSUED)


def test_api_names_the_file_and_marks_the_ticked(report, items):
    name, blob = api.evidence_file(json.dumps(report, ensure_ascii=False), "xlsx", json.dumps([items[1]["id"], 7]))
    assert name == "佐证材料清单.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(blob)).active
    assert [r[5] for r in ws.iter_rows(min_row=4, max_row=6, values_only=True)] == [BOX, TICKED, BOX]


def test_libreoffice_prints_every_item(items, office):
    pdfs = office.printed({"清单-docx.docx": evidence_docx(items, issued=ISSUED),
                           "清单-xlsx.xlsx": evidence_xlsx(items, issued=ISSUED)})
    for name, pdf in pdfs.items():
        text = _squash(pdf["raw"])
        for i in items:
            assert _squash(i["label"]) in text, (name, i["label"])
        assert _squash("材料（所填栏目）") in text and "文件名" in text


def _cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60, env=env)


def test_cli_writes_the_checklist(tmp_path):
    example = str(ROOT / "checker" / "data" / "example-application.json")
    done = _cli("--evidence", "docx", example, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [written] = tmp_path.glob("*.docx")
    assert written.name == "湖北省样例市样例区汽车零部件产业集群佐证材料清单.docx"
    assert written.name in done.stdout and "36 项" in done.stdout
    target = tmp_path / "清单.xlsx"
    assert _cli("--evidence", "xlsx", "-o", str(target), example).returncode == 0
    assert openpyxl.load_workbook(target).active.max_row == 3 + 36
    bad = _cli("--evidence", "xlsx", "-o", str(tmp_path / "no" / "such" / "dir.xlsx"), example)
    assert bad.returncode == 2 and bad.stderr.startswith("无法写入文件")
    alone = _cli("-o", str(target), example)
    assert alone.returncode == 2 and "--evidence" in alone.stderr
