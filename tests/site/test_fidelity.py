"""Nothing of the seed document is left out of the site.

Every heading, paragraph, table cell, field label, checkbox label, 填报说明 point
and criterion sentence of the seed is cut into fragments and each fragment must
appear in the text of the built site's pages (whitespace removed on both sides).
Prose lines are kept whole; lines of the forms (tabs, HTML, blanks to fill in) are
cut at cells, boxes, blanks "____", after a prompt's colon, and before a bracketed
note "(注…" "(需…" "（如…"; a prompt's trailing colon is dropped (a table's label cell
has none).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

SEED = Path(__file__).parents[1] / "spec" / "000_727e631413e6a11a.txt"  # compared with shared/ in tests/spec


def seed_fragments(text: str) -> list[str]:
    fragments: list[str] = []
    for line in text.splitlines():
        line = line.replace("\\_", "_")
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # a Markdown link: its text
        form = bool(re.search(r"[\t<_]", line))
        line = re.sub(r"<[^>]+>", "\t", line)
        cells = re.split(r"\t|_+", line)
        if form:
            cells = [part for cell in cells for part in re.split(r"[:：]\s+(?=[(（])|\s+(?=[(（](?:注|需|如))", cell)]
        for cell in cells:
            cell = re.sub(r"^(#+|-)\s+", "", cell.strip())
            cell = re.sub(r"^\d+\.\s+", "", cell)  # an ordered-list number
            cell = re.sub(r"[:：]$", "", cell)
            if re.search(r"\w", cell):
                fragments.append(cell)
    return fragments


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def site_text(built_site: Path) -> str:
    parts = []
    for page in sorted(built_site.rglob("*.html")):
        for article in html.parse(str(page)).getroot().xpath("//article"):
            parts.append(article.text_content())
    return squash("\n".join(parts)).replace("☐", "").replace("¶", "")


def test_fragments_cover_the_seed():
    fragments = seed_fragments(SEED.read_text("utf-8"))
    assert len(fragments) > 380
    joined = squash("".join(fragments))
    # the extraction keeps (almost) every character of the seed's text
    seed_text = squash(re.sub(r"<[^>]+>|\\_|_|\[|\]\([^)]*\)|#|\t", "", SEED.read_text("utf-8")))
    assert len(joined) > 0.95 * len(seed_text)


@pytest.mark.parametrize("probe", ["集群中小企业研发经费总额 (亿元)", "开展了质量诊断服务",
                                   "工业互联网平台应用普及率不低于 15%", "(注：勾选需提供佐证材料)"])
def test_extraction_finds_known_items(probe):
    assert any(probe in fragment for fragment in seed_fragments(SEED.read_text("utf-8")))


def test_every_seed_fragment_is_on_the_site(site_text: str):
    missing = [f for f in seed_fragments(SEED.read_text("utf-8")) if squash(f) not in site_text]
    assert not missing, "on no page of the site:\n" + "\n".join(missing)


def test_word_for_word_pages(built_site: Path):
    """The notice and the standard are printed as whole paragraphs, not cut up."""
    seed = SEED.read_text("utf-8")
    for src, start, end in (("notice", "根据《工业和信息化部", "联系电话：027-87236658"),
                            ("standard", "中小企业特色产业集群（以下简称集群）", "工作措施要完整、针对性强、切实可行。")):
        page = squash(html.parse(str(built_site / src / "index.html")).getroot().xpath("//article")[0].text_content())
        block = seed[seed.index(start): seed.index(end) + len(end)]
        for paragraph in re.split(r"\n\s*\n", block):
            paragraph = re.sub(r"^#+\s+", "", paragraph.strip())
            paragraph = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", paragraph)
            assert squash(paragraph) in page, (src, paragraph)
