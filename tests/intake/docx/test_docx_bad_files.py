"""Every file that cannot be read gets one Chinese line naming the real cause, the same in
``checker.intake.read`` (both pages) and in the CLI; bombs are refused before they cost
memory; nothing raises, and the next good file still reads."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checker.intake import limits, sniff
from checker.intake.read import NOT_THE_FORM, SUMMARY_DOCUMENT, read_file
from tests.intake.docx.hostile import billion_laughs, encrypted_office, lie_about_size, replace_part, zip_of

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def office_97(office) -> dict[str, bytes]:
    """A Word 97-2003 .doc and an Excel 97-2003 .xls, as LibreOffice writes them."""
    doc = office.convert({"a.txt": "集群名称：甲\n".encode()}, "doc")["a.txt"] / "a.doc"
    xls = office.convert({"b.csv": "键,值\nbasic.land_area_km2,36.50\n".encode()}, "xls")["b.csv"] / "b.xls"
    return {"doc": doc.read_bytes(), "xls": xls.read_bytes()}


def _xlsx_with_sheet(template: bytes, sheet_xml: bytes, shared: bytes | None = None) -> bytes:
    # Stored, not deflated: each limit is met on its own, not first by the ratio check.
    data = replace_part(template, "xl/worksheets/sheet2.xml", sheet_xml, compression=zipfile.ZIP_STORED)
    if shared is not None:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        if "xl/sharedStrings.xml" in names:
            data = replace_part(data, "xl/sharedStrings.xml", shared, compression=zipfile.ZIP_STORED)
        else:
            data = replace_part(data, "", b"", {"xl/sharedStrings.xml": shared}, compression=zipfile.ZIP_STORED)
    return data


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'


@pytest.fixture(scope="session")
def xlsx_template() -> bytes:
    from checker.law.pack import load_catalogue
    from forms.workbook import build_workbook

    return build_workbook(load_catalogue())


def refusal(data: bytes, name: str = "") -> str | None:
    return read_file(data, name).refused


def test_word_and_excel_97_are_named_and_say_save_as(office_97):
    assert refusal(office_97["doc"], "申报表.doc") == sniff.OLD_WORD[""]
    assert "另存为” .docx" in sniff.OLD_WORD[""]
    assert refusal(office_97["xls"], "表.xls") == sniff.OLD_SHEET[""]


def test_wps_and_et_files_are_named_by_their_name(office_97):
    assert "WPS 文字" in refusal(office_97["doc"], "申报表.wps")
    assert "请在 Word 或 WPS 中“另存为” .docx 后再上传" in refusal(office_97["doc"], "申报表.wps")
    assert "WPS 表格" in refusal(office_97["xls"], "表.et")


@pytest.mark.parametrize("name", ["申报表.docx", "模板.xlsx", "无扩展名"])
def test_a_password_protected_file_is_named_as_such(name):
    assert refusal(encrypted_office(), name) == sniff.ENCRYPTED


def test_the_summary_table_is_not_an_application():
    from checker.batch.export import summary_docx

    docx = summary_docx([], bureau="样例市经信局", bureau_contact="王五")
    assert refusal(docx, "申报表.docx") == SUMMARY_DOCUMENT


def test_an_unrelated_word_document_says_what_it_looks_like():
    from docx import Document

    d = Document()
    d.add_paragraph("会议纪要")
    d.add_paragraph("今天讨论了明年的工作安排。")
    out = io.BytesIO()
    d.save(out)
    assert refusal(out.getvalue(), "纪要.docx") == NOT_THE_FORM


def test_a_zip_bomb_is_refused_before_inflating(filled_docx):
    big = b"<w:p/>" * (limits.MAX_PART_BYTES // 6 + 10)  # 50 MB that deflates to ~50 KB
    bomb = replace_part(filled_docx, "word/document.xml", big)
    assert len(bomb) < 1_000_000
    assert refusal(bomb, "bomb.docx") == limits.ZIP_PART


def test_a_header_that_lies_about_the_size_is_caught(filled_docx):
    lying = lie_about_size(filled_docx, "word/document.xml", 1000)
    assert refusal(lying, "x.docx") in (limits.ZIP_CORRUPT, limits.XML_BROKEN)


def test_a_ratio_beyond_any_office_file_is_refused(filled_docx):
    dense = replace_part(filled_docx, "word/document.xml", b" " * (20 * limits.MB))
    assert refusal(dense, "x.docx") == limits.ZIP_RATIO


def test_too_many_members_is_refused():
    many = zip_of({f"word/media/{i}.png": b"" for i in range(limits.MAX_MEMBERS + 1)}, zipfile.ZIP_STORED)
    assert refusal(many) == limits.ZIP_MEMBERS


def test_a_dtd_is_refused_never_expanded(filled_docx, xlsx_template):
    assert refusal(replace_part(filled_docx, "word/document.xml", billion_laughs())) == limits.XML_DTD
    external = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                + SHEET % b'<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>')
    assert refusal(_xlsx_with_sheet(xlsx_template, external)) == limits.XML_DTD
    utf16 = billion_laughs().decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    assert refusal(replace_part(filled_docx, "word/document.xml", utf16)) == limits.XML_DTD


def test_a_row_number_that_jumps_is_refused(xlsx_template):
    sheet = SHEET % b'<row r="20000000"><c r="A20000000" t="inlineStr"><is><t>x</t></is></c></row>'
    assert len(sheet) < 2000
    assert refusal(_xlsx_with_sheet(xlsx_template, sheet)) == limits.SHEET_ROWS


def test_rows_beyond_the_limit_are_refused(xlsx_template):
    sheet = SHEET % (b"<row/>" * (limits.MAX_SHEET_ROW + 1))
    assert refusal(_xlsx_with_sheet(xlsx_template, sheet)) == limits.SHEET_ROWS


def test_a_column_beyond_the_limit_is_refused(xlsx_template):
    sheet = SHEET % b'<row r="1"><c r="XFD1"><v>1</v></c></row>'
    assert refusal(_xlsx_with_sheet(xlsx_template, sheet)) == limits.SHEET_COLUMNS


def test_a_shared_strings_bomb_is_refused(xlsx_template):
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    many = head + b"<si><t>a</t></si>" * (limits.MAX_SHARED_STRINGS + 1) + b"</sst>"
    assert refusal(_xlsx_with_sheet(xlsx_template, SHEET % b"", many)) == limits.SHARED_STRINGS
    long = head + (b"<si><t>" + b"x" * 1_000_000 + b"</t></si>") * 11 + b"</sst>"
    assert refusal(_xlsx_with_sheet(xlsx_template, SHEET % b"", long)) == limits.SHARED_STRINGS
    # and deflated, the ratio check refuses the same bomb first
    assert refusal(replace_part(xlsx_template, "", b"", {"xl/sharedStrings.xml": many})) == limits.ZIP_RATIO


def test_a_document_full_of_pictures_is_read_without_inflating_them(filled_docx, oracle, monkeypatch):
    import os

    from checker.intake import zipguard

    media = {f"word/media/image{i}.png": os.urandom(3 * limits.MB) for i in range(10)}
    heavy = replace_part(filled_docx, "", b"", media, compression=zipfile.ZIP_STORED)
    assert len(heavy) > 30 * limits.MB
    asked = []
    real = zipguard.GuardedZip.chunks

    def spy(self, name):
        asked.append(name)
        return real(self, name)

    monkeypatch.setattr(zipguard.GuardedZip, "chunks", spy)
    got = read_file(heavy, "申报表.docx")
    assert got.refused is None and got.app is not None
    assert not [n for n in asked if "media" in n]


OTHER_FILES = [
    (b"%PDF-1.7\n" + bytes(200), "PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "图片"),
    (b"PK\x03\x04" + bytes(200), "损坏"),
    (zip_of({"a.txt": b"hi"}), "压缩包"),
    (zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), ".odt"),
    (b"", "为空"),
]


# Named by the kind: a zip's bytes hold the time it was made, and every pytest-xdist
# worker must collect the same test names.
@pytest.mark.parametrize("data, words", OTHER_FILES, ids=[words for _, words in OTHER_FILES])
def test_other_files_name_their_kind(data, words):
    assert words in (refusal(data) or "")


def test_memory_exhaustion_is_a_refusal_not_a_crash(filled_docx, monkeypatch):
    from checker.intake import docx

    def exhausted(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(docx, "read_docx", exhausted)
    assert refusal(filled_docx) == limits.MEMORY


def test_the_cli_under_a_memory_limit_prints_one_line(tmp_path):
    """A real memory ceiling (RLIMIT_AS): the error path itself must not need memory."""
    script = (
        "import resource, sys\n"
        "from checker.cli import main\n"
        "import checker.intake.read as r\n"
        "def hog(*a, **k):\n"
        "    size = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmSize'))\n"
        "    resource.setrlimit(resource.RLIMIT_AS, ((size + 64 * 1024) * 1024,) * 2)\n"
        "    keep = []\n"
        "    while True:\n"
        "        keep.append(bytearray(8 * 2**20))\n"
        "r._read = hog\n"
        "sys.exit(main([sys.argv[1]]))\n")
    path = tmp_path / "a.json"
    path.write_text("{}", "utf-8")
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True, timeout=120)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "Traceback" not in err and err.strip() == limits.MEMORY


def _cli(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120)


def test_the_cli_gives_the_same_line_and_exit_2(tmp_path, office_97, filled_docx):
    cases = {"a.doc": office_97["doc"], "b.docx": encrypted_office(),
             "c.docx": replace_part(filled_docx, "word/document.xml", billion_laughs())}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        done = _cli(str(path))
        err = done.stderr.decode("utf-8")
        assert done.returncode == 2 and err.strip() == (read_file(data, name).refused or "x"), name
        assert "Traceback" not in err


def test_the_cli_never_shows_a_traceback_unless_asked(tmp_path, monkeypatch, capsys):
    from checker import cli
    import checker.intake.read as reading

    def broken(*_args, **_kwargs):
        raise RuntimeError("a defect of ours")

    path = tmp_path / "a.json"
    path.write_text("{}", "utf-8")
    monkeypatch.setattr(reading, "read_file", broken)
    assert cli.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == cli.CRASHED and "Traceback" not in err
    assert cli.main(["--debug", str(path)]) == 2
    assert "Traceback" in capsys.readouterr().err and "a defect of ours"


def test_a_lone_surrogate_never_gives_a_traceback(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(b'{"basic":{"land_area_km2":"\\ud800"}}')
    done = _cli(str(path))
    assert done.returncode in (0, 2)
    assert b"Traceback" not in done.stderr


def test_the_next_good_file_still_reads(filled_docx):
    for bad in (billion_laughs(), encrypted_office(), b"%PDF-1.4"):
        read_file(bad)
    got = read_file(filled_docx)
    assert got.refused is None and got.app.input_format == "docx"


@pytest.mark.timeout(120)  # a hang guard, not a budget
def test_a_bomb_in_a_batch_is_refused_at_once_and_the_rest_screened(filled_docx):
    """Issue 15: one bad file made the whole 批量初审 wait 48–110 s. Refused by its size
    before it is inflated; the time it takes is bench.hostile_bench's (the 50 MB document.xml)."""
    from checker.batch.screen import screen

    bomb = replace_part(filled_docx, "word/document.xml", b"<w:p/>" * (limits.MAX_PART_BYTES // 6 + 10))
    result = screen([("炸弹.docx", bomb), ("申报表.docx", filled_docx)])
    assert [u["source"] for u in result["unreadable"]] == ["炸弹.docx"]
    assert result["unreadable"][0]["reason"] == limits.ZIP_PART
    assert [r["verdict"] for r in result["rows"]] == ["eligible"]
