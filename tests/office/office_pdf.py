"""Office files as LibreOffice prints them: one ``soffice`` call converts them all to
PDF; each comes back with its page count, page size and text (pdftotext, and -raw:
the order the text was drawn in, so a wrapped table cell reads whole)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path


def printed(files: dict[str, bytes], work: Path) -> dict[str, dict]:
    """``files`` (name -> bytes; names differ before the extension) printed to PDF."""
    for name, blob in files.items():
        (work / name).write_bytes(blob)
    run = subprocess.run(
        ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work), *(str(work / n) for n in files)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(work)})
    assert run.returncode == 0, run.stderr
    out = {}
    for name in files:
        pdf = work / (name.rsplit(".", 1)[0] + ".pdf")
        assert pdf.exists(), run.stderr
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        text, raw = (subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True,
                                    check=True).stdout for mode in ([], ["-raw"]))
        out[name] = {"pages": int(re.search(r"Pages:\s+(\d+)", info)[1]),
                     "size": re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups(),
                     "text": text, "raw": raw}
    return out
