"""The site's hooks fail the build, with a clear message, on markers they cannot honour.

Each case builds a one-page site that uses only the site's own hooks, in a
temporary directory, with ``mkdocs build --strict``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOOKS = ("field_tables.py", "rule_anchors.py", "rule_readings.py", "rule_index.py")
EVERY_SECTION = "\n\n".join(f"<!-- fields: {s} -->" for s in
                            ("cover", "summary", "basic", "industry", "innovation", "digital",
                             "green", "open", "governance", "plan"))


def build(tmp_path: Path, pages: dict[str, str]) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, "utf-8")
    hooks = "\n".join(f"  - {REPO / 'site_hooks' / h}" for h in HOOKS)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: test
        strict: true
        theme: {name: material, language: zh, font: false}
        markdown_extensions: [tables, attr_list, md_in_html]
        hooks:
        """) + hooks + "\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, env=env)


def test_every_section_marker_builds(tmp_path: Path):
    done = build(tmp_path, {"index.md": "# 表\n\n" + EVERY_SECTION})
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "集群总产值（亿元）" in page and "绘制产业链图谱，开展产业链培育" in page


@pytest.mark.parametrize(("marker", "message"), [
    ("<!-- fields: nosuch -->", "unknown section 'nosuch'"),
    ("<!-- fields: industry.nosuch -->", "section 'industry' has no field 'nosuch'"),
    ("<!-- fields-table: industry -->", "unknown marker <!-- fields-table"),
    ("<!-- fields: industry total_output -->", "malformed marker"),
])
def test_bad_field_marker_fails_the_build(tmp_path: Path, marker: str, message: str):
    done = build(tmp_path, {"index.md": f"# 表\n\n{EVERY_SECTION}\n\n{marker}\n"})
    assert done.returncode != 0
    assert message in done.stderr


def test_field_on_no_page_fails_the_build(tmp_path: Path):
    done = build(tmp_path, {"index.md": "# 表\n\n<!-- fields: cover -->\n"})
    assert done.returncode != 0
    assert "appear on no page" in done.stderr and "industry.total_output" in done.stderr


def test_clause_missing_from_standard_page_fails_the_build(tmp_path: Path):
    text = "<!-- rule-anchors: standard -->\n# 认定标准\n\n近三年产值均在 40 亿元以上。\n"
    done = build(tmp_path, {"index.md": EVERY_SECTION, "standard.md": text})
    assert done.returncode != 0
    assert "is not on the page" in done.stderr


def test_unknown_anchor_source_fails_the_build(tmp_path: Path):
    done = build(tmp_path, {"index.md": EVERY_SECTION, "standard.md": "<!-- rule-anchors: law -->\n# x\n"})
    assert done.returncode != 0
    assert "unknown marker argument 'law'" in done.stderr


@pytest.mark.parametrize(("marker", "message"), [
    ("<!-- rule-anchors: standard -->", "more than one rule-anchors marker"),
    ("<!-- rule-readings: standard.md -->", "more than one rule-readings marker"),
])
def test_a_second_rule_marker_on_a_page_fails_the_build(tmp_path: Path, marker: str, message: str):
    page = f"{marker}\n# 两次\n\n{marker}\n"
    done = build(tmp_path, {"index.md": EVERY_SECTION, "standard.md": "# 认定标准\n", "twice.md": page})
    assert done.returncode != 0
    assert message in done.stderr


def test_readings_need_a_real_standard_page(tmp_path: Path):
    done = build(tmp_path, {"index.md": EVERY_SECTION, "reading.md": "# 口径\n\n<!-- rule-readings: nosuch.md -->\n"})
    assert done.returncode != 0
    assert "'nosuch.md' is not a page of the site" in done.stderr


def test_rule_index_needs_a_known_section(tmp_path: Path):
    pages = {"index.md": EVERY_SECTION, "reading.md": "# 口径\n", "form.md": "# 表\n\n<!-- rules-for: nosuch -->\n"}
    done = build(tmp_path, pages)
    assert done.returncode != 0
    assert "rule_index: form.md: unknown section 'nosuch'" in done.stderr


def test_rule_index_needs_the_readings_page(tmp_path: Path):
    done = build(tmp_path, {"index.md": EVERY_SECTION + "\n\n<!-- rules-for: industry -->\n"})
    assert done.returncode != 0
    assert "has no reading.md" in done.stderr


def test_a_word_marker_says_the_packs_word_and_an_unknown_one_fails(tmp_path: Path):
    from checker.law.pack import load_pack

    words = load_pack().words
    page = "# 说法\n\n结果为<!-- word: status.warn -->；没有硬性指标时写<!-- word: no_hard -->。\n"
    done = build(tmp_path, {"index.md": EVERY_SECTION, "words.md": page})
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "words" / "index.html").read_text("utf-8")
    assert f"结果为{words.status['warn']}；没有硬性指标时写{words.no_hard}。" in html
    bad = build(tmp_path / "bad", {"index.md": EVERY_SECTION, "words.md": "<!-- word: status.nosuch -->\n"})
    assert bad.returncode != 0 and "no pack word 'status.nosuch'" in bad.stderr
