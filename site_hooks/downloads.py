"""MkDocs hook: build the blank templates into the site and list them on 模板下载.

One job. At build time ``forms`` writes every template from the field catalogue
(``forms.build.TEMPLATES``); each becomes a site file under ``downloads/``. The page
``downloads/index.md`` carries the marker ``<!-- downloads: table -->``, replaced by a
table (file, format, size, purpose) rendered from ``templates/downloads_table.html``.
A ``downloads`` marker with any other argument, or a 模板下载 page without the
marker, fails the build.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_templates import render

PAGE = "downloads/index.md"
FOLDER = "downloads"
MARKER = re.compile(r"<!--\s*downloads\s*:(.*?)-->", re.S)
KNOWN = {"table"}

_built: list[tuple[object, bytes]] = []


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    kb = (Decimal(n) / 1024).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{kb} KB"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        import docx  # noqa: F401  (python-docx)
        import openpyxl  # noqa: F401
    except ImportError as exc:
        raise PluginError(f"downloads hook: {exc.name} is required to build the templates "
                          "(pip install -r requirements.txt)") from exc
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    from checker.law.pack import load_catalogue
    from forms.build import TEMPLATES

    cat = load_catalogue()
    _built.clear()
    for t in TEMPLATES:
        try:
            data = t.build(cat)
        except Exception as exc:  # a broken template must stop the build, loudly
            raise PluginError(f"downloads hook: building {t.filename} failed: {exc!r}") from exc
        _built.append((t, data))
        files.append(File.generated(config, f"{FOLDER}/{t.filename}", content=data))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    from checker.law.pack import load_catalogue

    is_page = page.file.src_uri == PAGE
    found = False

    def replace(m: re.Match[str]) -> str:
        nonlocal found
        arg = m.group(1).strip()
        if arg not in KNOWN or not is_page:
            raise PluginError(f"downloads hook: unknown marker {m.group(0)!r} in {page.file.src_uri}"
                              f" (only <!-- downloads: table --> on {PAGE})")
        found = True
        items = [dict(href=t.filename, title=t.named(load_catalogue()), format=t.format, size=_size(len(data)),
                      purpose=t.purpose) for t, data in _built]
        return render("downloads_table.html", items=items)

    out = MARKER.sub(replace, markdown)
    if is_page and not found:
        raise PluginError(f"downloads hook: {PAGE} lacks the marker <!-- downloads: table -->")
    return out
