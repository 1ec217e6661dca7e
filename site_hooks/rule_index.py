"""MkDocs hook: list, on a form page, the checks that read its fields.

One job: replace ``<!-- rules-for: <section> -->`` with the rules (from
``checker.law.pack.load_rules()``) whose inputs lie in that section of the field
catalogue, each linked to its section on the 计算口径 page, so a reader of the form
sees which figures decide what. An unknown section, or a site without the 计算口径
page, fails the build.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from checker.law.pack import load_catalogue, load_rules
from site_templates import render

MARKER = re.compile(r"<!--\s*rules-for\s*:(.*?)-->", re.S)
READINGS_PAGE = "reading.md"  # the page with <!-- rule-readings: ... --> (rule_readings.py)
SEVERITY = {"hard": "硬性指标", "soft": "提示", "info": "仅展示"}


def _render(section: str, page: Page, files: Files) -> str:
    known = [s.key for s in load_catalogue().sections]
    if section not in known:
        raise PluginError(f"rule_index: {page.file.src_uri}: unknown section {section!r} (known: {', '.join(known)})")
    readings = files.get_file_from_path(READINGS_PAGE)
    if readings is None:
        raise PluginError(f"rule_index: {page.file.src_uri}: the site has no {READINGS_PAGE} to link to")
    rules = [r for r in load_rules() if any(ref.split(".", 1)[0] == section for ref in r.inputs)]
    return render("rule_index.html", rules=rules, severity=SEVERITY,
                  base=get_relative_url(readings.url, page.file.url))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return MARKER.sub(lambda m: _render(m.group(1).strip(), page, files), markdown)
