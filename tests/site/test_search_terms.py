"""site_hooks/search_terms.py: the hidden tokens that make dates, figures and readers'
words findable, and every page's title in the built search index."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from search_terms import FIELD, segmenter_fixed, terms_of

from checker.law.pack import load_pack


def test_a_date_gives_its_full_short_and_deadline_forms():
    year = load_pack().info.notice.round_year  # the notice's deadline: 6月20日 of its year
    text = f"请各市州经信部门于\u200b{year}\u200b年\u200b6\u200b月\u200b20\u200b日前\u200b将"
    terms = terms_of(text)
    assert terms[:3] == [f"{year}年6月20日", "6月20日", "6月20日前"]
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


MATERIAL_WORKER = next((Path(__file__).resolve().parents[2] / ".venv").glob(
    "lib/python*/site-packages/material/templates/assets/javascripts/workers/search.*.min.js"))


def test_the_query_segmenter_keeps_the_last_word_and_a_last_one_character_word():
    code = MATERIAL_WORKER.read_text("utf-8")
    fixed = segmenter_fixed(code)
    # The word cuts try every end up to the query's own (万人发明专利 whole), and a
    # segment ending one character before the end goes on to that character.
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in" in fixed
    assert "n[a]&&a<t.length&&" in fixed and "n[a]&&a<t.length-1&&" in code
    assert len(fixed) == len(code) - 1
    with pytest.raises(PluginError, match="re-check"):
        segmenter_fixed(fixed)  # a worker without Material's code is refused, never patched twice


def test_the_built_site_loads_the_fixed_worker_only(built_site: Path):
    workers = sorted(p.name for p in (built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    [name] = workers
    code = (built_site / "assets" / "javascripts" / "workers" / name).read_text("utf-8")
    assert "a<t.length-1&&" not in code
    assert name == f"search.{hashlib.sha256(code.encode()).hexdigest()[:8]}.min.js"
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        if "workers/search." in html:
            assert f"workers/{name}" in html, page
