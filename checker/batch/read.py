"""Turn the files and pastes a reviewer drops on the 批量初审 page into applications.

Each item is ``(file name or title, content)``; content is ``bytes`` (a file, read by
content through ``checker.intake.read``, exactly as 在线自评 and the CLI read it: Word
申报表, .xlsx/.csv templates, JSON, text in any encoding), ``str`` (a paste), or a
``Reported`` reason (a file the page already screened as unreadable: it is not read
again at every page load, its reason stands). A pasted or saved wide table (one column
per cluster) becomes one application per column.

Nothing here raises on bad input: a reviewer with twenty files must see the
nineteen good ones screened and the bad one named with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.law.application import Application
from checker.intake.wide import MAX_CLUSTERS, columns_left_out, is_wide, split_wide


@dataclass(frozen=True)
class Readable:
    name: str        # what the table shows until the application names itself
    source: str      # the file name (and column) it came from
    seq: tuple[int, int]  # (item index, column of a wide table or 0): input order
    text: str | None = None
    app: Application | None = None  # a file, already read

    @property
    def id(self) -> str:
        return entry_id(self.seq)


@dataclass(frozen=True)
class Reported:
    """A file reported unreadable before: the page keeps its reason, not its bytes."""

    reason: str


@dataclass(frozen=True)
class Unreadable:
    name: str
    source: str
    seq: tuple[int, int]
    reason: str

    @property
    def id(self) -> str:
        return entry_id(self.seq)


def entry_id(seq: tuple[int, int]) -> str:
    """Stable row id: the item's index, plus the column of a wide table (``"3"``, ``"3-2"``)."""
    return str(seq[0]) if seq[1] == 0 else f"{seq[0]}-{seq[1]}"


def _stem(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base[1:] else base


def read_items(items: list[tuple[str, bytes | str]], *,
               indexes: list[int] | None = None) -> list[Readable | Unreadable]:
    """One entry per application, in input order (a wide table expands in place).

    ``indexes`` are the items' positions in the whole batch when this is one part
    of it (the page screens parts in parallel); by default 0, 1, 2, ...
    """
    out: list[Readable | Unreadable] = []
    for at, (name, content) in enumerate(items):
        index = indexes[at] if indexes is not None else at
        seq = (index, 0)
        name = str(name or "未命名")
        if isinstance(content, Reported):
            out.append(Unreadable(_stem(name), name, seq, content.reason))
            continue
        if isinstance(content, (bytes, bytearray, memoryview)):
            from checker.intake.read import read_file

            got = read_file(bytes(content), name)
            if got.refused is not None or got.app is None:
                out.append(Unreadable(_stem(name), name, seq, got.refused or "文件为空。"))
                continue
            if got.text is None or not is_wide(got.text):
                out.append(Readable(_stem(name), name, seq, app=got.app))
                continue
            text = got.text
        else:
            text = str(content)
        if not text.strip():
            out.append(Unreadable(_stem(name), name, seq, "内容为空。"))
        elif is_wide(text):
            for i, (title, column) in enumerate(split_wide(text), start=1):
                out.append(Readable(title, f"{name}（第 {i} 个集群列）", (index, i), text=column))
            if left := columns_left_out(text):
                first = MAX_CLUSTERS + 1
                out.append(Unreadable(
                    f"{_stem(name)}（第 {first} 个集群列起）", f"{name}（第 {first}—{MAX_CLUSTERS + left} 个集群列）",
                    (index, first),
                    f"这张宽表有 {MAX_CLUSTERS + left} 个集群列，一次最多读取 {MAX_CLUSTERS} 个：第 {first} 个起的 "
                    f"{left} 个集群没有读取。请把这些列（连同第一列的栏目）另外粘贴或保存为一个文件再载入。"))
        else:
            out.append(Readable(_stem(name), name, seq, text=text))
    return out
