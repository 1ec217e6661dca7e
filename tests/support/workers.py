"""How ``make test`` shares the tests among its pytest-xdist workers (``-n auto``).

Whole test files, in the order of tests/support/markers.py (what needs no helper
process first, the site's users last): a file's module fixtures (a booted page, a
shifted rule pack, converted documents) are then set up once, in one worker, and the
site build has run in the background before any worker reaches a test that needs it.
That is xdist's ``loadfile`` without its reordering by file size, which would put the
browser files first and make both workers wait for the build.

Only for the distribution ``-n`` implies (``load``); another ``--dist`` given on the
command line is xdist's own.
"""

from __future__ import annotations

import pytest


def make_scheduler(config: pytest.Config, log):  # noqa: ANN201 - an xdist scheduler
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadFileScheduling

    config.option.loadscopereorder = False
    return LoadFileScheduling(config, log)
