"""The site builds with ``mkdocs build --strict`` and has every page of its nav."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

from checker.law.pack import load_pack


def test_strict_build_passes(site_build):
    assert site_build.returncode == 0, site_build.log
    assert not re.search(r"^(WARNING|ERROR)\b", site_build.log, re.M), site_build.log


def test_every_nav_page_is_built(built_site: Path, nav_pages):
    assert len(nav_pages) >= 17
    for page in nav_pages:
        assert (built_site / page.url / "index.html").is_file(), page


def test_site_is_chinese_and_uses_no_web_fonts(built_site: Path, nav_pages):
    for page in nav_pages:
        doc = html.parse(str(built_site / page.url / "index.html")).getroot()
        assert doc.get("lang") == "zh", page
        # theme.font: false -> no font stylesheet at all, from anywhere
        hrefs = doc.xpath("//link/@href")
        assert not [h for h in hrefs if "fonts" in h], (page, hrefs)


def test_every_page_url_is_relative(built_site: Path, nav_pages):
    """Root-absolute URLs break when the site is served under a sub-path."""
    for page in nav_pages:
        doc = html.parse(str(built_site / page.url / "index.html")).getroot()
        urls = doc.xpath("//script/@src | //link/@href | //img/@src | //a/@href")
        assert not [u for u in urls if u.startswith("/")], (page, urls)


def test_home_page_key_facts(built_site: Path):
    doc = html.parse(str(built_site / "index.html")).getroot()
    text = re.sub(r"\s+", "", doc.xpath("//article")[0].text_content())
    for fact in ("申报主体", "所在地县（市、区）中小企业主管部门", f"{load_pack().info.notice.round_year}年6月20日", "纸质材料加电子光盘",
                 "武汉市武昌区洪山路10号洪山大厦", "027-87236658", "zxc87122161@163.com"):
        assert fact in text, fact
    assert doc.xpath("//a[@href='mailto:zxc87122161@163.com']")
    hrefs = set(doc.xpath("//article//a/@href"))
    for entry in ("notice/", "standard/", "checker/", "downloads/"):
        assert entry in hrefs, entry
