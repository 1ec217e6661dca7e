"""The package API and ``python -m checker``: reports, templates, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.judge.appbuild import EXAMPLE, ROOT, SHARED, application_from, load_example
from checker import api
from checker.judge.report import evaluate
from checker.law.pack import load_catalogue
from checker.law.rows import header
from checker.law.template import template_json, template_tsv

SHARED_EXAMPLE = SHARED / "spec" / "example-application.json"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)


def test_example_text_is_the_packaged_example():
    assert api.example_text() == EXAMPLE.read_text("utf-8")
    doc = json.loads(api.example_text(), parse_float=Decimal, parse_int=Decimal)
    assert evaluate(application_from(doc)).verdict == "eligible"


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="no shared/ beside the repository")
def test_packaged_example_equals_the_spec():
    assert EXAMPLE.read_bytes() == SHARED_EXAMPLE.read_bytes()


def test_check_xlsx_of_garbage_is_a_report_with_a_finding():
    report = json.loads(api.check_xlsx(b"not a workbook at all"))
    assert report["verdict"] == "incomplete"
    assert report["findings"][0]["id"] == "input.xlsx_unreadable"


def test_template_tsv_follows_the_row_contract():
    lines = template_tsv().splitlines()
    assert lines[0].split("\t") == list(header(load_catalogue()))
    keys = [line.split("\t")[0] for line in lines[1:]]
    assert len(keys) == len(set(keys))
    assert all(len(line.split("\t")) == 7 for line in lines)
    assert "industry.total_output" in keys and f"industry.total_output.{load_catalogue().years[0]}" not in keys
    assert "innovation.standards.national.lead" in keys
    assert "industry.chain_actions.chain_map" in keys
    assert {"open.overseas_branches.count", "open.overseas_branches.names"} <= set(keys)
    assert "plan.extra_targets.1.indicator" in keys


def test_template_json_is_a_blank_of_every_field():
    doc = json.loads(template_json())
    example = load_example()

    def keys(node: object, at: str = "") -> set[str]:
        if isinstance(node, dict):
            return {p for k, v in node.items() for p in keys(v, f"{at}.{k}")} | {at}
        return {at}
    assert keys(example) <= keys(doc)
    # nothing filled: every leaf is null (boxes too: [] would mean "none ticked")
    report = evaluate(application_from(doc)).to_json()
    assert report["verdict"] == "incomplete"
    assert not report["evidence"][2:]  # only the two formulas the form always asks for


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_cli_template(fmt: str):
    done = run("--template", fmt)
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == (template_json() if fmt == "json" else template_tsv())


def test_cli_missing_file_exits_2_with_one_chinese_line():
    done = run("/nonexistent/申报.json")
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "找不到文件" in err and "Traceback" not in err
    assert done.stdout == b""


@pytest.mark.parametrize("data", [bytes(range(256)) * 20, b"PK\x03\x04" + b"\x00" * 100,
                                  b"\xff\xfe\x00\x00garbage", b"\x01\x02\x03\x04" * 100])
def test_cli_binary_input_exits_2(data: bytes, tmp_path: Path):
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    for args, stdin in (((str(path),), None), (("-",), data)):
        done = run(*args, stdin=stdin)
        assert done.returncode == 2, done.stderr
        err = done.stderr.decode("utf-8")
        assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_directory_exits_2(tmp_path: Path):
    assert run(str(tmp_path)).returncode == 2


def test_cli_reports_the_example():
    done = run(str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert "结论：符合" in text and "佐证材料清单" in text
    done = run("--json", "-", stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0
    assert json.loads(done.stdout)["verdict"] == "eligible"


def test_cli_gbk_text_is_read():
    done = run("-", stdin="集群总产值（亿元）\t68.20\t76.90\t86.40\n".encode("gb18030"))
    assert done.returncode == 0, done.stderr
    assert "结论：待补充" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_cli_utf16_text_is_read(bom: bytes, encoding: str, tmp_path: Path):
    """Excel's "Unicode 文本" export: UTF-16 with a byte order mark, tabs, CRLF."""
    rows = "\t".join(header(load_catalogue())) + "\r\n" \
           "industry.total_output\t集群总产值\t亿元\t\t68.20\t76.90\t86.40\r\n"
    path = tmp_path / "申报.txt"
    path.write_bytes(bom + rows.encode(encoding))
    done = run("--json", str(path))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    as_utf8 = json.loads(run("--json", "-", stdin=rows.encode("utf-8")).stdout)
    # the same report, and the encoding said as the first normalisation
    assert report["normalised"][0] == {"field": "input", "raw": "UTF-16", "value": "Unicode",
                                       "how": "文件按 UTF-16 编码读取", "source": None}
    assert {**report, "normalised": report["normalised"][1:]} == as_utf8
    assert report["input_format"] == "tsv"
    output = next(c for c in report["checks"] if c["id"] == "core.output_each_year")
    assert output["status"] == "pass", output


def test_api_reports_the_example_eligible_and_json_is_stable():
    report = api.check_text(api.example_text())
    assert report["verdict"] == "eligible" and report["input_format"] == "json"
    assert api.check_text_json(api.example_text()) == api.check_text_json(api.example_text())
    assert json.loads(api.check_text_json(api.example_text())) == report


@pytest.mark.parametrize("text", ["", "<script>alert(1)</script>", "[" * 100_000, '{"basic": 5}',
                                  '{"industry": {"total_output": "' + "9" * 100_000 + '"}}',
                                  "\x00\x01\x02 控制字符", "集群总产值（亿元）：" + "1" * 100_000])
def test_api_never_raises(text: str):
    report = api.check_text(text)
    assert len(report["checks"]) == 51
