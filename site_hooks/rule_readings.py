"""MkDocs hook: write the 计算口径 page from the rule data.

One job: replace ``<!-- rule-readings: <standard page> -->`` with one section per
aspect of ``checker.law.pack.ASPECTS`` and, under it, one section per rule whose heading
``id`` is the rule id: the clause it reads (linked to its anchor on the standard
page, or to the form page that prints it), whether it decides the verdict, the
comparison, threshold and unit, the fields it reads, and the rule's own ``reading``.
The page therefore says exactly what the checker does, and cannot drift from it.

The argument is the standard page's source path. An unknown argument, a second
marker, or a rule left without a section fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from checker.law.catalogue import Catalogue
from checker.law.pack import ASPECTS, load_catalogue, load_rules
from checker.law.rules import Rule
from page_marker import single_marker
from site_templates import render

MARKER = re.compile(r"<!--\s*rule-readings\s*:(.*?)-->", re.S)
# The field tables' markers (site_hooks/field_tables.py): a page prints its sections' labels.
FIELD_MARKER = re.compile(r"<!--\s*fields(?:-row)?\s*:\s*(\w+)")
SEVERITY = {
    "hard": "硬性指标：不符合即整体不符合，缺数据即待补充",
    "soft": "提示性指标：不单独决定结论",
    "info": "仅展示，不作判定",
}
COMPARISON = {
    ">=": "不低于（含本数）", ">": "高于（不含本数）", "<=": "不超过（含本数）",
    "==": "等于", "!=": "不等于", "in": "属于所列答案之一", "has": "勾选了所列各项",
    "any": "至少有一项", "falling": "逐年下降（后一年低于前一年）",
    "rising": "逐年增加（后一年高于前一年）", "左右": "左右（达到即符合；略低为接近）",
    "filled": "已填写且不为“无”", "all": "各组成部分均符合", "always": "仅展示，不比较",
}


@dataclass(frozen=True)
class Source:
    """Where a clause is printed on the site: link text and relative URL."""

    title: str
    url: str


@dataclass(frozen=True)
class Input:
    label: str
    ref: str


def _input(ref: str, catalogue: Catalogue) -> Input:
    """A field reference (field, leaf path, or prefix of one) as the form names it."""
    parts = ref.split(".")
    try:
        field = catalogue.field(".".join(parts[:2]))
    except KeyError:
        raise PluginError(f"rule_readings: unknown field reference {ref!r}") from None
    if len(parts) == 2:
        return Input(field.label, ref)
    for leaf in catalogue.leaves():
        if leaf.path == ref or leaf.path.startswith(ref + "."):
            label = leaf.label if leaf.path == ref else leaf.label.rsplit("（", 1)[0]
            return Input(label, ref)
    raise PluginError(f"rule_readings: unknown field reference {ref!r}")


def _boxes(rule: Rule, catalogue: Catalogue) -> list[str]:
    labels = {o.key: o.label for ref in rule.inputs if ref.count(".") == 1
              for o in catalogue.field(ref).options}
    return [labels.get(key, key) for key in rule.boxes()]


def _page_title(file: File) -> str:
    """The nav title; else the page's first level-1 heading (not known before rendering)."""
    page = file.page
    if page is not None and page.title:
        return page.title
    heading = re.search(r"^#\s+(.+?)\s*$", Path(file.abs_src_path).read_text("utf-8"), re.M)
    return heading.group(1) if heading else file.src_uri


def _printed_text(markdown: str, catalogue: Catalogue) -> str:
    """A page's Markdown plus the catalogue text its field markers print there."""
    parts = [markdown]
    for section_key in FIELD_MARKER.findall(markdown):
        try:
            section = catalogue.section(section_key)
        except KeyError:
            continue  # field_tables.py fails the build on it
        for f in section.fields:
            parts += [f.label, f.hint or "", f.note or ""]
            parts += [o.label for o in (*f.options, *f.parts)] + [r.label for r in f.rows]
            if f.rows:  # the target table's own headings (templates/fields_macros.html)
                parts += [catalogue.slot_label("base"), catalogue.slot_label("target")]
    return "\n".join(parts)


def _nav_sources(nav: list) -> list[str]:
    """Source paths of the configured nav, in reading order."""
    out: list[str] = []
    for item in nav:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            out += _nav_sources(value) if isinstance(value, list) else [value]
    return out


def _sources(rules: tuple[Rule, ...], standard: File, page: Page, files: Files,
             catalogue: Catalogue, config: MkDocsConfig) -> dict[str, Source | None]:
    """Standard clauses link to their anchors; form clauses to the first page (in nav
    order) that prints them (None when no page's text or catalogue fields quote them)."""
    here = page.file.url
    order = {src: i for i, src in enumerate(_nav_sources(config["nav"] or []))}
    pages = sorted((f for f in files.documentation_pages() if f is not standard and f is not page.file),
                   key=lambda f: order.get(f.src_uri, len(order)))
    texts = {f.src_uri: _printed_text(Path(f.abs_src_path).read_text("utf-8"), catalogue)
             for f in pages if f.abs_src_path}
    out: dict[str, Source | None] = {}
    for rule in rules:
        if rule.source == "standard":
            out[rule.id] = Source(_page_title(standard), get_relative_url(standard.url, here) + "#" + rule.id)
            continue
        found = next((f for f in pages if rule.clause in texts.get(f.src_uri, "")), None)
        out[rule.id] = Source(_page_title(found), get_relative_url(found.url, here)) if found else None
    return out


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = page.file.src_uri
    source = single_marker(MARKER, markdown, hook="rule_readings", name="rule-readings", where=where)
    if source is None:
        return markdown
    standard = files.get_file_from_path(source)
    if standard is None or not standard.is_documentation_page():
        raise PluginError(f"rule_readings: {where}: {source!r} is not a page of the site")
    rules = load_rules()
    catalogue = load_catalogue()
    titles = {r.id: r.title for r in rules}
    aspects = [(key, title, [r for r in rules if r.aspect == key]) for key, title in ASPECTS.items()]
    orphans = [r.id for r in rules if r.aspect not in ASPECTS]
    if orphans:
        raise PluginError(f"rule_readings: rules outside every aspect: {', '.join(orphans)}")
    html = render(
        "rule_readings.html", keep_blank_lines=True, aspects=aspects,
        sources=_sources(rules, standard, page, files, catalogue, config), severity=SEVERITY, comparison=COMPARISON,
        inputs={r.id: [_input(ref, catalogue) for ref in r.inputs] for r in rules},
        boxes={r.id: _boxes(r, catalogue) for r in rules}, titles=titles,
    )
    return MARKER.sub(lambda _: html, markdown)
