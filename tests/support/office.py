"""LibreOffice conversions for the tests: one profile per session, each file converted
once (cached by its content and the conversion), the files of a call in one soffice run.

The ``office`` fixture (tests/conftest.py) is an ``Office``; asking for it marks a test
``office`` (tests/support/markers.py). Starting soffice costs about 1.5 s of CPU and,
on a busy machine, ten times that in wall time, so a fixture converts all its files in
one call, and a file another test already converted is not converted again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path


class Office:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")

    def convert(self, files: dict[str, bytes], to: str, infilter: str | None = None) -> dict[str, Path]:
        """Each of ``files`` (name -> bytes) converted ``--convert-to to``: name -> the folder
        of what LibreOffice wrote for it, named after the file's stem (``a.docx`` -> ``a.pdf``;
        a sheet per file as ``a-<sheet>.csv``; an HTML file's images beside it)."""
        if not self.soffice:
            raise AssertionError("LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui "
                                 "libreoffice-calc-nogui (make test does it as root)")
        keys = {name: self._key(data, to, infilter) for name, data in files.items()}
        todo = {name: key for name, key in keys.items() if not (self.work / "done" / key).is_dir()}
        if todo:
            self._run({name: files[name] for name in todo}, todo, to, infilter)
        return {name: self._named(key, Path(name).stem) for name, key in keys.items()}

    def printed(self, files: dict[str, bytes]) -> dict[str, dict]:
        """Each of ``files`` as LibreOffice prints it: name -> its page count, page size and
        text (pdftotext, and -raw: the order the text was drawn in, so a wrapped table cell
        reads whole)."""
        out = {}
        for name, folder in self.convert(files, "pdf").items():
            pdf = folder / (Path(name).stem + ".pdf")
            assert pdf.exists(), name
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            text, raw = (subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True,
                                        check=True).stdout for mode in ([], ["-raw"]))
            out[name] = {"pages": int(re.search(r"Pages:\s+(\d+)", info)[1]),
                         "size": re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups(),
                         "text": text, "raw": raw}
        return out

    def _named(self, key: str, stem: str) -> Path:
        """The outputs of ``key`` named after ``stem`` (the same bytes asked for by two names)."""
        folder = self.work / "named" / key / stem
        if not folder.is_dir():
            folder.mkdir(parents=True)
            for path in (self.work / "done" / key).iterdir():
                shutil.copyfile(path, folder / (stem + path.name[len(key):]))
        return folder

    @staticmethod
    def _key(data: bytes, to: str, infilter: str | None) -> str:
        return hashlib.sha256(b"\0".join((to.encode(), (infilter or "").encode(), data))).hexdigest()[:24]

    def _run(self, files: dict[str, bytes], keys: dict[str, str], to: str, infilter: str | None) -> None:
        batch = self.work / "batch" / next(iter(keys.values()))
        src, out = batch / "in", batch / "out"
        src.mkdir(parents=True)
        # Each input named by its key: outputs of two files never share a stem.
        inputs = []
        for name, data in files.items():
            path = src / (keys[name] + Path(name).suffix)
            path.write_bytes(data)
            inputs.append(str(path))
        cmd = [self.soffice, f"-env:UserInstallation={(self.work / 'profile').as_uri()}", "--headless", "--norestore"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", to, "--outdir", str(out), *inputs]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                             env={**os.environ, "HOME": str(self.work)})
        assert run.returncode == 0, run.stderr
        for name, key in keys.items():
            made = sorted(out.glob(key + "*"))
            assert made, f"LibreOffice wrote nothing for {name} ({to}): {run.stderr}"
            done = self.work / "done" / key
            done.mkdir(parents=True)
            for path in made:
                path.replace(done / path.name)
        shutil.rmtree(batch)
