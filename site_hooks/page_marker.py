"""A marker that a page may carry once (a helper module, not a hook).

Hooks that write a whole page section from data (rule_anchors, rule_readings) take
one ``<!-- name: argument -->`` per page: a second one fails the build, since it
would print the section twice.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError


def single_marker(marker: re.Pattern[str], markdown: str, *, hook: str, name: str, where: str) -> str | None:
    """The stripped argument of the page's one ``marker``; None when the page has none."""
    markers = marker.findall(markdown)
    if not markers:
        return None
    if len(markers) > 1:
        raise PluginError(f"{hook}: {where}: more than one {name} marker")
    return markers[0].strip()
