"""Property: the same application as JSON and as pasted rows gives the same report.

Random applications (figures plain, in exponent form, negative, in full width, with
units or thousands separators, 无; counts with fractions; answers as words or box
marks; box lists; named counts; text) are rendered as JSON and as the Row-contract
TSV our .xlsx template copies to (with and without its 键 column), and each rendering
is checked; the reports must be identical but for ``input_format``. The Word 申报表
leg (the same random applications typed into our .docx template) is
``tests/intake/docx/test_docx_reports_agree.py``: it needs the template and compares what the
applicant is told (the .docx report's 已读取 names table rows, not JSON paths).
"""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from checker.api import check_text
from tests.intake.render import to_tsv
from tests.intake.test_parse_properties import TEXT, as_json, documents_of
from tests.support.properties import examples

PLAIN = st.integers(-10**7, 10**8).map(lambda n: Decimal(n).scaleb(-2))
EXPONENT = st.builds(lambda n, k: Decimal(n).scaleb(k), st.integers(1, 99_999), st.integers(1, 3))  # 1.2345E+7
FIGURE = st.one_of(PLAIN, PLAIN, EXPONENT, st.sampled_from(
    ["１２．５０", "12.50%", "1,234.50", "1，234.50", "无", "-", "3.077e1", "68.2", "68.205", "12.5万元", "abc"]))
COUNT = st.one_of(st.integers(0, 10**6).map(Decimal), st.integers(0, 10**6).map(Decimal),
                  st.sampled_from([Decimal("1.5"), Decimal(-3), "无", "12 家", "12.00", "1e3"]))


def value_for(leaf, draw):
    kind = leaf.kind
    if kind in ("num", "pct", "growth"):
        return draw(FIGURE)
    if kind == "int":
        return draw(COUNT)
    if kind in ("yesno", "yesno_na"):
        return draw(st.sampled_from(["是", "否", "☑是 ☐否", "是☐ 否☑", "√", "无", "不适用"]))
    if kind == "choice":
        return draw(st.sampled_from([o.label for o in leaf.field.options] + ["☑" + leaf.field.options[0].label]))
    if kind == "checks":
        return [o.key for o in leaf.field.options if draw(st.booleans())]
    if kind == "named_count":
        names = draw(st.lists(TEXT.filter(lambda s: not any(c in s for c in "、；;\n")), max_size=3))
        return {"count": draw(st.one_of(st.just(Decimal(len(names))), COUNT)), "names": names}
    if kind == "text" and leaf.section != "cover":
        return draw(st.one_of(TEXT, st.just("无")))
    return None


def applications():
    return documents_of(value_for, max_size=25)


def as_json_text(doc: dict) -> str:
    # The rows write an empty list of names as 无; so does the JSON here, the same words.
    doc = copy.deepcopy(doc)
    stack = [doc]
    while stack:
        node = stack.pop()
        for key, value in node.items():
            if isinstance(value, dict):
                if value.get("names") == []:
                    value["names"] = "无"
                stack.append(value)
    return as_json(doc)


RENDERINGS = {
    "tsv": lambda doc: to_tsv(doc),
    "tsv by label": lambda doc: to_tsv(doc, keys=False),
}


def _report(text: str) -> dict:
    report = check_text(text)
    report.pop("input_format")
    return report


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(applications())
def test_json_and_pasted_rows_give_the_same_report(doc):
    expected = _report(as_json_text(doc))
    for name, render in RENDERINGS.items():
        got = _report(render(doc))
        assert got == expected, (name, {k: (expected[k], got[k]) for k in expected if got[k] != expected[k]})
