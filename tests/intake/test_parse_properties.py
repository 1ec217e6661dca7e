"""Property tests: the parser never raises, and a document reads the same as JSON and TSV.

Example budgets (the ``thorough`` profile's; ``ci`` draws a quarter, tests/support/properties.py):
any text 3500, near-miss rows 1200, near-miss JSON 800, random documents rendered three ways 500.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from checker.law.application import Application, ExtraTarget, NamedCount
from checker.law.pack import load_catalogue
from checker.law.model import dump, validate
from checker.intake.parse import parse
from checker.intake.text import CONTROL
from tests.intake.render import rows, to_lines, to_tsv
from tests.support.properties import examples

CAT = load_catalogue()
LEAVES = CAT.leaves()
FAST = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def well_formed(app: Application) -> None:
    assert isinstance(app, Application)
    for path, value in app.values.items():
        assert isinstance(path, str)
        assert isinstance(value, (Decimal, str, tuple, NamedCount)), (path, value)
        if isinstance(value, Decimal):
            assert value.is_finite()
        if isinstance(value, tuple):
            assert all(isinstance(v, (str, ExtraTarget)) for v in value)
    for f in app.findings:
        assert f.message and (f.raw is None or len(f.raw) < 200)
        assert f.id != "input.internal_error", f  # the safety net must never be needed
    # The browser builds these records without pydantic: pydantic checks here that
    # every field holds its declared type (a wrong type would not survive the trip).
    assert validate(Application, dump(app)) == app


def as_json(doc, ensure_ascii: bool = False) -> str:
    """JSON with Decimals written as number literals (36.50 keeps its two decimals)."""
    def enc(o):
        if isinstance(o, Decimal):
            return f"@@{o}@@"
        raise TypeError
    return json.dumps(doc, ensure_ascii=ensure_ascii, default=enc).replace('"@@', "").replace('@@"', "")


# -- any text at all -------------------------------------------------------------
@settings(max_examples=examples(3500), **FAST)
@given(st.text(st.characters(codec=None), max_size=300))
def test_any_text_never_raises(text):
    well_formed(parse(text))


# -- near misses of the real formats -----------------------------------------------
EXAMPLE_ROWS = rows(json.loads(open(
    __import__("pathlib").Path(__file__).resolve().parents[2] / "checker" / "data" / "example-application.json",
    encoding="utf-8").read(), parse_float=Decimal))
# Rows copied from the Word form as well (label-first, several layouts).
WORD_ROWS = [tuple((line.split("\t") + [""] * 7)[:7]) for line in
             (__import__("pathlib").Path(__file__).with_name("data") / "word_paste.tsv")
             .read_text("utf-8").splitlines()]
EXAMPLE_ROWS = EXAMPLE_ROWS + WORD_ROWS
NOISE = st.sampled_from(["", " ", "无", "—", "☑", "☐ 是 ☑ 否", "１２．５０％", "1,234.50", "1e5", "NaN", "-0",
                         "9" * 60, "<b>x</b>", "\x00", "\t", "\n", '"', '""', "：", "亿元", "12.5万元", "true",
                         "数量：2个 名称：甲、乙", f"{CAT.years[0]} 年", "／", "-12.30%", "０"])
CELL = st.one_of(NOISE, st.text(max_size=12))


@st.composite
def near_miss_rows(draw):
    picked = draw(st.lists(st.sampled_from(EXAMPLE_ROWS), max_size=25))
    out = []
    for row in picked:
        cells = list(row)
        for i in draw(st.lists(st.integers(0, 6), max_size=3)):
            cells[i] = draw(CELL)
        if draw(st.booleans()):
            cells = cells[: draw(st.integers(1, 7))]
        if draw(st.booleans()):
            cells[0] = ""  # match by label
        sep = draw(st.sampled_from(["\t", "：", ":"]))
        if sep == "\t":
            out.append(sep.join(cells))
        else:
            cells += [""] * (7 - len(cells))
            out.append(f"{cells[1]}{sep}{cells[3] or cells[4]}")
    return draw(st.sampled_from(["\n", "\r\n"])).join(out)


@settings(max_examples=examples(1200), **FAST)
@given(near_miss_rows())
def test_near_miss_rows_never_raise(text):
    well_formed(parse(text))


JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.text(max_size=10), NOISE,
                      st.integers(-10**6, 10**6).map(lambda n: Decimal(n).scaleb(-2)))
# Keys a real document uses inside fields, plus junk: near misses, not random noise.
JSON_KEY = st.one_of(st.sampled_from([*CAT.years, *CAT.stage_years[:1], "count", "names", "base", "target", "unit",
                                      "lead", "join", "national", "provincial", "chain_map", "direction"]),
                     st.text(max_size=4))
JSON_ANY = st.recursive(JSON_LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(JSON_KEY, inner, max_size=3)), max_leaves=8)
SECTION_KEYS = [s.key for s in CAT.sections]
FIELD_KEYS = {s.key: [f.key for f in s.fields] for s in CAT.sections}


@st.composite
def near_miss_json(draw):
    doc = {}
    for section in draw(st.lists(st.sampled_from(SECTION_KEYS), max_size=4)):
        doc[section] = {k: draw(JSON_ANY) for k in draw(st.lists(st.sampled_from(FIELD_KEYS[section]), max_size=5))}
    if draw(st.booleans()):
        doc[draw(st.text(max_size=5))] = draw(JSON_ANY)
    return as_json(doc, ensure_ascii=draw(st.booleans()))


@settings(max_examples=examples(800), **FAST)
@given(near_miss_json())
def test_near_miss_json_never_raises(text):
    well_formed(parse(text))


# -- random valid documents: JSON, TSV and lines agree ----------------------------------
TWO_PLACES = st.integers(0, 10**8).map(lambda n: Decimal(n).scaleb(-2))
COUNTS = st.integers(0, 10**6).map(Decimal)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")),
               min_size=1, max_size=12).filter(
    # a real name has a letter or digit and does not start with a colon (标签：值 lines)
    # (underscores are the form's blank lines "名称：____", removed as such); the marks
    # the reader removes with a finding (CONTROL: U+2060 and the like) are no name's
    lambda s: re.search(r"[^\W_]", s) and "_" not in s and s[0] not in ":：" and s not in ("无", "暂无")
    and not CONTROL.search(s))


def value_for(leaf, draw):
    kind = leaf.kind
    if kind in ("num", "pct", "growth"):
        return draw(TWO_PLACES)
    if kind == "int":
        return draw(COUNTS)
    if kind == "yesno":
        return draw(st.sampled_from(["是", "否"]))
    if kind == "yesno_na":
        return draw(st.sampled_from(["是", "否", "不适用"]))
    if kind == "choice":
        return draw(st.sampled_from([o.label for o in leaf.field.options]))
    if kind == "checks":
        return [o.key for o in leaf.field.options if draw(st.booleans())]
    if kind == "named_count":
        names = draw(st.lists(TEXT.filter(lambda s: not any(c in s for c in "、；;\n")), max_size=3))
        return {"count": Decimal(len(names)), "names": names}
    return None  # text and the rest: covered by the example document


def documents_of(values, max_size: int = 15):
    """Random documents: up to ``max_size`` leaves (not a target row's unit), each given
    ``values(leaf, draw)`` (None: left out), nested by their paths."""
    @st.composite
    def build(draw):
        doc: dict = {}
        chosen = draw(st.lists(st.sampled_from(LEAVES), min_size=1, max_size=max_size, unique_by=lambda lf: lf.path))
        for leaf in chosen:
            value = None if leaf.slot == "unit" else values(leaf, draw)
            if value is None:
                continue
            node = doc
            parts = leaf.path.split(".")
            for p in parts[:-1]:
                node = node.setdefault(p, {})
            node[parts[-1]] = value
        return doc
    return build()


def documents():
    return documents_of(value_for)




@settings(max_examples=examples(500), **FAST)
@given(documents())
def test_json_tsv_and_lines_agree(doc):
    from_json = parse(as_json(doc))
    assert not from_json.findings, from_json.findings
    rendered = rows(doc)
    for text in (to_tsv(doc, rendered=rendered), to_tsv(doc, keys=False, rendered=rendered),
                 to_lines(doc, rendered)):
        app = parse(text)
        assert app.values == from_json.values
        assert app.raw == from_json.raw
