"""The command line behind ``python -m checker``."""

from __future__ import annotations

import argparse
import sys
from typing import BinaryIO

from checker.parse import NotText, decode

MAX_BYTES = 20 * 1024 * 1024  # far beyond any application; keeps a stray file from hanging us


class Unreadable(Exception):
    """The input is not text we can check; the message is one Chinese line."""


def read_input(name: str, stdin: BinaryIO | None = None) -> str:
    """The file (or standard input) as text; raises ``Unreadable`` with one Chinese line."""
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
        raise Unreadable("文件超过 20 MB，不像一份申报材料，请检查是否选错了文件。")
    try:
        return decode(data)  # the parser's one decoding path: UTF-8, UTF-16 (BOM), GB18030
    except NotText as err:
        raise Unreadable(str(err)) from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m checker",
        description="按《中小企业特色产业集群认定标准（2022 年版）》检查申报数据。")
    ap.add_argument("file", nargs="?", help="申报数据文件（JSON、表格粘贴文字或“标签：值”文字），- 表示标准输入")
    ap.add_argument("--json", action="store_true", help="输出 JSON 报告")
    ap.add_argument("--template", choices=("json", "tsv"), help="输出空白模板")
    args = ap.parse_args(argv)
    out = sys.stdout
    if args.template:
        from checker.template import template_json, template_tsv

        out.write(template_json() if args.template == "json" else template_tsv())
        return 0
    if args.file is None:
        ap.print_usage(sys.stderr)
        print("请指定申报数据文件，或用 - 表示标准输入。", file=sys.stderr)
        return 2
    try:
        text = read_input(args.file)
    except Unreadable as err:
        print(str(err), file=sys.stderr)
        return 2
    from checker.api import check_text, dumps
    from checker.text_report import render_text

    report = check_text(text)
    out.write(dumps(report) if args.json else render_text(report))
    return 0
