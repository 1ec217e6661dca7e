"""The pages' shared kit, page side (a helper module, not a hook).

Both application pages (在线自评 and 批量初审, rendered by ``app_pages.py``) import the
same browser modules from ``assets/javascripts/``: the worker client (deadline per
request, restart, one request at a time), the DOM helper, the report renderer and the
start-up stages; and link one style sheet for statuses and reports. Each URL goes into
the page, relative to it and at the build's ``?v=``, so the page script imports exactly
this build's copy and the service worker keeps it offline under that URL (it collects
every ``?v=`` URL of the built pages).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import runtime_start

# data-<attribute> -> module; the page scripts read them from their root's dataset.
MODULES = {
    "kit-url": "assets/javascripts/worker_client.js",
    "dom-url": "assets/javascripts/dom.js",
    "report-url": "assets/javascripts/report_view.js",
    "stages-url": "assets/javascripts/stages.js",
}
REPORT_CSS = "assets/stylesheets/report.css"


def _url(page: Page, files: Files, path: str) -> str:
    if files.get_file_from_path(path) is None:
        raise PluginError(f"page_kit: {path} is not in the site")
    return f"{get_relative_url(path, page.url)}?v={runtime_start.build_version(files)}"


def kit_urls(page: Page, files: Files) -> dict[str, str]:
    return {name: _url(page, files, path) for name, path in MODULES.items()}


def report_css_url(page: Page, files: Files) -> str:
    return _url(page, files, REPORT_CSS)
