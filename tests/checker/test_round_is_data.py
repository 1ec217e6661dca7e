"""A round of the law is data: a pack with every year moved on gives the same checker,
the same templates and the same verdicts, with the years moved on.

``tests/packs/shifted-by-one`` keeps the 申报表 and the 认定标准 and moves the data
years to 2022—2024 and the target to 2027 (what the 2025 national round did). Its
compiled data, its blank templates and the report of every case of ``tests/cases``
must equal the site pack's with each year moved on by one, nothing else changed.
The same pack moved on by ten more years shares no year with the site's round, so
there no year of the old round may be left anywhere in what it builds.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from appbuild import application_from, patched
from checker.data.build import compile_pack
from checker.evaluate import report_dict
from checker.pack import compiled, pack_from_data, site_pack_id
from checker.template import template_json, template_tsv
from test_cases import CASES, DIRECT, _check

SHIFTED = Path(__file__).resolve().parents[1] / "packs" / "shifted-by-one"
# A year of the round: not part of a figure (1.2021, 12021), of a URL (/2006/), of a
# citation (财税[2015]119号), a number as an XML attribute (w:w="2041") or the standard's edition
# (2022 年版); a leaf key's year (industry.total_output.2021, co2.2024) is one.
YEAR = re.compile(r'(?<![\d/\[])(?!(?<==")\d{4}")(?<!(?<![a-z])\d\.)(20\d\d)(?![\d/])(?!\s*年版)')


def shift(node: object, by: int = 1) -> object:
    """Every year of the round in ``node`` (keys and texts) moved on by ``by``."""
    if isinstance(node, str):
        return YEAR.sub(lambda m: str(int(m.group(1)) + by), node)
    if isinstance(node, dict):
        return {shift(k, by): shift(v, by) for k, v in node.items()}
    if isinstance(node, list):
        return [shift(v, by) for v in node]
    return node


def years_in(text: str) -> set[str]:
    return set(YEAR.findall(text))


@pytest.fixture(scope="module")
def old_years() -> set[str]:
    """Every year the site's round writes (2020, the year before its data, to 2026)."""
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
    from checker.catalogue import load_catalogue

    site = load_catalogue()
    for make in (template_tsv, template_json):
        assert make(pack.catalogue) == shift(make(site), by)
        assert no_old_year(make(pack.catalogue), by, old_years)


def _parts(blob: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def test_the_forms_builder_moves_on_with_the_round(pack, by, old_years):
    from checker.catalogue import load_catalogue
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
