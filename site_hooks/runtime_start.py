"""The pages' Pyodide start-up markup (a helper module, not a hook).

Both application pages (在线自评 and 批量初审, ``app_pages.py``) start the runtime
the same way: ``templates/pyodide_start.html`` loads
``assets/javascripts/pyodide_start.js`` while the page is parsed, which starts the
page's worker and compiles ``pyodide.asm.wasm`` on the page. Everything here is read
from the site's files, so both pages get the same URLs and the same version.

The build's version is a short hash of what the runtime loads that changes with a
build (our ``pyodide-lock.json`` and the standard library): every page script and
worker carries it as ``?v=``, so a browser never pairs a new page with a stale file.
The wasm binary carries the Pyodide release instead (it changes only with Pyodide),
so a new build of the site keeps the compiled module in the visitor's cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_templates import render

SITE_DIR = "assets/pyodide"
LOCK = f"{SITE_DIR}/pyodide-lock.json"
STDLIB = f"{SITE_DIR}/python_stdlib.zip"
WASM = f"{SITE_DIR}/pyodide.asm.wasm"
START_SCRIPT = "assets/javascripts/pyodide_start.js"
BOOT_SCRIPT = "assets/javascripts/pyodide_boot.js"  # imported by the workers at their ?v=
SCRIPT_SUFFIXES = (".js", ".mjs", ".css")


def _file(files: Files, path: str) -> File:
    found = files.get_file_from_path(path)
    if found is None:
        raise PluginError(f"runtime_start: {path} is not in the site; list pyodide_runtime.py first in mkdocs.yml hooks")
    return found


def _content(file: File) -> bytes:
    if file.abs_src_path:
        with open(file.abs_src_path, "rb") as stream:
            return stream.read()
    return file.content_bytes


def build_version(files: Files) -> str:
    """Short hash of the lock, the standard library and every script and style sheet
    of the site: what a page or worker loads at this version."""
    scripts = sorted(f.src_uri for f in files if f.src_uri.endswith(SCRIPT_SUFFIXES))
    digest = hashlib.sha256()
    for path in (LOCK, STDLIB, *scripts):
        digest.update(path.encode() + b"\0" + hashlib.sha256(_content(_file(files, path))).digest())
    return digest.hexdigest()[:16]


def pyodide_version(files: Files) -> str:
    return json.loads(_content(_file(files, LOCK)))["info"]["version"]


def page_asset(page: Page, name: str, version: str) -> str:
    """A file beside the page's source, relative to the page, with ?v=version."""
    here = PurePosixPath(page.file.src_uri).parent
    return f"{get_relative_url(str(here / name), page.url)}?v={version}"


def start_html(page: Page, files: Files, worker_url: str) -> str:
    """The start-up script element for `page`, whose worker is at `worker_url`."""
    return render(
        "pyodide_start.html",
        start_url=f"{get_relative_url(START_SCRIPT, page.url)}?v={build_version(files)}",
        wasm_url=f"{get_relative_url(WASM, page.url)}?v={pyodide_version(files)}",
        worker_url=worker_url,
    )


def runtime_urls(files: Files) -> dict[str, str]:
    """Site path -> the URL (from the site's root) at which a worker loads it: what
    pyodide_boot.js asks for, so the service worker can keep exactly those URLs.
    tests/browser/test_offline.py pins that the two agree (offline, every request is
    answered from the service worker's cache)."""
    build, pyodide = build_version(files), pyodide_version(files)
    at = {"pyodide.mjs": build, "pyodide-lock.json": build, "python_stdlib.zip": build,
          "pyodide.asm.mjs": pyodide, "pyodide.asm.wasm": pyodide}
    urls = {f"{SITE_DIR}/{name}": f"{SITE_DIR}/{name}?v={version}" for name, version in at.items()}
    urls[BOOT_SCRIPT] = f"{BOOT_SCRIPT}?v={build}"
    return urls
