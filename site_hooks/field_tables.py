"""MkDocs hook: render the form's field tables from the field catalogue.

One job: replace each field marker in a page's Markdown with HTML rendered from
``checker.law.pack.load_catalogue()`` through ``templates/fields_*.html``, so that
no label of 附件1/附件2 is typed twice. Markers:

- ``<!-- fields: basic -->``: every field of a section, in catalogue order;
- ``<!-- fields: plan.stage_goals -->`` or ``<!-- fields: summary.bureau,bureau_contact -->``:
  the named fields of one section;
- ``<!-- fields-row: summary.no,name,... -->``: the named fields as the columns of a
  one-row-per-entry table (the 推荐汇总表).

An unknown section or field, or a malformed ``fields`` marker, fails the build. After
the build, every field of the catalogue must have been rendered on some page: a field
that no page shows fails the build too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from checker.law.catalogue import Catalogue, Field, Section, TargetRow
from checker.law.pack import load_catalogue
from site_templates import render

# Any comment that starts like one of ours is checked, so a typo cannot pass silently.
MARKER = re.compile(r"<!--\s*(fields(?:-[\w-]+)?)\s*:(.*?)-->", re.S)
KINDS = {"fields": "fields_blocks.html", "fields-row": "fields_row.html"}
NUMERIC = frozenset({"num", "int", "pct", "growth"})
# The seed prints these three fields of 八 as one table (三年总体目标): the scored
# rows, the 定性描述 rows of 开放合作 / 治理和服务, and the open-ended 其它 rows.
TARGET_TABLE = ("targets", "qualitative_targets", "extra_targets")

_rendered: set[str] = set()


@dataclass(frozen=True)
class Block:
    """Consecutive fields that share one table layout."""

    layout: str  # "yearly" | "single" | "standards" | "targets"
    fields: tuple[Field, ...]


def _layout(field: Field) -> str:
    if field.kind == "standards":
        return "standards"
    if field.kind in ("targets", "target_list") or field.key in TARGET_TABLE:
        return "targets"
    if field.kind in NUMERIC and (field.yearly or field.single_in_yearly_table):
        return "yearly"
    return "single"


def _blocks(fields: tuple[Field, ...]) -> list[Block]:
    blocks: list[Block] = []
    for field in fields:
        layout = _layout(field)
        if blocks and blocks[-1].layout == layout and layout != "standards":
            blocks[-1] = Block(layout, blocks[-1].fields + (field,))
        else:
            blocks.append(Block(layout, (field,)))
    return blocks


def _rows_by_direction(field: Field) -> list[tuple[str, list[TargetRow]]]:
    """Target rows grouped by 方向, in the seed's order (Jinja's groupby would sort)."""
    groups: dict[str, list[TargetRow]] = {}
    for row in field.rows:
        groups.setdefault(row.direction, []).append(row)
    return list(groups.items())


def _select(catalogue: Catalogue, spec: str, where: str) -> tuple[Section, tuple[Field, ...]]:
    section_key, dot, keys = spec.strip().partition(".")
    try:
        section = catalogue.section(section_key)
    except KeyError:
        known = ", ".join(s.key for s in catalogue.sections)
        raise PluginError(f"field_tables: {where}: unknown section {section_key!r} (known: {known})") from None
    if not dot:
        return section, section.fields
    by_key = {f.key: f for f in section.fields}
    chosen: list[Field] = []
    for key in (k.strip() for k in keys.split(",")):
        if key not in by_key:
            raise PluginError(f"field_tables: {where}: section {section_key!r} has no field {key!r}")
        chosen.append(by_key[key])
    return section, tuple(chosen)


def _render(kind: str, spec: str, catalogue: Catalogue, where: str) -> str:
    if kind not in KINDS:
        raise PluginError(f"field_tables: {where}: unknown marker <!-- {kind}: ... --> (known: {', '.join(KINDS)})")
    if not re.fullmatch(r"\s*[\w]+(\.[\w]+(\s*,\s*[\w]+)*)?\s*", spec):
        raise PluginError(f"field_tables: {where}: malformed marker <!-- {kind}:{spec}-->")
    section, fields = _select(catalogue, spec, where)
    _rendered.update(f"{section.key}.{f.key}" for f in fields)
    return render(KINDS[kind], section=section, fields=fields, blocks=_blocks(fields),
                  years=catalogue.years, slot_label=catalogue.slot_label, group_rows=_rows_by_direction)


def on_pre_build(*, config: MkDocsConfig) -> None:
    _rendered.clear()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    catalogue = load_catalogue()
    where = page.file.src_uri
    return MARKER.sub(lambda m: _render(m.group(1), m.group(2), catalogue, where), markdown)


def on_post_build(*, config: MkDocsConfig) -> None:
    every = [f"{s.key}.{f.key}" for s in load_catalogue().sections for f in s.fields]
    missing = [ref for ref in every if ref not in _rendered]
    if missing:
        raise PluginError("field_tables: these catalogue fields appear on no page: " + ", ".join(missing))
