"""form.summary_consistent quotes the form's figure as it was filled: counts stay whole."""

import json

from checker.api import check_text, example_text


def test_a_count_in_the_intro_is_compared_as_a_whole_number() -> None:
    doc = json.loads(example_text())
    doc["summary"]["intro"] = doc["summary"]["intro"].replace("中小企业312家", "中小企业300家")
    report = check_text(json.dumps(doc, ensure_ascii=False))
    messages = [f["message"] for f in report["findings"] if f["id"] == "form.summary_consistent"]
    assert messages == ["集群简介中中小企业数量为 300，申报表“其中：集群中小企业数量（2023 年）”为 312，两者不一致。"]
