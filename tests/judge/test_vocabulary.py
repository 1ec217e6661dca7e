"""One word for one state: the pack's ``words`` are what every surface says.

The command line's text report, the pages' data (``checker.api.page_meta``) and the
批量初审 rows take their status words from one mapping, ``words.status``; an aspect
with no hard check to count says ``words.no_hard`` instead of 0/0.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from tests.judge.appbuild import json_text, load_example
from checker.api import check_text, page_meta
from checker.law.pack import EVIDENCE_WORDS, STATUSES, load_pack, pack_from_data
from checker.judge.text_report import render_text


@pytest.fixture(scope="module")
def words():
    return load_pack().words


def test_one_word_per_status_and_none_said_for_two_states(words):
    assert set(words.status) == set(STATUSES)
    assert len(set(words.status.values())) == len(STATUSES)
    # Where a status means a verdict's state, it uses the verdict's word.
    assert words.status["pass"] == words.verdict["eligible"]
    assert words.status["fail"] == words.verdict["not_eligible"]
    assert words.status["missing"] == words.verdict["incomplete"]


def test_the_pages_get_the_one_mapping(words):
    meta = page_meta()["words"]
    assert meta["status"] == words.status and meta["no_hard"] == words.no_hard


def test_a_pack_with_per_surface_status_tables_is_refused():
    from checker.law.pack import compiled

    data = copy.deepcopy(compiled()["packs"][load_pack().id])
    data["pack"]["words"]["status"] = {"text": dict(data["pack"]["words"]["status"])}
    with pytest.raises(Exception, match="words.status"):
        pack_from_data(data, validate=True)


def test_text_report_says_no_hard_checks_instead_of_0_of_0(words):
    report = check_text(json_text(load_example()))
    text = render_text(report)
    pack = load_pack()
    for key, title in pack.aspects.items():
        s = report["score"]["by_aspect"][key]
        counted = f"硬性指标 {s['passed']}/{s['total']}" if s["total"] else words.no_hard
        assert f"【{title}（{counted}）】{words.status[s['status']]}" in text.splitlines()
    assert "0/0" not in text
    assert f"【未来三年目标（{words.no_hard}）】" in text


def test_text_report_uses_the_status_words_for_every_check(words):
    doc = load_example()
    doc["basic"]["prohibited_industry"] = "是"
    report = check_text(json_text(doc))
    text = render_text(report)
    assert f"✗ {words.status['fail']}  主导产业不属于禁止" in text
    for stale in ("通过", "未通过", "不通过", "缺数据", "仅展示"):
        assert stale not in text, stale


# --- the 佐证材料清单 on the 在线自评 page: its words are the pack's too ------------

EVIDENCE_LIST = Path(__file__).resolve().parents[2] / "docs" / "checker" / "evidence_list.js"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_evidence_list_gets_its_words_with_the_page(words):
    assert page_meta()["words"]["evidence"] == words.evidence
    assert set(words.evidence) == set(EVIDENCE_WORDS)


def test_the_evidence_list_script_writes_no_word_of_its_own():
    """Outside comments, evidence_list.js holds no Chinese: every word is words.evidence."""
    code = [line for line in EVIDENCE_LIST.read_text("utf-8").splitlines() if not line.lstrip().startswith("//")]
    assert [line.strip() for line in code if CJK.search(line)] == []
    for key in EVIDENCE_WORDS:
        assert f'"{key}"' in "\n".join(code) or key.startswith("download_"), key  # each word is used


def test_a_pack_without_an_evidence_word_is_refused():
    from checker.law.pack import compiled

    data = copy.deepcopy(compiled()["packs"][load_pack().id])
    del data["pack"]["words"]["evidence"]["done"]
    with pytest.raises(Exception, match="words.evidence"):
        pack_from_data(data, validate=True)
