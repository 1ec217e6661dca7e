"""The markers ``browser``, ``pyodide``, ``office`` and ``slow``, put on every test by
what it needs, so a new test gets them without writing them (``make test-fast``
leaves the four out; ``make test`` runs everything).

A test is marked by its folder (``tests/browser/``, ``tests/pyodide/``) and by the
fixtures it uses, however indirectly (``item.fixturenames`` is the whole closure): the
Chromium session, a Pyodide run under Node, a LibreOffice conversion, the site build
or the release. ``slow`` is the site build (one ``mkdocs build``, 15–50 s of CPU) and
what sits on it, plus the tests that say so themselves (``@pytest.mark.slow``).
The markers are registered in pyproject.toml (``--strict-markers``: a misspelt one fails).
``order`` then runs the test files that need none of these first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BY_FOLDER = {"browser": "browser", "pyodide": "pyodide"}
BY_FIXTURE = {
    "browser": "browser",
    "pyodide_runs": "pyodide",
    "office": "office",
    "site_build": "slow", "release": "slow",
}


def markers_of(folders: tuple[str, ...], fixtures: list[str]) -> set[str]:
    found = {BY_FOLDER[f] for f in folders if f in BY_FOLDER}
    return found | {BY_FIXTURE[f] for f in fixtures if f in BY_FIXTURE}


def apply(items: list[pytest.Item], tests_root: Path) -> None:
    for item in items:
        folders = item.path.relative_to(tests_root).parts[:-1]
        for name in sorted(markers_of(folders, getattr(item, "fixturenames", []))):
            item.add_marker(getattr(pytest.mark, name))


# The order of test files: what needs no helper process first, the site's users last,
# so the background site build (tests/support/build.py) is done before they start;
# the release's users after all others: its cache is compressed after the build, in the
# background (brotli, the longest of that work), and they wait for it.
RANK = {"office": 1, "slow": 2, "pyodide": 3, "browser": 4}
LAST = max(RANK.values()) + 1
LAST_FIXTURES = ("release",)


def order(items: list[pytest.Item]) -> None:
    """Sort ``items`` in place by their file's rank (its heaviest marker), keeping the
    order within a rank and every file whole (module fixtures are set up once)."""
    rank: dict[Path, int] = {}
    for item in items:
        mine = max((RANK.get(m.name, 0) for m in item.iter_markers()), default=0)
        if any(name in LAST_FIXTURES for name in getattr(item, "fixturenames", ())):
            mine = LAST
        rank[item.path] = max(rank.get(item.path, 0), mine)
    items.sort(key=lambda item: rank[item.path])
