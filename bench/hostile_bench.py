"""The attacks of the hostile-input run (issue 15) that the reader, the Office-file guard
and the exports answer, each in a fresh interpreter: CPU time and peak memory (a script,
not a timed test).

    .venv/bin/python -m bench.hostile_bench

Printed per attack: the CPU seconds of the run (parse, checks, report; for an export,
screening and writing the file) and the peak resident memory of the process, beside the
same interpreter doing nothing but importing the checker (the baseline line).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTACKS = {
    "baseline (import, check the example)": "check_text(api.example_text())",
    # Y: the round's data years (the probe reads them from the pack).
    "标签：值 line, a year + 2 000 spaces + ，the next 年 (was 23 s)":
        "check_text('集群总产值（亿元）：' + Y[0] + ' ' * 2000 + '，' + Y[1] + ' 年')",
    "same, 2 MB of spaces":
        "check_text('集群总产值（亿元）：' + Y[0] + ' ' * 2_000_000 + '，' + Y[1] + ' 年')",
    "unterminated JSON string of 20 000 \\\" (40 KB, was 9.8 s)":
        "check_text('{\"a\": \"' + '\\\\\"' * 20_000)",
    "unterminated JSON string, 200 KB (was > 120 s)":
        "check_text('{\"a\": \"' + '\\\\\"' * 100_000)",
    "\"数量x\" + 32 000 spaces + \"y\" (was 23 s)":
        "check_text(json.dumps({'open': {'overseas_branches': '数量x' + ' ' * 32_000 + 'y'}}))",
    "wide table label with 100 000 tabs":
        "screen([('w.txt', '键\\t甲\\t乙\\n集群总产值（' + Y[0] + '\\t' * 100_000 + 'x\\t1\\t2\\n')])",
    "lone surrogate {\"land_area_km2\": \"\\ud800\"} (was a traceback)":
        "json.dumps(check_text('{\"basic\":{\"land_area_km2\":\"\\\\ud800\"}}'), ensure_ascii=False).encode()",
    "comparison .xlsx + .csv of 10 hostile names":
        "r = screen([(f'=1+{i}.json', api.example_text().replace('样例区', '=HYPERLINK(\"x\")')) for i in range(10)]);"
        " comparison_xlsx(r); comparison_csv(r)",
}


def office_attacks() -> dict[str, tuple[str, bytes]]:
    """The Office-file attacks (issue 15 point 2 and the .docx bombs), built as the tests
    build them: name -> (file name, bytes)."""
    from checker.law.pack import load_catalogue
    from checker.intake import limits
    from forms.application_docx import build_application_docx
    from forms.workbook import build_workbook
    from tests.intake.docx.hostile import billion_laughs, encrypted_office, replace_part

    docx, xlsx = build_application_docx(load_catalogue()), build_workbook(load_catalogue())
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    many = sst + b"<si><t>a</t></si>" * (limits.MAX_SHARED_STRINGS + 1) + b"</sst>"

    def in_sheet(xml: bytes) -> bytes:
        return replace_part(xlsx, "xl/worksheets/sheet2.xml", sheet % xml)

    return {
        ".xlsx: 1.1 GB of <row/> deflated (was 144 s, 4.3 GB)": ("a.xlsx", in_sheet(b"<row/>" * 200_000_000)),
        '.xlsx: <row r="20000000"> (was about 1 GB)':
            ("b.xlsx", in_sheet(b'<row r="20000000"><c r="A20000000" t="inlineStr"><is><t>x</t></is></c></row>')),
        ".xlsx: sharedStrings bomb (was > 400 s)": ("c.xlsx", replace_part(xlsx, "", b"", {"xl/sharedStrings.xml": many})),
        ".docx: 50 MB document.xml deflated to 50 KB": ("d.docx", replace_part(docx, "word/document.xml", b"<w:p/>" * (limits.MAX_PART_BYTES // 6 + 10))),
        ".docx: billion laughs (DTD entities)": ("e.docx", replace_part(docx, "word/document.xml", billion_laughs())),
        ".docx: password-protected (OLE, encrypted)": ("f.docx", encrypted_office()),
    }


PROBE = """
import json, resource, sys, time
from pathlib import Path
from checker import api
from checker.api import check_file, check_text
from checker.batch.screen import screen
from checker.batch.export import comparison_csv, comparison_xlsx
from checker.law.pack import load_catalogue
Y = load_catalogue().years
check_text(api.example_text())  # tables built, as in a warm page
start = time.process_time()
{code}
spent = time.process_time() - start
print(json.dumps({{"cpu": spent, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def probe(name: str, code: str) -> None:
    """Run ``code`` in a fresh interpreter; print its CPU time and peak memory."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(code=code)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    if done.returncode:
        print(f"{name}: failed\n{done.stderr[-2000:]}")
        return
    got = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{name:62s} {got['cpu']:8.3f} s CPU  {got['rss_kb'] / 1024:7.1f} MiB peak")


def write_office_attacks(folder: Path) -> None:
    """Built in their own process: the 1.2 GB sheet made here must not count in the
    probes' peak memory (a child inherits its parent's peak)."""
    for name, (file, data) in office_attacks().items():
        (folder / file).write_bytes(data)
        (folder / f"{file}.name").write_text(name, encoding="utf-8")


def main() -> None:
    if sys.argv[1:2] == ["--write"]:
        write_office_attacks(Path(sys.argv[2]))
        return
    print(f"load average {os.getloadavg()[0]:.2f}")
    for name, code in ATTACKS.items():
        probe(name, code)
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        subprocess.run([sys.executable, "-m", "bench.hostile_bench", "--write", tmp], check=True, cwd=ROOT)
        for label in sorted(Path(tmp).glob("*.name")):
            path = label.with_suffix("")
            probe(f"{label.read_text(encoding='utf-8')} ({path.stat().st_size // 1024} KB)",
                  f"check_file(Path({str(path)!r}).read_bytes(), {path.name!r})")


if __name__ == "__main__":
    main()
