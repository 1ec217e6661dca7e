"""Every check of checks.md can be linked to: an anchor on 认定标准 or 计算口径.

The contract: on the standard page every rule with source "standard" has an element
whose id is the rule id, just before its clause; on the 计算口径 page every rule has a
section with that id, printing the rule's clause and reading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from checker.law.pack import ASPECTS, load_rules

SPEC = Path(__file__).parents[1] / "spec"  # compared with shared/ in tests/spec
CHECKS_MD = SPEC / "checks.md"
SEED = SPEC / "000_727e631413e6a11a.txt"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_ids() -> list[str]:
    """The ids in the first column of checks.md's tables."""
    text = CHECKS_MD.read_text("utf-8")
    return re.findall(r"^\|\s*([a-z_]+\.[a-z_0-9]+)\s*\|", text, re.M)


def page(built_site: Path, url: str) -> html.HtmlElement:
    return html.parse(str(built_site / url / "index.html")).getroot()


def test_every_check_id_has_an_anchor(built_site: Path):
    ids = check_ids()
    assert len(ids) >= 50
    anchors = set(page(built_site, "standard/").xpath("//@id")) | set(page(built_site, "reading/").xpath("//@id"))
    assert [i for i in ids if i not in anchors] == []


def test_standard_anchor_sits_before_its_clause(built_site: Path):
    doc = page(built_site, "standard/")
    rules = [r for r in load_rules() if r.source == "standard"]
    assert rules
    for rule in rules:
        (anchor,) = doc.xpath(f"//*[@id='{rule.id}']")
        assert anchor.get("class") == "rule-anchor"
        # the text right after the anchor (and any anchors sharing the clause) starts with the clause
        following = "".join(anchor.xpath("following::text()"))
        assert squash(following).startswith(squash(rule.clause)), rule.id


def test_reading_page_has_a_section_per_rule_and_aspect(built_site: Path):
    doc = page(built_site, "reading/")
    for key in ASPECTS:
        assert doc.xpath(f"//h2[@id='aspect-{key}']"), key
    for rule in load_rules():
        (heading,) = doc.xpath(f"//h3[@id='{rule.id}']")
        assert squash(heading.text_content()).startswith(squash(rule.title))
        (body,) = doc.xpath(f"//div[@data-rule='{rule.id}']")
        text = squash(body.text_content())
        assert squash(rule.clause) in text and squash(rule.reading) in text, rule.id
        if rule.source == "standard":
            assert body.xpath(f".//a[@href='../standard/#{rule.id}']"), rule.id


def test_standard_clauses_are_unambiguous():
    """Each standard clause occurs once in 附件3, so its anchor marks the right sentence."""
    seed = SEED.read_text("utf-8")
    standard = seed[seed.index("# 中小企业特色产业集群认定标准"):]
    for rule in load_rules():
        if rule.source == "standard":
            assert standard.count(rule.clause) == 1, rule.id


@pytest.mark.parametrize("section", ["basic", "industry", "innovation", "digital", "green", "open", "governance", "plan"])
def test_form_page_lists_the_checks_that_read_it(built_site: Path, section: str):
    doc = page(built_site, f"form/{section}/")
    hrefs = doc.xpath("//div[@class='rule-index']//a/@href")
    expected = [r.id for r in load_rules() if any(ref.split(".")[0] == section for ref in r.inputs)]
    assert expected and hrefs == [f"../../reading/#{rule_id}" for rule_id in expected]
    readings = set(page(built_site, "reading/").xpath("//h3/@id"))
    assert set(expected) <= readings
