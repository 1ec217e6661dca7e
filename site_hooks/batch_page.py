"""MkDocs hook: render the 批量初审 page's application root.

One job: replace ``<!-- batch:app -->`` (docs/batch/index.md) with
``templates/batch_app.html``: the page's script, style sheet and worker at URLs
relative to the page (the site works under any sub-path), each with the runtime's
version query. The version is the same short hash of the shipped
``pyodide-lock.json`` that the checker page uses, read from the file the
``pyodide_runtime`` hook registered, so a rebuild never serves a stale lock.
Any other ``batch:`` marker fails the build.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from site_templates import render

MARKER = re.compile(r"<!--\s*batch:([\w-]+)\s*-->")
KNOWN_MARKERS = {"app"}
LOCK = "assets/pyodide/pyodide-lock.json"
PAGES = {"standard_url": "standard.md", "method_url": "reading.md"}


def runtime_version(files: Files) -> str:
    lock = files.get_file_from_path(LOCK)
    if lock is None:
        raise PluginError(f"batch_page: {LOCK} is not in the site; list pyodide_runtime.py before "
                          "batch_page.py in mkdocs.yml hooks")
    return hashlib.sha256(lock.content_string.encode()).hexdigest()[:16]


def app_html(page: Page, files: Files) -> str:
    version = runtime_version(files)
    here = PurePosixPath(page.file.src_uri).parent

    def asset(name: str) -> str:
        return f"{get_relative_url(str(here / name), page.url)}?v={version}"

    links = {}
    for key, src in PAGES.items():
        target = files.get_file_from_path(src)
        if target is None:
            raise PluginError(f"batch_page: {page.file.src_uri} links to {src}, which is not in the site")
        links[key] = get_relative_url(target.url, page.url)
    return render("batch_app.html", version=version, css_url=asset("batch.css"), js_url=asset("batch.js"),
                  worker_url=asset("worker.js"), **links)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in KNOWN_MARKERS:
            raise PluginError(f"batch_page: unknown marker <!-- batch:{match.group(1)} --> in {page.file.src_uri}")
        return app_html(page, files)

    return MARKER.sub(replace, html)
