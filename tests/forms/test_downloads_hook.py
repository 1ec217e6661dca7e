"""The 模板下载 page: files built into the site, listed with format, size and purpose."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from checker.law.pack import load_catalogue
from forms.build import TEMPLATES
from tests.forms.conftest import ROOT

ROW = re.compile(r'<tr>\s*<td><a href="([^"]+)" download="([^"]+)">[^<]*</a></td>\s*'
                 r"<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*</tr>")


def _size_text(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{(n * 10 + 512) // 1024 // 10}.{(n * 10 + 512) // 1024 % 10} KB"


def test_page_lists_every_template(built_site, built):
    page = (built_site / "downloads" / "index.html").read_text("utf-8")
    rows = ROW.findall(page)
    assert [r[0] for r in rows] == [t.filename for t in TEMPLATES]
    for (href, title, fmt, size, purpose), t in zip(rows, TEMPLATES):
        data = (built_site / "downloads" / href).read_bytes()
        assert data == built[t.filename].read_bytes(), href  # same tree, same bytes
        assert html.unescape(title) == t.named(load_catalogue()) and html.unescape(fmt) == t.format
        assert size == _size_text(len(data))
        assert html.unescape(purpose) == t.purpose
    assert "<!-- downloads" not in page


def test_served_files_download(site_server, built):
    for t in TEMPLATES:
        with urllib.request.urlopen(site_server.url(f"downloads/{t.filename}")) as resp:
            assert resp.status == 200
            assert resp.read() == built[t.filename].read_bytes()


def _project(tmp_path: Path, page: str, other: str = "# 首页\n") -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    (docs / "downloads").mkdir(parents=True)
    (docs / "downloads" / "index.md").write_text(page, "utf-8")
    (docs / "index.md").write_text(other, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nstrict: true\ntheme: {name: mkdocs}\n"
        f"hooks:\n  - {ROOT / 'site_hooks' / 'downloads.py'}\n"
        "nav:\n  - index.md\n  - downloads/index.md\n", "utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_minimal_site_gets_the_files(tmp_path):
    proc = _project(tmp_path, "# 模板下载\n\n<!-- downloads: table -->\n")
    assert proc.returncode == 0, proc.stderr
    for t in TEMPLATES:
        assert (tmp_path / "site" / "downloads" / t.filename).stat().st_size > 500


@pytest.mark.parametrize("page,other,why", [
    ("# 模板下载\n\n<!-- downloads: tabel -->\n", "# 首页\n", "unknown marker"),
    ("# 模板下载\n\n没有标记。\n", "# 首页\n", "lacks the marker"),
    ("# 模板下载\n\n<!-- downloads: table -->\n", "<!-- downloads: table -->\n", "unknown marker"),
])
def test_bad_markers_fail_the_build(tmp_path, page, other, why):
    proc = _project(tmp_path, page, other)
    assert proc.returncode != 0
    assert why in proc.stdout + proc.stderr
