"""Sweeps over every page of the nav with a few pages loading at once, and what they look for.

A page's visit is mostly waiting (its load, 500 ms of network quiet, the settle time
for late errors); Chromium loads the next pages meanwhile, each in its own context,
so what one page does is never seen by another. The sync Playwright API waits for
one page at a time, but the browser runs them all: ``start`` only begins a visit
(``goto`` up to ``commit``), ``finish`` waits for it and reads it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from playwright.sync_api import Request

Item = TypeVar("Item")
Started = TypeVar("Started")
Result = TypeVar("Result")

# Pages loading at once. On an idle machine their waits overlap; under make test's two
# workers the CPU is the limit (the same wall time at 1 and at 3, measured side by side).
WIDTH = 3


def sweep(items: Iterable[Item], *, start: Callable[[Item], Started], finish: Callable[[Started], Result],
          close: Callable[[Started], None], width: int = WIDTH) -> Iterator[tuple[Item, Result]]:
    """(item, finish(start(item))) for every item, in order, with up to ``width`` visits
    under way. The caller closes each visit it is given; ``close`` closes those not yet
    given when the caller stops early (a failed assertion)."""
    window: deque[tuple[Item, Started]] = deque()
    try:
        for item in items:
            window.append((item, start(item)))
            if len(window) >= width:
                first, started = window.popleft()
                yield first, finish(started)
        while window:
            first, started = window.popleft()
            yield first, finish(started)
    finally:
        for _, started in window:
            close(started)


def broken(requests: Iterable[Request]) -> list[str]:
    """The requests that failed or were answered with an HTTP error."""
    out = []
    for request in requests:
        response = request.response()
        if request.failure is not None:
            out.append(f"{request.url}: {request.failure}")
        elif response is not None and response.status >= 400:
            out.append(f"{request.url}: HTTP {response.status}")
    return out
