"""A box list with none of its options ticked, every ``checks`` field of the catalogue.

The JSON's ``[]`` is an answer, no box ticked (contract.md); on the 申报表 the answer is 无
(填报说明 2: 无相关情况时应填写“无”), written in the cell while the words the form prints
there stay: a field's lead (``集群已提供的中小企业公共服务:``) and its
``(注：勾选需提供佐证材料)``. Those printed words are not options: with 无 they read as
``[]``, alone (the boxes deleted, nothing written) they are no answer, like a cell left as
the blank form has it (every box ☐): 待补充, not 无 (fields.md: empty is not 无).
"""

from __future__ import annotations

import copy

import pytest
from docx.oxml.ns import qn

from checker.law.pack import load_catalogue
from tests.intake.docx.habits import _text, apply, changed, readings, set_text
from tests.intake.docx.template_filler import fill_template
from tests.intake.docx.test_docx_plan_part import _agree
from tests.intake.docx.test_docx_roundtrip import _judged
from tests.intake.test_reports_agree import as_json_text
from checker import api

BOXES = "☐☑"
CHECKS = [pytest.param(s.key, f, id=f"{s.key}.{f.key}")
          for s in load_catalogue().sections for f in s.fields if f.kind == "checks"]


def _box_cell(f):
    """The value cell of ``f``: the one holding its first option's box."""
    first = f.options[0].label

    def find(d):
        for tc in d.element.body.iter(qn("w:tc")):
            if any(f"{b}{first}" in _text(p) for p in tc.iterchildren(qn("w:p")) for b in BOXES):
                return tc
        raise KeyError(first)
    return find


def _boxes_replaced(f, answer: str | None):
    """The cell's box lines replaced by ``answer`` (or just deleted); its other lines stay."""
    def edit(d) -> None:
        tc = _box_cell(f)(d)
        lines = [_text(p) for p in tc.iterchildren(qn("w:p"))]
        kept = [line for line in lines if not any(b in line for b in BOXES)]
        at = next(i for i, line in enumerate(lines) if any(b in line for b in BOXES))
        set_text(tc, "\n".join(kept[:at] + ([answer] if answer else []) + kept[at:]))
    return edit


@pytest.mark.parametrize("section, f", CHECKS)
def test_an_empty_list_of_boxes_reads_as_its_json(blank_docx, section, f):
    """The property test's counterexample ({'governance': {'public_services': []}}), for each list."""
    doc = {section: {f.key: []}}
    expected = _judged(api.check_text(as_json_text(copy.deepcopy(doc))))
    for name, report in readings(fill_template(blank_docx, doc)).items():
        assert _judged(report) == expected, name


@pytest.mark.parametrize("section, f", CHECKS)
def test_none_written_among_the_printed_words_is_an_empty_list(filled_docx, form_doc, section, f):
    report = _agree(apply(filled_docx, _boxes_replaced(f, "无")), changed(form_doc, **{f"{section}__{f.key}": []}))
    path = f"{section}.{f.key}"
    assert not [x for x in report["findings"] if x["field"] == path and x["id"].startswith(("input.", "form.required"))]


@pytest.mark.parametrize("section, f", CHECKS)
def test_only_the_printed_words_left_is_no_answer(filled_docx, form_doc, section, f):
    expected = copy.deepcopy(form_doc)
    del expected[section][f.key]
    report = _agree(apply(filled_docx, _boxes_replaced(f, None)), expected)
    path = f"{section}.{f.key}"
    assert {c["status"] for c in report["checks"] if path in c["inputs"] and not c["id"].startswith("form.")} <= {"missing"}
    assert [x["id"] for x in report["findings"] if x["field"] == path] == ["form.required"]
