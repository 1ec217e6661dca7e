"""Read an application as people really send it: ``parse(text, cat) -> Application``.

The fields, labels and years are those of the catalogue ``cat`` the parser is given (a
rule pack's; the site's when none is): below, ``<y1>``, ``<y2>``, ``<y3>`` are its data years
(近三年, oldest first) and nothing here names a year of a round.

Three formats, detected from the text and named in ``Application.input_format``:

``json``
    A document shaped like ``example-application.json``: sections ``cover``, ``summary``,
    ``basic``, ``industry``, ``innovation``, ``digital``, ``green``, ``open``,
    ``governance``, ``plan`` keyed as in ``fields.md``. Numbers keep their literal text
    (``36.50`` stays two decimals); a number may also be a string (``"１２．５０％"``).
    Yearly values ``{"<y1>": .., "<y2>": .., "<y3>": ..}`` (a list of three is accepted);
    boxes a list of box keys (box labels accepted; ``[]`` = nothing ticked, which is an
    answer); yes/no ``"是"``/``"否"``/``"不适用"`` or ``true``/``false``; named counts
    ``{"count": 2, "names": ["甲", "乙"]}``; a Row-contract key at the top level
    (``{"industry.total_output.<y1>": 68.20}``) is read too. A partial document is valid:
    what is absent (or ``null``) is missing.
``tsv``
    Tab-separated rows (Excel, WPS, LibreOffice, Word). The Row contract
    ``键 栏目 单位 值 <y1> 年 <y2> 年 <y3> 年`` (header optional, may repeat; Excel-quoted
    cells may hold tabs and line breaks; the 键 column may be missing, as when the hidden
    column of our .xlsx is not copied): rows are matched by key, else by 栏目. Rows
    copied from the Word form are matched by label, compared without blanks, with full
    and half-width brackets and colons alike and trailing brackets (unit, 字数, 需提供清单)
    optional: ``label<TAB><y1><TAB><y2><TAB><y3>`` or ``label<TAB>value``; years down the
    side (``label<TAB><y1> 年<TAB>0.42`` then ``<TAB><y2> 年<TAB>0.39``); a ``年度`` row
    of years with the values on the row below; ``联系人<TAB>张三<TAB>联系方式<TAB>027…``;
    the standards rows ``国家<TAB>1<TAB>2<TAB>国家<TAB>…``; target rows
    ``绿色化<TAB>二氧化碳排放量<TAB>0.36<TAB>0.29``; box cells ``☑ 是 ☐ 否`` and box lists
    with one ``☑ option`` per line. Same-named rows (联系人, 联系方式, 是否高于行业平均水平,
    集群名称, 集群运营管理机构) are told apart by the row above them (the field's
    ``context``) or by the section they sit in (section headings such as ``一、基本情况``
    are recognised).
``lines``
    ``标签：值`` lines (either colon, full or half width; ``=`` after a key), e.g.
    ``集群占地面积(平方公里)：36.50`` or ``basic.land_area_km2: 36.50``. Yearly values as
    ``集群总产值（亿元）<y1> 年：68.20`` (or ``（<y1> 年）``, or ``industry.total_output.<y1>``)
    or in one line ``集群总产值（亿元）：68.20 / 76.90 / 86.40`` (separators ``/ ； 、`` or
    Tab, or blanks between numbers) or ``…：<y1> 年 68.20，<y2> 年 76.90，<y3> 年 86.40``.
    ``栏目 值`` with blanks instead of a colon is read when the value starts like one (a
    number, 无, 是/否 or a box mark). A line without a label continues the long text or box
    list above it (发展规划 over several lines). The 附件1 table (its header row 序号 | 集群名称
    | …, the seed's hint row and one data row) is read by column.

Normalisations (each reported as a ``Normalisation``): leading/trailing blanks; full-width
digits and punctuation (``１２．５０％``); thousands separators (``1,234.50``,
``1，234.50``, ``1 234.50``); a unit after the number (亿元 万元 元 % 个 家 件 项 人 吨 平方公里
吨标准煤/万元 吨二氧化碳/万元) removed when it is the field's unit, converted between
元/万元/亿元 when the field asks for another of them, refused otherwise; 无 / 暂无 / - / —
as "none" (0 for counts and amounts in 万元/亿元, a finding and missing for percentages,
growth rates, intensities and other figures, the text "无" for text, nothing ticked for
boxes); box marks ☑ ✓ √ ■ ✔ ☒ (ticked) and ☐ □ (not ticked), 是/否, true/false, yes/no.

``Application.raw`` keeps each figure's literal digits (after full-width folding and
separator removal, before any unit conversion or rounding) so the evaluator can judge
"two decimals". Anything unreadable becomes a ``Finding`` (``input.unreadable``,
``input.unknown_key``, ``input.unknown_label``, ``input.wrong_type``,
``input.none_not_allowed``, ``input.unit_mismatch``, ``input.extra_cells``,
``input.markup``, ``input.control_characters``, ``input.invalid_unicode``, ``input.unrecognised``,
``input.too_long``, ``input.too_many_findings``) on its field (``input`` for the document),
quoting the raw text (at most ~80 characters); everything else is still read.

Nothing raises: figures are Decimals built from text (never ``int()`` of user text, never
binary floats), figures of more than 40 digits are refused, JSON nesting is measured
before decoding, findings are capped, lone surrogates are replaced (U+FFFD, reported),
and the whole is linear in the input size: no pattern that sees user text can backtrack
over a long run (``tests/intake/test_parse_linear.py``). Findings and normalisations are
listed in the catalogue's order, so the same data in any format or order reads alike.
"""

from __future__ import annotations

from checker.law.application import Application, Finding
from checker.law.catalogue import Catalogue
from checker.intake.collect import Collector
from checker.intake.from_json import looks_like_json, read_json
from checker.intake.csv_rows import csv_rows, looks_like_csv
from checker.intake.paste import MAX_ROWS, read_cells, read_rows
from checker.intake.tables import tables
from checker.intake.text import CONTROL, ODD, REPLACEMENT, code_points

__all__ = ["parse", "parse_bytes", "NotText", "order", "MAX_CHARS"]

MAX_CHARS = 2_000_000


class NotText(ValueError):
    """The bytes are not text the checker can read; ``str()`` is a one-line Chinese message."""


def order(cat: Catalogue | None = None) -> dict[str, int]:
    """Leaf path -> catalogue position: the order of values in an Application."""
    return tables(cat).order()


def parse(text: str, cat: Catalogue | None = None) -> Application:
    """Read an application from text (JSON, pasted rows or 标签：值 lines) by the fields
    and years of ``cat`` (the site pack's catalogue when None); never raises."""
    try:
        return _parse(text, cat)
    except Exception as exc:  # a defect of ours must still give the user a report
        return Application(input_format="lines", findings=(Finding(
            id="input.internal_error", field="input", raw=type(exc).__name__,
            message="读取输入时程序出错，未能读取；请把输入内容反馈给网站维护者。"),))


def _parse(text: str, cat: Catalogue | None) -> Application:
    col = Collector(tables(cat))
    if isinstance(text, (bytes, bytearray)):
        try:
            text = decode(bytes(text))
        except NotText as exc:
            col.find("input.not_text", "input", None, str(exc))
            return col.finish("lines")
    if not isinstance(text, str):
        col.find("input.wrong_type", "input", type(text).__name__, "输入应为文字。")
        return col.finish("lines")
    if len(text) > MAX_CHARS:
        col.find("input.too_long", "input", None,
                 f"输入有 {len(text)} 个字符，超过 {MAX_CHARS} 个，只读取了前 {MAX_CHARS} 个字符。")
        text = text[:MAX_CHARS]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    odd = [] if text.isascii() else ODD.findall(text)
    if odd:
        col.find("input.invalid_unicode", "input", None,
                 f"输入中有 {len(odd)} 个不是文字的 Unicode 码位（{code_points(odd)}，如孤立的代理项），"
                 f"已替换为“{REPLACEMENT}”后读取；请检查复制来源或文件的编码。")
        text = ODD.sub(REPLACEMENT, text)
    bad = CONTROL.findall(text)
    if bad:
        count = len(bad)
        shown = code_points(bad)
        col.find("input.control_characters", "input", None,
                 f"输入中有 {count} 个控制字符或不可见字符（{shown}），已删除后读取；请检查复制来源。")
        text = CONTROL.sub("", text)
    head = text.lstrip()
    if head[:1] in ("{", "[") and looks_like_json(head):
        read_json(head, col)
        return col.finish("json")
    if looks_like_csv(head):
        read_cells(csv_rows(head, MAX_ROWS + 1), col)
        return col.finish("csv")
    fmt = read_rows(text, col)
    return col.finish(fmt)


def decode(data: bytes) -> str:
    """Bytes of a text file -> text, by ``checker.intake``' one sniffing and decoding path
    (BOM, UTF-16/32, UTF-8, GB18030). Raises ``NotText`` with a one-line Chinese message
    for anything else (a Word or Excel file is read as a file: ``checker.intake.read``)."""
    from checker.intake.limits import Refused
    from checker.intake.sniff import FORMAT_LABELS
    from checker.intake.sniff import sniff
    from checker.intake.textcodec import NotTextError, decode as decode_text

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise NotText("没有收到文件内容。")
    data = bytes(data)
    try:
        kind = sniff(data).kind
    except Refused as err:
        raise NotText(str(err)) from None
    if kind != "text":
        raise NotText(f"这是{FORMAT_LABELS[kind]}文件，不是文字；请作为文件读取（选择文件，或 python -m checker 文件名）。")
    try:
        return decode_text(data).text
    except NotTextError as err:
        raise NotText(str(err)) from None


def parse_bytes(data: bytes, cat: Catalogue | None = None) -> Application:
    """Read a file's bytes; raises ``NotText`` (a ``ValueError``) when they are not text."""
    return parse(decode(data), cat)
