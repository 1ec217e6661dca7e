"""A round of the law is data: a pack with every year moved on gives the same checker,
the same templates, the same parser and the same verdicts, with the years moved on.

``tests/packs/shifted-by-one`` keeps the 申报表 and the 认定标准 and moves the data
years, the stage years and the target on by one (what the next national round did). Its
compiled data, its blank templates and the report of every case of ``tests/cases``
must equal the site pack's with each year moved on by one, nothing else changed:
built straight from the case's document, and read by the parser (``checker.intake.parse``
given the pack's catalogue) from the case as JSON text, as the Row-contract TSV and as
``标签：值`` lines (``tests/intake/render``), and from a sample of the cases typed into
the pack's own blank Word 申报表 (``forms/``, filled by ``tests/intake/docx/template_filler``).
The same pack moved on by ten more years shares no year with the site's round, so
there no year of the old round may be left anywhere in what it builds or reports.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.judge.appbuild import application_from, json_text, patched
from checker.law.pack import compiled, load_catalogue, pack_from_data, site_pack_id
from checker.data.build import compile_pack
from checker.judge.evaluate import report_dict
from checker.intake.read import read_file
from checker.intake.parse import parse
from checker.law.template import template_json, template_tsv
from tests.judge.test_cases import CASES, DIRECT, _check
from tests.intake.docx.template_filler import application_form, fill_template
from tests.intake.render import to_lines, to_tsv

# Every case, twice over, through every reader: out of make test-fast's quick loop.
pytestmark = pytest.mark.slow

SHIFTED = Path(__file__).resolve().parents[1] / "packs" / "shifted-by-one"
# A year of the round: four digits 20xx, not part of a figure (1.20xx, 120xx), of a URL
# (/20xx/), of a citation (财税[20xx]119号), a number as an XML attribute (w:w="20xx") or
# the standard's edition (20xx 年版); a leaf key's year (industry.total_output.20xx) is one.
YEAR = re.compile(r'(?<![\d/\[])(?!(?<==")\d{4}")(?<!(?<![a-z])\d\.)(20\d\d)(?![\d/])(?!\s*年版)')


def shift(node: object, by: int = 1) -> object:
    """Every year of the round in ``node`` (keys and texts) moved on by ``by``."""
    if isinstance(node, str):
        moved = YEAR.sub(lambda m: str(int(m.group(1)) + by), node)
        return moved if type(node) is str else type(node)(moved)  # a JSON number stays one
    if isinstance(node, dict):
        return {shift(k, by): shift(v, by) for k, v in node.items()}
    if isinstance(node, list):
        return [shift(v, by) for v in node]
    return node


def years_in(text: str) -> set[str]:
    return set(YEAR.findall(text))


@pytest.fixture(scope="module")
def old_years() -> set[str]:
    """Every year the site's round writes (from the year before its data to its target)."""
    return years_in(json.dumps(compiled()["packs"][site_pack_id()], ensure_ascii=False))


@pytest.fixture(scope="module", params=[1, 11], ids=["by one", "by eleven"])
def moved(request, tmp_path_factory) -> tuple[int, dict]:
    """(years moved, the compiled pack): the folder, or the folder moved on ten more years."""
    by = request.param
    if by == 1:
        return by, compile_pack(SHIFTED)
    folder = tmp_path_factory.mktemp("pack")
    text = (SHIFTED / "pack.yaml").read_text("utf-8")
    (folder / "pack.yaml").write_text(shift(text, by - 1).replace("shifted-by-one", f"shifted-by-{by}"), "utf-8")
    return by, compile_pack(folder)


@pytest.fixture(scope="module")
def by(moved) -> int:
    return moved[0]


@pytest.fixture(scope="module")
def pack(moved):
    return pack_from_data(moved[1], validate=True)


def no_old_year(text: str, by: int, old: set[str]) -> bool:
    """Moved on past the site's round, nothing may name one of its years."""
    return by == 1 or not years_in(text) & old


def test_the_moved_pack_is_the_site_pack_with_every_year_moved_on(moved, old_years):
    by, data = moved
    site = compiled()["packs"][site_pack_id()]
    assert data["fields"] == shift(site["fields"], by)
    assert data["rules"] == shift(site["rules"], by)
    assert data["hash"] != site["hash"]
    assert no_old_year(json.dumps([data["fields"], data["rules"]], ensure_ascii=False), by, old_years)


def _report(doc: dict, pack=None) -> dict:
    cat = pack.catalogue if pack else None
    return report_dict(application_from(doc, cat), pack)


@pytest.mark.parametrize("case", DIRECT)
def test_every_case_moved_on_gives_the_same_report(case, pack, by, old_years):
    doc = patched(case.get("patch") or {})
    expected = shift(_report(doc), by)
    expected["pack"] = {"id": pack.id, "hash": pack.hash}
    got = _report(shift(doc, by), pack)
    assert got == expected
    assert no_old_year(json.dumps(got, ensure_ascii=False), by, old_years)
    _check(got, shift(case, by))


def test_the_case_suite_runs_whole_on_the_shifted_pack():
    assert len(DIRECT) == len(CASES) - sum(p.values[0].get("via") == "api" for p in CASES)


def test_the_blank_templates_move_on_with_the_round(pack, by, old_years):
    from checker.law.pack import load_catalogue

    site = load_catalogue()
    for make in (template_tsv, template_json):
        assert make(pack.catalogue) == shift(make(site), by)
        assert no_old_year(make(pack.catalogue), by, old_years)


def test_the_form_pages_field_tables_move_on_with_the_round(pack, by, old_years):
    """The 申报表 pages' tables (site_hooks/field_tables.py and its templates), every section."""
    import field_tables  # site_hooks/ is on the tests' path: the hooks import each other by name
    from checker.law.pack import load_catalogue

    site = load_catalogue()
    for section in site.sections:
        html = field_tables._render("fields", section.key, pack.catalogue, "test")
        assert html == shift(field_tables._render("fields", section.key, site, "test"), by), section.key
        assert no_old_year(html, by, old_years), section.key


def _parts(blob: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def test_the_forms_builder_moves_on_with_the_round(pack, by, old_years):
    from checker.law.pack import load_catalogue
    from forms.build import TEMPLATES

    site = load_catalogue()
    for t in TEMPLATES:
        old, new = t.build(site), t.build(pack.catalogue)
        if new[:2] == b"PK":
            assert _parts(new) == shift(_parts(old), by), t.filename
            assert no_old_year("".join(_parts(new).values()), by, old_years), t.filename
        else:
            assert new.decode("utf-8") == shift(old.decode("utf-8"), by), t.filename
            assert no_old_year(new.decode("utf-8"), by, old_years), t.filename


# --- through the parser ------------------------------------------------------------

# What the parser is given: the case as each kind of text, by the catalogue's years.
RENDERINGS = {
    "json": lambda doc, cat: json_text(doc),
    "tsv": lambda doc, cat: to_tsv(doc, cat=cat),
    "lines": lambda doc, cat: to_lines(doc, cat=cat),
}
# The .docx leg fills and reads a Word document per case (~0.3 s each, twice): every
# DOCX_EVERY-th case of the suite, the example first among them.
DOCX_EVERY = 7
DOCX_CASES = CASES[::DOCX_EVERY]
_SITE: dict[tuple[str, str], dict] = {}  # the site pack's report of (leg, case name)


def _moved_report(expected: dict, by: int, pack) -> dict:
    expected = shift(expected, by)
    expected["pack"] = {"id": pack.id, "hash": pack.hash}
    return expected


def _site_report(leg: str, case: str, make) -> dict:
    """The site pack's report of a case's leg, made once for both moved packs."""
    if (leg, case) not in _SITE:
        _SITE[leg, case] = make()
    return _SITE[leg, case]


@pytest.mark.parametrize("case", CASES)
def test_every_case_moved_on_reads_the_same_through_the_parser(case, pack, by, old_years, request):
    """The case as JSON text, as the Row-contract TSV and as 标签：值 lines (one test per
    case: the three readings share its document and keep the suite's count down)."""
    doc = patched(case.get("patch") or {})
    moved = shift(doc, by)
    for rendering, render in RENDERINGS.items():
        site = _site_report(rendering, case["name"], lambda: report_dict(parse(render(doc, load_catalogue()))))
        got = report_dict(parse(render(moved, pack.catalogue), pack.catalogue), pack)
        assert got == _moved_report(site, by, pack), rendering
        assert no_old_year(json.dumps(got, ensure_ascii=False), by, old_years), rendering
        if rendering == "json":
            _check(got, shift(case, by))  # what the case pins, moved on


@pytest.fixture(scope="module")
def blank_docx(pack) -> bytes:
    """The moved pack's own blank 申报表, as the forms builder makes it."""
    from forms.application_docx import build_application_docx

    return build_application_docx(pack.catalogue)


@pytest.fixture(scope="module")
def site_blank_docx() -> bytes:
    from forms.application_docx import build_application_docx

    return build_application_docx(load_catalogue())


def _docx_report(blank: bytes, doc: dict, cat, pack=None) -> dict:
    got = read_file(fill_template(blank, application_form(doc, cat), cat), "申报表.docx", cat)
    assert got.refused is None, got.refused
    return report_dict(got.app, pack)


def test_the_docx_leg_samples_the_whole_suite():
    assert DOCX_CASES[0].values[0]["name"] == CASES[0].values[0]["name"]
    assert len(DOCX_CASES) == -(-len(CASES) // DOCX_EVERY) >= 30


@pytest.mark.parametrize("case", DOCX_CASES)
def test_a_case_typed_into_the_moved_word_form_reads_the_same(case, pack, by, old_years, blank_docx,
                                                               site_blank_docx):
    doc = patched(case.get("patch") or {})
    site = _site_report("docx", case["name"],
                        lambda: _docx_report(site_blank_docx, doc, load_catalogue()))
    got = _docx_report(blank_docx, shift(doc, by), pack.catalogue, pack)
    assert got["input_format"] == "docx"
    assert got == _moved_report(site, by, pack)
    assert no_old_year(json.dumps(got, ensure_ascii=False), by, old_years)


def test_the_parser_knows_the_years_of_the_pack_it_is_given(pack, by):
    """Year cells, year columns and year words are the pack's: the site's first data year
    is no year of a moved round, and is said so in the moved round's years."""
    first, years = pack.catalogue.years[0], "、".join(pack.catalogue.years)
    old = str(int(first) - by)
    lines = parse(f"集群总产值（亿元）：{old} 年 40.00，{first} 年 44.00\n", pack.catalogue)
    assert lines.values == {f"industry.total_output.{first}": Decimal("44.00")}
    assert [(f.id, f.raw) for f in lines.findings] == [("input.unknown_key", f"{old} 年")]
    assert f"应填写 {years} 年的数值" in lines.findings[0].message
    figures = ("40.00", "44.00", "48.50")
    olds = [str(int(y) - by) for y in pack.catalogue.years]  # the site round's year cells
    header = "\t".join(("集群总产值（亿元）", *(f"{y}年" for y in olds)))
    table = parse(f"{header}\n\t{chr(9).join(figures)}\n", pack.catalogue)
    assert table.values == {f"industry.total_output.{y}": Decimal(v) for y, v in zip(olds, figures)
                            if y in pack.catalogue.years}  # each figure under its own year, or not read
    assert [f.raw for f in table.findings] == [f"{y} 年" for y in olds if y not in pack.catalogue.years]
    moved = parse(f"{shift(header, by)}\n\t40.00\t44.00\t48.50\n", pack.catalogue)
    assert [moved.values[f"industry.total_output.{y}"] for y in pack.catalogue.years] == [
        Decimal("40.00"), Decimal("44.00"), Decimal("48.50")]
