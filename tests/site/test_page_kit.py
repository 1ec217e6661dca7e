"""The pages' shared kit in the built site: both application pages name the one worker
client (``assets/javascripts/worker_client.js``) at the build's ``?v=``, the service
worker keeps it offline under that URL, and the deadline the pages' text gives is the
client's ``DEADLINE_MS`` (written once in code; the pages say it in words).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "docs" / "assets" / "javascripts" / "worker_client.js"
PAGES = {"checker": "data-checker-state", "batch": "data-batch-state"}


def deadline_seconds() -> int:
    found = re.search(r"export const DEADLINE_MS = ([\d_]+);", CLIENT.read_text(encoding="utf-8"))
    assert found, "worker_client.js: DEADLINE_MS not found"
    ms = int(found.group(1).replace("_", ""))
    assert ms % 1000 == 0
    return ms // 1000


@pytest.mark.parametrize("page", sorted(PAGES))
def test_both_pages_name_the_one_client_at_the_builds_version(built_site: Path, page: str) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    root = re.search(rf"<div [^>]*{PAGES[page]}[^>]*>", html).group(0)
    kit = re.search(r'data-kit-url="([^"]+)"', root).group(1)
    version = re.search(r'data-(?:checker|batch)-version="([^"]+)"', root).group(1)
    assert kit == f"../assets/javascripts/worker_client.js?v={version}"
    assert (built_site / "assets" / "javascripts" / "worker_client.js").is_file()
    assert f"assets/javascripts/worker_client.js?v={version}" in (built_site / "sw.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_pages_give_the_clients_deadline(page: str) -> None:
    text = (ROOT / "docs" / page / "index.md").read_text(encoding="utf-8")
    said = set(re.findall(r"超过 (\d+) 秒仍未完成", text))
    assert said == {str(deadline_seconds())}, said


def test_no_page_script_keeps_a_worker_client_of_its_own() -> None:
    """One client: the page scripts neither start nor talk to a worker themselves."""
    for script in (ROOT / "docs" / "checker" / "checker.js", ROOT / "docs" / "batch" / "batch.js"):
        code = script.read_text(encoding="utf-8")
        for own in (".postMessage(", ".terminate(", "pyodide_runtime.spawn", "pyodide_runtime.adopt", "onmessage"):
            assert own not in code, f"{script.name}: {own}"


def test_an_unknown_app_marker_fails_the_build() -> None:
    import app_pages  # site_hooks/ is on pytest's pythonpath (pyproject.toml)
    from mkdocs.exceptions import PluginError

    class FakeFile:
        src_uri = "x.md"

    class FakePage:
        file = FakeFile()

    with pytest.raises(PluginError, match="unknown marker"):
        app_pages.on_page_content("<!-- app:nonsense -->", page=FakePage(), config=None, files=None)  # type: ignore[arg-type]


KIT = ("worker_client.js", "dom.js", "report_view.js", "stages.js")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_both_pages_load_the_one_kit_and_style_sheet_at_the_builds_version(built_site: Path, page: str) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    version = re.search(r'data-(?:checker|batch)-version="([^"]+)"', html).group(1)
    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    for module in KIT:
        assert f'="../assets/javascripts/{module}?v={version}"' in html, module
        assert f"assets/javascripts/{module}?v={version}" in sw, module  # kept offline at that URL
    head, body = html.split("</head>", 1)
    own = f"{page}.css"
    # In <head>, after Material's (the cascade), and none in the body: Chromium requests a
    # body style sheet late and paints nothing below it until it arrives (the text area).
    assert f'<link rel="stylesheet" href="../assets/stylesheets/report.css?v={version}"><link rel="stylesheet" href="{own}?v={version}">' in head
    assert head.index("report.css") > head.index("assets/stylesheets/site.css")
    assert 'rel="stylesheet"' not in body
    assert "data-app-meta" in html  # the pack's words, in the page


def test_the_page_scripts_keep_no_words_or_renderer_of_their_own() -> None:
    """Words for statuses, verdicts and comparisons are the pack's; the renderer is the kit's."""
    from checker.law.pack import load_pack

    words = load_pack().words
    for script in (ROOT / "docs" / "checker" / "checker.js", ROOT / "docs" / "batch" / "batch.js"):
        code = script.read_text(encoding="utf-8")
        for own in ("function el(", "STATUS_WORDS", "VERDICT_WORDS", "COMPARISON_WORDS", "function render_checks"):
            assert own not in code, f"{script.name}: {own}"
        for word in {*words.status.values(), *words.verdict.values()} - {""}:
            assert f'"{word}"' not in code, f"{script.name}: {word}"
