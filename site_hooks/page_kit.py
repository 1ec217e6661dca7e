"""The pages' shared kit, page side (a helper module, not a hook).

Both application pages (在线自评: ``pyodide_runtime.py``, 批量初审: ``batch_page.py``)
import the same browser module for their worker (``assets/javascripts/worker_client.js``:
deadline per request, restart, one request at a time). Its URL goes into the page
(``data-kit-url``), relative to the page and at the build's ``?v=``, so the page
script imports exactly this build's copy and the service worker keeps it offline
under that URL (it collects every ``?v=`` URL of the built pages).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import runtime_start

WORKER_CLIENT = "assets/javascripts/worker_client.js"


def kit_url(page: Page, files: Files) -> str:
    if files.get_file_from_path(WORKER_CLIENT) is None:
        raise PluginError(f"page_kit: {WORKER_CLIENT} is not in the site")
    return f"{get_relative_url(WORKER_CLIENT, page.url)}?v={runtime_start.build_version(files)}"
