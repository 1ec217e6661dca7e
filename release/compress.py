"""Pre-compressed siblings: ``x.js.br`` and ``x.js.gz`` beside ``x.js``.

nginx serves them in place of the file (``brotli_static``, ``gzip_static``), so the
server compresses nothing at request time and the bytes are the best each format
does (brotli at quality 11 with a 16 MiB window, gzip -9). A sibling is written only
when it saves at least 5 % (a deflated .zip gains little). Brotli at
quality 11 takes about 45 s for pyodide.asm.wasm, so each result is cached under
``.cache/compressed/`` by the file's sha256: the next release reuses it.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from pathlib import Path

import brotli

# What compresses: text, the wasm binary, and the runtime's archives (the standard
# library and the wheels are stored zips, for this: site_hooks/pyodide_runtime.py).
# Office files and images are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".map", ".wasm", ".xml", ".svg", ".txt", ".csv",
                ".conf", ".sh", ".ico", ".zip", ".whl"}
# A sibling must save at least this share of the file to be worth its disk space
# (a deflated .zip gains a percent or two).
WORTH = 0.95
SIBLINGS = {".br": lambda data: brotli.compress(data, quality=11, lgwin=24),
            ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}


def compressible(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            yield path


def compressed(data: bytes, suffix: str, cache: Path) -> bytes:
    key = cache / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    if key.is_file():
        return key.read_bytes()
    out = SIBLINGS[suffix](data)
    cache.mkdir(parents=True, exist_ok=True)
    partial = key.with_name(key.name + ".part")
    partial.write_bytes(out)
    partial.replace(key)
    return out


def add_siblings(root: Path, cache: Path) -> list[Path]:
    """Write the siblings of every compressible file under `root`; returns them."""
    written = []
    for path in list(compressible(root)):
        data = path.read_bytes()
        for suffix in SIBLINGS:
            sibling = path.with_name(path.name + suffix)
            if sibling.exists():
                continue  # the site's own (MkDocs writes sitemap.xml.gz)
            out = compressed(data, suffix, cache)
            if len(out) <= WORTH * len(data):
                sibling.write_bytes(out)
                written.append(sibling)
    return written
