"""The Pyodide corpus: every input the Pyodide tests feed the checker, in one place.

Two users, so they can never drift apart:
- the Pyodide tests (tests/pyodide/test_parity.py, tests/batch/test_batch_pyodide.py)
  send these requests to their Node harnesses and compare with CPython;
- the site's build (site_hooks/stdlib_trim.py) sends the same requests to the same
  harnesses with the whole standard library and keeps, for the pages, only the
  modules they imported (the trimmed stdlib); the tests then run on that trimmed
  stdlib, so a module the corpus needs and the trim left out fails the tests.

So a new input format, or a code path only some input takes, belongs here: add it
to a request (and its harness), and both the parity check and the trim cover it.

``harness_requests()`` -> ``{name: (harness .mjs, request dict)}``.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import yaml

from checker import api
from checker.law.pack import load_catalogue
from tests.judge.appbuild import json_text, patched  # the case suite's own helper

ROOT = Path(__file__).resolve().parents[2]
YEARS = load_catalogue().years
ISSUED = load_catalogue().issued.encode("ascii")  # the blank forms' file date

CHECKER_HARNESS = ROOT / "tests" / "pyodide" / "run_checker.mjs"
BATCH_HARNESS = ROOT / "tests" / "batch" / "run_batch.mjs"
AWKWARD = {
    "empty": "",
    "blank lines": "\n\n  \n",
    "not json": "{ this is not json",
    "html": '集群名称：<img src=x onerror="alert(1)">\n<script>alert(2)</script>',
    "full-width lines": "集群名称：某某集群\n占地面积（平方公里）：１２．５０\n",
    "binary-ish": "\x00\x01\x02\ufffd" * 50,
    "long": "集群名称：" + "很长" * 5000,
    # issue 15's attacks on the reader: the same report, as fast, in the browser
    "lone surrogate escape": '{"basic":{"land_area_km2":"\\ud800"},"cover":{"cluster_name\\udfff":"x"}}',
    "year pairs over a run of blanks": f"集群总产值（亿元）：{YEARS[0]}" + " " * 2000 + f"，{YEARS[1]} 年",
    "unterminated escaped quotes": '{"a": "' + '\\"' * 20_000,
    "named count over a run of blanks": '{"open": {"overseas_branches": "数量x' + " " * 32_000 + 'y"}}',
    "exponents": '{"digital": {"iip_rate": 3.077e1}, "basic": {"land_area_km2": 1e999999999}}',
}
# Rows of the screened batch that go into the exported 推荐汇总表.
BATCH_PICK = [0, 3]


def case_inputs() -> dict[str, str]:
    """The example, every case of tests/cases/*.yaml (a patch over it), awkward texts."""
    inputs = {"example": api.example_text()}
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(data["cases"]):
            inputs[f"{path.stem}#{number}: {case['name']}"] = json_text(patched(case.get("patch") or {}))
    for name, text in AWKWARD.items():
        inputs[f"awkward: {name}"] = text
    return inputs


MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible(data: bytes) -> bytes:
    """The same Office file with the clock taken out: every entry dated 1980-01-01 and
    docProps/core.xml's dcterms:modified fixed (openpyxl and python-docx write the time
    of saving). The corpus is then the same bytes on every run, so the trace's cache key
    (stdlib_trim.py) is too, and a test does not trace again what the build traced."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = MODIFIED.sub(rb"\g<1>" + ISSUED + rb"T00:00:00Z\g<2>", body)
            info.date_time = (1980, 1, 1, 0, 0, 0)
            target.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def filled_example_xlsx() -> bytes:
    """Our .xlsx template filled with the example (the templates helper's routine)."""
    from tests.forms.filling import fill  # noqa: PLC0415

    from checker.law.pack import load_catalogue  # noqa: PLC0415
    from forms.workbook import build_workbook  # noqa: PLC0415

    return reproducible(fill(build_workbook(load_catalogue()), json.loads(api.example_text())))


def xlsx_inputs() -> dict[str, bytes]:
    return {"filled example": filled_example_xlsx()}


@functools.cache
def word_form() -> dict:
    """The example as the Word 申报表's answers (the .docx builders' input)."""
    from tests.intake.docx.template_filler import application_form  # noqa: PLC0415

    return application_form(json.loads(api.example_text(), parse_float=Decimal))


@functools.cache
def file_inputs() -> dict[str, bytes]:
    """Every file format the pages read (checker.intake): the Word 申报表 (our template
    filled, the official layout in each box style, blank), .xlsx, .csv, text in other
    encodings, and the refusals (encrypted, DTD, old Word, PDF), so the parity check and
    the trace cover the .docx, ZIP, XML, decoding and refusal paths."""
    from checker.law.pack import load_catalogue  # noqa: PLC0415
    from forms.application_docx import build_application_docx  # noqa: PLC0415
    from forms.blanks import build_csv  # noqa: PLC0415
    from tests.intake.docx.hostile import billion_laughs, encrypted_office, replace_part  # noqa: PLC0415
    from tests.intake.docx.official_layout import BOX_STYLES, build  # noqa: PLC0415
    from tests.intake.docx.template_filler import fill_template  # noqa: PLC0415

    catalogue = load_catalogue()
    template = reproducible(fill_template(build_application_docx(catalogue), word_form()))
    return {"docx: our template filled": template,
            **{f"docx: official layout, boxes {s}": reproducible(build(word_form(), s)) for s in BOX_STYLES},
            "docx: blank template": reproducible(build_application_docx(catalogue)),
            "xlsx: filled example": filled_example_xlsx(),
            "csv: blank template": build_csv(catalogue),
            "text: gbk json": api.example_text().encode("gb18030"),
            "text: utf-16 without bom": "集群总产值（亿元）\t68.20\t76.90\t86.40\r\n".encode("utf-16-le"),
            "refused: encrypted": encrypted_office(),
            "refused: dtd": reproducible(replace_part(template, "word/document.xml", billion_laughs())),
            "refused: old word": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "refused: pdf": b"%PDF-1.4 x"}


@functools.cache
def html_inputs() -> dict[str, str]:
    """The clipboard's text/html flavour of a Word table (checker.intake.html)."""
    from tests.intake.docx.official_layout import build  # noqa: PLC0415
    from tests.intake.docx.word_html import word_clipboard_html  # noqa: PLC0415

    return {f"html: word clipboard, boxes {s}": word_clipboard_html(build(word_form(), s)) for s in ("sym", "ffdata")}


def checker_request() -> dict:
    return {"texts": case_inputs(),
            "xlsx": {name: base64.b64encode(data).decode() for name, data in xlsx_inputs().items()},
            "files": {name: base64.b64encode(data).decode() for name, data in file_inputs().items()},
            "html": html_inputs()}


def batch_items() -> list[tuple[str, bytes]]:
    """The batch's five applications and a bad file, and a Word 申报表 (the page takes a
    folder of them)."""
    from tests.batch import batch_apps  # noqa: PLC0415

    items = [(name, reproducible(data)) for name, data in batch_apps.five_items()]
    return [*items, ("申报表.docx", file_inputs()["docx: official layout, boxes sym"])]


def batch_request() -> dict:
    return {"items": [[name, base64.b64encode(data).decode()] for name, data in batch_items()], "pick": BATCH_PICK}


def harness_requests() -> dict[str, tuple[Path, dict]]:
    return {"checker": (CHECKER_HARNESS, checker_request()), "batch": (BATCH_HARNESS, batch_request())}


if __name__ == "__main__":
    # The build's stdlib trim (site_hooks/stdlib_trim.py) reads the requests from here.
    json.dump({name: [str(harness), request] for name, (harness, request) in harness_requests().items()},
              sys.stdout, ensure_ascii=False)
