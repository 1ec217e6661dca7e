"""The 批量初审's load in CPython: 100 applications, each screened, none lost.

How long it takes is bench/'s: ``python -m bench.batch_bench`` (CPython, and with
``--site`` the page in Chromium).
"""

from __future__ import annotations

from checker.batch.screen import screen
from tests.batch.batch_apps import hundred_items


def test_hundred_applications_are_all_screened():
    items = hundred_items()
    result = screen(items)
    assert len(result["rows"]) == len(items) and result["unreadable"] == []
    assert len({r["name"] for r in result["rows"]}) == len(items)
