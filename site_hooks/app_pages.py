"""MkDocs hook: render the two application pages' HTML.

One job: replace ``<!-- app:checker -->`` (docs/checker/index.md, 在线自评) and
``<!-- app:batch -->`` (docs/batch/index.md, 批量初审) with ``templates/checker_app.html``
and ``templates/batch_app.html``: the page's own script, style sheet and worker beside
its source, the shared kit (``page_kit.py``), the shared Pyodide start-up
(``runtime_start.py``), links to the standard and reading pages, and the round's words
and titles as a JSON data island (``checker.api.page_meta``), each URL relative to the
page (the site works under any sub-path) and at the build's version. Any other ``app:``
marker fails the build. The runtime itself is ``pyodide_runtime.py``'s.
"""

from __future__ import annotations

import re

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import page_kit
import runtime_start
from csp import CHARSET
from site_templates import render

MARKER = re.compile(r"<!--\s*app:([\w-]+)\s*-->")
# marker -> (template, page script, page style sheet)
APPS = {
    "checker": ("checker_app.html", "checker.js", "checker.css"),
    "batch": ("batch_app.html", "batch.js", "batch.css"),
}
# Pages the checks link to (owned by the site engineer; see contract "Anchors").
LINKS = {"standard_url": "standard.md", "method_url": "reading.md"}
SUMMARY_TEMPLATE = "annex1-summary.xlsx"  # forms.build: the 附件1 the exports fill


def page_url(files: Files, page: Page, src_uri: str) -> str:
    target = files.get_file_from_path(src_uri)
    if target is None:
        raise PluginError(f"app_pages: {page.file.src_uri} links to {src_uri}, which is not in the site")
    return get_relative_url(target.url, page.url)


def meta_json() -> Markup:
    from checker import api  # the tree's package, as in the wheel pyodide_runtime.py builds

    # "<" escaped so no "</script>" can end the data island early.
    return Markup(api.page_meta_json().replace("<", "\\u003c"))


def summary_name() -> str:
    """What the filled 附件1 is saved as: the blank's name for this round, without its suffix."""
    from checker.law.pack import load_catalogue
    from forms.build import TEMPLATES

    template = next(t for t in TEMPLATES if t.filename == SUMMARY_TEMPLATE)
    return template.named(load_catalogue()).removesuffix(".xlsx")


def app_html(name: str, page: Page, files: Files) -> str:
    template, script, style = APPS[name]
    version = runtime_start.build_version(files)

    def asset(file_name: str) -> str:
        return runtime_start.page_asset(page, file_name, version)

    worker_url = asset("worker.js")
    extra = {
        "batch": lambda: {"summary_name": summary_name()},
        # imported by checker.js; versioned, so the service worker precaches it as loaded
        "checker": lambda: {"evidence_url": asset("evidence_list.js")},
    }[name]()
    return render(
        template, version=version, css_url=asset(style), js_url=asset(script), worker_url=worker_url,
        kit=page_kit.kit_urls(page, files), report_css_url=page_kit.report_css_url(page, files),
        start_html=Markup(runtime_start.start_html(page, files, worker_url)), meta_json=meta_json(),
        **{key: page_url(files, page, src) for key, src in LINKS.items()}, **extra,
    )


# Application pages (src_uri) -> the start-up's <head> copy, for on_post_page.
HEAD_STARTS: dict[str, str] = {}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # After Markdown, so the application's HTML is inserted verbatim.
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in APPS:
            raise PluginError(f"app_pages: unknown marker <!-- app:{match.group(1)} --> in {page.file.src_uri}")
        HEAD_STARTS[page.file.src_uri] = runtime_start.start_html(page, files, None)
        return app_html(match.group(1), page, files)

    HEAD_STARTS.pop(page.file.src_uri, None)
    return MARKER.sub(replace, html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # The compile starts from the top of <head>, before the style sheets hold scripts
    # back (the csp hook, after this one, puts its <meta> before it).
    head = HEAD_STARTS.get(page.file.src_uri)
    if head is None:
        return output
    if output.count(CHARSET) != 1:
        raise PluginError(f"app_pages: {page.file.src_uri} has no single {CHARSET} to put the start-up after")
    return output.replace(CHARSET, CHARSET + "\n    " + head.strip(), 1)
