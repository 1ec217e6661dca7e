"""MkDocs hook: render the 批量初审 page's application root.

One job: replace ``<!-- batch:app -->`` (docs/batch/index.md) with
``templates/batch_app.html``: the page's script, style sheet and worker at URLs
relative to the page (the site works under any sub-path), each with the build's
version query, and the shared Pyodide start-up (``runtime_start.py``, the same as
the checker page's). Any other ``batch:`` marker fails the build.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from markupsafe import Markup

import runtime_start
from site_templates import render

MARKER = re.compile(r"<!--\s*batch:([\w-]+)\s*-->")
KNOWN_MARKERS = {"app"}
PAGES = {"standard_url": "standard.md", "method_url": "reading.md"}


def app_html(page: Page, files: Files) -> str:
    version = runtime_start.build_version(files)

    def asset(name: str) -> str:
        return runtime_start.page_asset(page, name, version)

    links = {}
    for key, src in PAGES.items():
        target = files.get_file_from_path(src)
        if target is None:
            raise PluginError(f"batch_page: {page.file.src_uri} links to {src}, which is not in the site")
        links[key] = get_relative_url(target.url, page.url)
    worker_url = asset("worker.js")
    return render("batch_app.html", version=version, css_url=asset("batch.css"), js_url=asset("batch.js"),
                  worker_url=worker_url, start_html=Markup(runtime_start.start_html(page, files, worker_url)), **links)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in KNOWN_MARKERS:
            raise PluginError(f"batch_page: unknown marker <!-- batch:{match.group(1)} --> in {page.file.src_uri}")
        return app_html(page, files)

    return MARKER.sub(replace, html)
