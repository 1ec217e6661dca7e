"""Property: a random application typed into our Word 申报表 gives the report of the same
data as JSON (the .docx leg of ``tests/intake/test_reports_agree.RENDERINGS``), through the
.docx, the HTML Word puts on the clipboard when it is copied, and the rows the page shows.

The person of ``template_filler`` fills the blank template: figures and words typed in
the cells beside their labels, ☐ turned into ☑ before the options that apply (or the
answer typed over the boxes when it is not one of them: ``√``, ``无``, ``☑是 ☐否``), 无 for a
box list with none of its options, ``数量：… 名称：…`` for the named counts, the stage
goals under their year labels. What a 申报表 cannot hold is left out of the random
application: 附件1 (filled by the 市州), the JSON's stage-year steps of the targets, the
plan's prose (its headings are part of the form and count: ``test_docx_plan_part``) and
the 其它 targets (their own tests there). Texts are drawn from letters, digits and CJK
(what Word stores; the JSON ≡ TSV property covers the rest of Unicode).
"""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings, strategies as st

from checker import api
from checker.law.pack import load_catalogue
from tests.intake.docx.habits import readings
from tests.intake.docx.template_filler import fill_template
from tests.intake.docx.test_docx_roundtrip import _judged
from tests.intake import test_reports_agree as agree
from tests.intake.test_parse_properties import documents_of
from tests.support.properties import examples

WORD_TEXT = st.text(st.sampled_from("集群甲乙丙丁企业中心平台abcXYZ0123456789"), min_size=1, max_size=12).filter(
    lambda s: any(not c.isdigit() for c in s))
LEFT_OUT = ("summary.", "plan.plan_text", "plan.extra_targets", "cover.")


def value_for(leaf, draw):
    if leaf.path.startswith(LEFT_OUT) or leaf.slot in load_catalogue().stage_years:
        return None
    if leaf.kind == "named_count":
        names = draw(st.lists(WORD_TEXT, max_size=3))
        return {"count": draw(st.one_of(st.just(Decimal(len(names))), agree.COUNT)), "names": names}
    if leaf.kind == "text":
        return draw(st.one_of(WORD_TEXT, st.just("无")))
    return agree.value_for(leaf, draw)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(doc=documents_of(value_for, max_size=25))
@example(doc={"governance": {"public_services": []}})  # 无 after the cell's printed lead (test_docx_empty_boxes)
@example(doc={"open": {"overseas_branches": {"count": Decimal("1.0"), "names": ["X"]}}})  # 1.0 个（X）: names kept
@example(doc={"open": {"overseas_branches": {"count": Decimal("1.5"), "names": ["X"]}}})
def test_the_docx_of_an_application_gives_the_report_of_its_json(blank_docx, doc):
    expected = _judged(api.check_text(agree.as_json_text(copy.deepcopy(doc))))
    for name, got in readings(fill_template(blank_docx, doc)).items():  # .docx, its clipboard HTML, its rows
        report = _judged(got)
        diff = {k: (v, report[k]) for k, v in expected.items() if report[k] != v}
        assert not diff, (name, diff)
