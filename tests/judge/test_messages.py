"""Messages quote what was filled: counts stay whole, an unreadable answer is not "未填写"."""

import json
from decimal import Decimal

from checker.api import check_text, example_text


def test_a_count_in_the_intro_is_compared_as_a_whole_number() -> None:
    doc = json.loads(example_text())
    doc["summary"]["intro"] = doc["summary"]["intro"].replace("中小企业312家", "中小企业300家")
    report = check_text(json.dumps(doc, ensure_ascii=False))
    messages = [f["message"] for f in report["findings"] if f["id"] == "form.summary_consistent"]
    basis = load_catalogue().basis_year
    assert messages == [f"集群简介中中小企业数量为 300，申报表“其中：集群中小企业数量（{basis} 年）”为 312，两者不一致。"]


def test_an_unreadable_answer_is_not_called_unfilled() -> None:
    doc = json.loads(example_text())
    doc["basic"]["misconduct"] = "没有"
    report = check_text(json.dumps(doc, ensure_ascii=False))
    check = next(c for c in report["checks"] if c["id"] == "veto.misconduct")
    assert check["status"] == "missing"
    assert check["message"].startswith("所填内容未能读取（见数据问题）")
    assert "未填写" not in check["message"]
    required = [f["message"] for f in report["findings"]
                if f["id"] == "form.required" and f["field"] == "basic.misconduct"]
    assert required == ["必填栏目所填内容未能读取：是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为"
                        "（见数据问题）。请勾选“是”或“否”。"]
    none = [f["message"] for f in report["findings"] if f["id"] == "input.none_not_allowed"]
    assert none == ["这一栏须勾选一项，不能填“没有”：请勾选“是”或“否”；没有这类情况的请勾选“否”；已按未填写处理。"]


def test_a_blank_required_field_is_called_unfilled() -> None:
    doc = json.loads(example_text())
    doc["basic"]["misconduct"] = ""
    report = check_text(json.dumps(doc, ensure_ascii=False))
    required = [f["message"] for f in report["findings"]
                if f["id"] == "form.required" and f["field"] == "basic.misconduct"]
    assert len(required) == 1 and required[0].startswith("必填栏目未填写：")


# --- every message of the case suite -------------------------------------------------

import re  # noqa: E402
from functools import cache  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from tests.judge.appbuild import json_text, patched  # noqa: E402
from checker.law.pack import load_catalogue, load_rules  # noqa: E402

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
DOUBLED = re.compile(r"[。；，、：！？][。；，、：！？]")
E_NOTATION = re.compile(r"\d(?:\.\d+)?[eE][+-]?\d")
TYPE_WORDS = re.compile(r"\bnull\b|\bNone\b|\bobject\b|\bTrue\b|\bFalse\b|这里是(?!对象|列表|文字|数字|逻辑值|空值)")
# a < b or a > b, allowing a year tag after each figure: 57（<year>） < 62（<next year>）
PAIR = re.compile(r"(?=(?<![\d.])(-?\d+(?:\.\d+)?)(?:（\d{4}）)? ([<>]) (-?\d+(?:\.\d+)?))")
CJK = r"[\u4e00-\u9fff]"
STRAY_SPACE = re.compile(f"{CJK} {CJK}|\\S  +\\S")
QUOTED = re.compile(r"“([^”]+)”")


@cache
def suite_reports() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text("utf-8"))["cases"]:
            out.append((case["name"], check_text(json_text(patched(case.get("patch") or {})))))
    return out


@cache
def quoted_texts() -> tuple[str, ...]:
    """Texts the seed prints (labels, options, clauses): their own spacing is not ours to judge."""
    cat = load_catalogue()
    texts = {leaf.label for leaf in cat.leaves()}
    for s in cat.sections:
        texts.add(s.title)
        for f in s.fields:
            texts.update([f.label, f.hint or "", f.note or ""] + [o.label for o in (*f.options, *f.parts)])
    for r in load_rules():
        texts.update([r.clause, r.title])
    return tuple(sorted((t for t in texts if " " in t), key=len, reverse=True))


def messages(report: dict) -> list[tuple[str, str]]:
    out = []
    for c in report["checks"]:
        out += [(c["id"], c["message"])] + [(c["id"], n) for n in c["notes"]]
        if c["formula"]:
            out.append((c["id"] + " formula", c["formula"]))
    out += [(f"{f['id']}@{f['field']}", f["message"]) for f in report["findings"]]
    out += [(f"normalised@{n['field']}", n["how"]) for n in report["normalised"]]
    return out


def test_the_suite_has_many_messages() -> None:
    assert sum(len(messages(r)) for _, r in suite_reports()) > 5000


@pytest.mark.parametrize("name,pattern", [("doubled punctuation", DOUBLED), ("E-notation", E_NOTATION),
                                          ("English type words", TYPE_WORDS)])
def test_no_message_has(name: str, pattern: re.Pattern) -> None:
    # What the user typed is quoted “as typed” (科学记数法“3.077e1”读作 30.77): not ours.
    bad = {(where, text) for case, report in suite_reports() for where, text in messages(report)
           if pattern.search(QUOTED.sub("“”", text))}
    assert not bad, sorted(bad)[:10]


def test_no_message_has_a_stray_space() -> None:
    bad = set()
    for _, report in suite_reports():
        for where, text in messages(report):
            text = QUOTED.sub("“”", text)  # examples and what the user typed keep their spaces
            for quoted in quoted_texts():
                text = text.replace(quoted, "▢")
            if STRAY_SPACE.search(text):
                bad.add((where, text))
    assert not bad, sorted(bad)[:10]


def test_every_chain_of_figures_holds() -> None:
    seen, bad = 0, set()
    for _, report in suite_reports():
        for where, text in messages(report):
            for a, op, b in PAIR.findall(text):
                seen += 1
                x, y = Decimal(a), Decimal(b)
                if not (x < y if op == "<" else x > y):
                    bad.add((where, text))
    assert seen > 50
    assert not bad, sorted(bad)[:10]


# --- following the advice ---------------------------------------------------------

EXAMPLE = re.compile(r"如“([^”]+)”")
OWN = ("input.", "form.required", "form.decimals", "form.ranges")


def _set(doc: dict, path: str, value: object) -> None:
    node = doc
    parts = path.split(".")
    for p in parts[:-1]:
        node = node.setdefault(p, {})
        if not isinstance(node, dict):
            raise KeyError(path)
    node[parts[-1]] = value


def _own_findings(report: dict, path: str) -> list[str]:
    return [f"{f['id']}: {f['message']}" for f in report["findings"]
            if f["field"] in (path, path.rsplit(".", 1)[0]) and f["id"].startswith(OWN)]


def _blanked(path: str) -> dict:
    doc = patched({})
    _set(doc, path, None)  # null: not filled
    return doc


REQUIRED = [leaf for leaf in load_catalogue().leaves()
            if leaf.field.required and leaf.slot not in (*load_catalogue().stage_years, "unit")]


@pytest.mark.parametrize("leaf", REQUIRED, ids=lambda leaf: leaf.path)
def test_following_the_advice_for_an_empty_field_leads_to_no_finding(leaf) -> None:
    doc = _blanked(leaf.path)
    report = check_text(json_text(doc))
    advice = [f["message"] for f in report["findings"] if f["id"] == "form.required" and f["field"] == leaf.path]
    assert len(advice) == 1, (leaf.path, report["findings"])
    quoted = QUOTED.findall(advice[0].split("。", 1)[1])  # after the label: the advice itself
    if not quoted:
        assert leaf.kind == "text", advice  # 集群运营管理机构: a name, no example to give
        return
    _set(doc, leaf.path, quoted[0])
    after = check_text(json_text(doc))
    assert not _own_findings(after, leaf.path), (advice[0], _own_findings(after, leaf.path))


def test_following_an_example_given_in_any_finding_leads_to_no_finding() -> None:
    tried = 0
    leaves = load_catalogue().index()
    for _, report in suite_reports():
        for f in report["findings"]:
            m = EXAMPLE.search(f["message"])
            leaf = leaves.get(f["field"])
            if m is None or leaf is None or leaf.kind not in ("num", "int", "pct", "growth"):
                continue
            doc = patched({})
            _set(doc, f["field"], m.group(1))
            after = check_text(json_text(doc))
            assert not _own_findings(after, f["field"]), (f, _own_findings(after, f["field"]))
            tried += 1
    assert tried > 10
