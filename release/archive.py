"""Reproducible archives of one folder: the same files give the same bytes.

Entries in sorted order under one top folder, every timestamp the release's epoch,
owner root/root (0/0), modes 644 for files and 755 for folders, no extra attributes;
the .tar.gz's gzip header carries no name and no time.
"""

from __future__ import annotations

import calendar
import gzip
import io
import tarfile
import time
from pathlib import Path

from checker.office.zips import EARLIEST, write_zip as write_zip_entries


def entries(root: Path) -> list[Path]:
    """Every folder and file under `root`, sorted by their path inside it."""
    return sorted(root.rglob("*"), key=lambda path: path.relative_to(root).as_posix())


def write_tar_gz(root: Path, top: str, out: Path, epoch: int) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in [root, *entries(root)]:
            name = top if path == root else f"{top}/{path.relative_to(root).as_posix()}"
            info = tarfile.TarInfo(name)
            info.mtime = epoch
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.mode, info.size = 0o644, path.stat().st_size
                with path.open("rb") as stream:
                    tar.addfile(info, stream)
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(buffer.getvalue())


def write_zip(root: Path, top: str, out: Path, epoch: int) -> None:
    def files():
        for path in [root, *entries(root)]:
            name = top if path == root else f"{top}/{path.relative_to(root).as_posix()}"
            yield (name + "/", b"") if path.is_dir() else (name, path.read_bytes())

    with out.open("wb") as stream:
        # Already compressed files are stored: deflating them again gains nothing.
        write_zip_entries(stream, files(), time.gmtime(max(epoch, calendar.timegm(EARLIEST)))[:6],
                          stored=(".br", ".gz", ".zip", ".whl", ".png", ".docx", ".xlsx"))
