"""site_hooks/search_terms.py: the hidden tokens that make dates, figures and readers'
words findable, and every page's title in the built search index."""

from __future__ import annotations

import json
from pathlib import Path

from search_terms import FIELD, terms_of  # noqa: E402


def test_a_date_gives_its_full_short_and_deadline_forms():
    text = "请各市州经信部门于\u200b2024\u200b年\u200b6\u200b月\u200b20\u200b日前\u200b将"
    terms = terms_of(text)
    assert terms[:3] == ["2024年6月20日", "6月20日", "6月20日前"]
    assert "截止时间" in terms


def test_figures_keep_their_units_and_markup_is_ignored():
    terms = terms_of("近三年 <strong>40 亿元</strong> 以上，不低于 15 个，占比 70% 以上，12.5 万元")
    assert {"40亿元", "15个", "70%", "12.5万元"} <= set(terms)
    assert not [t for t in terms if "<" in t or "strong" in t]


def test_the_readers_words_follow_the_standards_wording():
    assert "万人发明专利" in terms_of("每万人有效 发明专利拥有量不低于 15 个")
    assert "万人发明专利" not in terms_of("有效发明专利年均增长率")


def test_the_built_index_has_the_field_and_real_titles(built_site: Path, nav_pages):
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert FIELD in index["config"]["fields"]
    pages = {d["location"]: d for d in index["docs"] if "#" not in d["location"]}
    notice = " ".join(d.get(FIELD, "") for d in index["docs"] if d["location"].startswith("notice/")).split()
    assert "6月20日" in notice and "截止时间" in notice
    titles = {loc: d["title"].replace("\u200b", "") for loc, d in pages.items()}
    assert titles["form/"] == "附件2 申报表"
    assert not [t for t in titles.values() if t.lower() in ("index", "") or t.isascii()]
    for nav_page in nav_pages:
        html = (built_site / nav_page.url / "index.html").read_text("utf-8")
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert not title.startswith("Index"), (nav_page.src, title)
