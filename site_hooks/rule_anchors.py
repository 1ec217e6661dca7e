"""MkDocs hook: anchor every clause of the standard to its check id.

One job: on the page that carries ``<!-- rule-anchors: standard -->`` (附件3 认定标准),
insert ``<span id="<rule id>" class="rule-anchor"></span>`` just before the clause
(``Rule.clause``, verbatim from the seed) of every rule whose ``source`` is the
marker's argument. The checker links a check to ``<standard page>#<rule id>``.

A clause that is not on the page, or an unknown marker argument, fails the build:
the page and the rule data must quote the seed alike.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from checker.law.rules import Rule
from checker.law.pack import load_rules
from page_marker import single_marker
from site_templates import render

MARKER = re.compile(r"<!--\s*rule-anchors\s*:(.*?)-->", re.S)
SOURCES = ("standard", "form")


def anchor(markdown: str, rules: tuple[Rule, ...], where: str) -> str:
    """Insert the anchors of ``rules`` into ``markdown`` (positions found first, so
    one clause inside another still matches)."""
    inserts: list[tuple[int, Rule]] = []
    for rule in rules:
        at = markdown.find(rule.clause)
        if at < 0:
            raise PluginError(f"rule_anchors: {where}: clause of {rule.id} is not on the page: {rule.clause!r}")
        inserts.append((at, rule))
    # From the end backwards, so earlier offsets stay valid; rules sharing a clause
    # keep the data's order.
    for at, rule in sorted(inserts, key=lambda item: item[0], reverse=True):
        markdown = markdown[:at] + render("rule_anchor.html", rule=rule) + markdown[at:]
    return markdown


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = page.file.src_uri
    source = single_marker(MARKER, markdown, hook="rule_anchors", name="rule-anchors", where=where)
    if source is None:
        return markdown
    if source not in SOURCES:
        raise PluginError(f"rule_anchors: {where}: unknown marker argument {source!r} (known: {', '.join(SOURCES)})")
    markdown = MARKER.sub("", markdown)
    rules = tuple(r for r in load_rules() if r.source == source)
    # Reversed, so that rules sharing one clause end up in catalogue order.
    return anchor(markdown, tuple(reversed(rules)), where)
