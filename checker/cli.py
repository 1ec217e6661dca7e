"""The command line behind ``python -m checker``.

``FILE`` may be anything the pages read (``checker.intake.read``): a filled 申报表 .docx,
our .xlsx or .csv template, JSON, pasted rows or 标签：值 text, in any encoding the
sniffer knows. A file that cannot be read exits 2 with one Chinese line on standard
error, and so does any error of ours: a traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from typing import BinaryIO

from checker.intake import limits
from checker.law.pack import load_pack

MAX_BYTES = limits.MAX_FILE_BYTES
CRASHED = "程序出错，未能完成检查（加 --debug 可查看详细信息）；请把输入文件反馈给网站维护者。"


class Unreadable(Exception):
    """The input is not something we can check; the message is one Chinese line."""


def read_input(name: str, stdin: BinaryIO | None = None) -> bytes:
    """The file's (or standard input's) bytes; raises ``Unreadable`` with one Chinese line."""
    try:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        else:
            with open(name, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise Unreadable(f"找不到文件：{name}")
    except IsADirectoryError:
        raise Unreadable(f"这是一个目录，不是文件：{name}")
    except OSError as err:
        raise Unreadable(f"无法读取文件：{name}（{err.strerror or err}）")
    if len(data) > MAX_BYTES:
        raise Unreadable(limits.TOO_BIG)
    return data


def _run(args: argparse.Namespace, out) -> int:
    if args.template:
        from checker.law.template import template_json, template_tsv

        out.write(template_json() if args.template == "json" else template_tsv())
        return 0
    try:
        data = read_input(args.file)
    except Unreadable as err:
        print(str(err), file=sys.stderr)
        return 2
    from checker.api import dumps
    from checker.judge.evaluate import report_dict
    from checker.intake.read import read_file
    from checker.judge.text_report import render_text

    got = read_file(data, "" if args.file == "-" else args.file)
    if got.refused is not None or got.app is None:
        print(got.refused or limits.INTERNAL, file=sys.stderr)
        return 2
    report = report_dict(got.app)
    if args.evidence:
        return _write_evidence(args, report, got.app.values)
    out.write(dumps(report) if args.json else render_text(report))
    return 0


def _write_evidence(args: argparse.Namespace, report: dict, values: dict) -> int:
    """``--evidence docx|xlsx``: the 佐证材料清单 to ``--output`` (default: its own name
    in the current directory); prints where it went."""
    from checker.api import dumps, evidence_file

    name = str(values.get("basic.cluster_name") or values.get("cover.cluster_name") or "")
    default, data = evidence_file(dumps(report), args.evidence, name=name)
    target = args.output or default
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except OSError as err:
        print(f"无法写入文件：{target}（{err.strerror or err}）", file=sys.stderr)
        return 2
    print(f"佐证材料清单 {len(report['evidence'])} 项，已写入 {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m checker",
        description=f"按《{load_pack().info.standard}》检查申报材料。")
    ap.add_argument("file", nargs="?",
                    help="申报材料：Word 申报表（.docx）、.xlsx 或 .csv 模板、JSON、表格粘贴文字或“标签：值”文字；- 表示标准输入")
    ap.add_argument("--json", action="store_true", help="输出 JSON 报告")
    ap.add_argument("--template", choices=("json", "tsv"), help="输出空白模板")
    ap.add_argument("--evidence", choices=("docx", "xlsx"),
                    help="把佐证材料清单写成 Word 或 Excel 文件（按申报表各部分，含文件名和已备齐两栏）")
    ap.add_argument("--output", "-o", metavar="文件", help="--evidence 写入的文件（默认：当前目录下的“佐证材料清单.docx/.xlsx”）")
    ap.add_argument("--debug", action="store_true", help="出错时显示 Python 的详细出错信息")
    args = ap.parse_args(argv)
    if args.output and not args.evidence:
        ap.print_usage(sys.stderr)
        print("--output 只用于 --evidence（写佐证材料清单文件）。", file=sys.stderr)
        return 2
    if args.file is None and not args.template:
        ap.print_usage(sys.stderr)
        print("请指定申报材料文件，或用 - 表示标准输入。", file=sys.stderr)
        return 2
    try:
        return _run(args, sys.stdout)
    except KeyboardInterrupt:
        return 130
    except BaseException as err:  # noqa: BLE001 - one Chinese line, never a traceback
        if isinstance(err, SystemExit):
            raise
        if args.debug:
            traceback.print_exc()
        else:
            try:
                print(limits.MEMORY if isinstance(err, MemoryError) else CRASHED, file=sys.stderr)
            except BaseException:  # noqa: BLE001 - even stderr may fail (a closed pipe)
                pass
        return 2
