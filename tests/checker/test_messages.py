"""Messages quote what was filled: counts stay whole, an unreadable answer is not "未填写"."""

import json

from checker.api import check_text, example_text


def test_a_count_in_the_intro_is_compared_as_a_whole_number() -> None:
    doc = json.loads(example_text())
    doc["summary"]["intro"] = doc["summary"]["intro"].replace("中小企业312家", "中小企业300家")
    report = check_text(json.dumps(doc, ensure_ascii=False))
    messages = [f["message"] for f in report["findings"] if f["id"] == "form.summary_consistent"]
    assert messages == ["集群简介中中小企业数量为 300，申报表“其中：集群中小企业数量（2023 年）”为 312，两者不一致。"]


def test_an_unreadable_answer_is_not_called_unfilled() -> None:
    doc = json.loads(example_text())
    doc["basic"]["misconduct"] = "没有"
    report = check_text(json.dumps(doc, ensure_ascii=False))
    check = next(c for c in report["checks"] if c["id"] == "veto.misconduct")
    assert check["status"] == "missing"
    assert check["message"].startswith("无法识别所填内容（见数据问题）")
    assert "未填写" not in check["message"]
    required = [f["message"] for f in report["findings"]
                if f["id"] == "form.required" and f["field"] == "basic.misconduct"]
    assert required == ["必填栏目所填内容无法识别：是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为"
                        "（见数据问题），请按填报说明重新填写。"]


def test_a_blank_required_field_is_called_unfilled() -> None:
    doc = json.loads(example_text())
    doc["basic"]["misconduct"] = ""
    report = check_text(json.dumps(doc, ensure_ascii=False))
    required = [f["message"] for f in report["findings"]
                if f["id"] == "form.required" and f["field"] == "basic.misconduct"]
    assert len(required) == 1 and required[0].startswith("必填栏目未填写：")
