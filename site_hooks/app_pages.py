"""MkDocs hook: render the two application pages' HTML.

One job: replace ``<!-- app:checker -->`` (docs/checker/index.md, 在线自评) and
``<!-- app:batch -->`` (docs/batch/index.md, 批量初审) with ``templates/checker_app.html``
and ``templates/batch_app.html``: the page's own script, style sheet and worker beside
its source, the shared kit (``page_kit.py``), the shared Pyodide start-up
(``runtime_start.py``), links to the standard and reading pages, and the round's words
and titles as a JSON data island (``checker.api.page_meta``), each URL relative to the
page (the site works under any sub-path) and at the build's version. Any other ``app:``
marker fails the build. The runtime itself is ``pyodide_runtime.py``'s.

The two style sheets (the kit's report.css and the page's own) go at the end of
``<head>``, after Material's: in the body, Chromium requests them late (after the head
is parsed) and paints nothing below them until they arrive, so the text area came one
frame after the rest of the page (bench.browser_bench, paste).
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
from site_templates import render

HEAD_END = "</head>"
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
    template, script, _style = APPS[name]
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
        template, version=version, js_url=asset(script), worker_url=worker_url, kit=page_kit.kit_urls(page, files),
        start_html=Markup(runtime_start.start_html(page, files, worker_url)), meta_json=meta_json(),
        **{key: page_url(files, page, src) for key, src in LINKS.items()}, **extra,
    )


def head_html(name: str, page: Page, files: Files) -> str:
    """The page's style sheets, for the end of its <head>: the kit's, then the page's own."""
    style = APPS[name][2]
    urls = (page_kit.report_css_url(page, files), runtime_start.page_asset(page, style, runtime_start.build_version(files)))
    return "".join(f'<link rel="stylesheet" href="{url}">' for url in urls)


# Application pages (src_uri) -> their style sheets, for on_post_page.
HEADS: dict[str, str] = {}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # After Markdown, so the application's HTML is inserted verbatim.
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in APPS:
            raise PluginError(f"app_pages: unknown marker <!-- app:{match.group(1)} --> in {page.file.src_uri}")
        HEADS[page.file.src_uri] = head_html(match.group(1), page, files)
        return app_html(match.group(1), page, files)

    HEADS.pop(page.file.src_uri, None)
    return MARKER.sub(replace, html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    head = HEADS.get(page.file.src_uri)
    if head is None:
        return output
    if output.count(HEAD_END) != 1:
        raise PluginError(f"app_pages: {page.file.src_uri} has no single {HEAD_END} to put its style sheets before")
    return output.replace(HEAD_END, head + "\n" + HEAD_END, 1)
