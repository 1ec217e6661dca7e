"""Jinja environment shared by the site's hooks (a helper module, not a hook).

Hooks render HTML from ``site_hooks/templates/*.html`` only: autoescaped, and
strict, so a misspelt variable fails the build instead of printing nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).with_name("templates")


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, *, keep_blank_lines: bool = False, **context: object) -> str:
    """Render one template for insertion into a page's Markdown.

    Blank lines are dropped unless asked for: Markdown ends a raw HTML block at the
    first one. Templates that mix Markdown headings and HTML blocks keep them.
    """
    text = environment().get_template(template).render(**context)
    if keep_blank_lines:
        return text
    return "\n".join(line for line in text.splitlines() if line.strip())
