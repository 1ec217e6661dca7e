"""MkDocs hook: the site's Content-Security-Policy on every page, and nothing inline.

One job: every HTML file the build writes (the nav pages and 404.html) carries the
policy as ``<meta http-equiv="Content-Security-Policy">`` right after its charset,
so it holds on any server, and the build fails if a page has anything the policy
would block: an inline script, an ``on…=`` handler, a ``javascript:`` URL, a
``style`` attribute or element.

The policy is written once, in the nginx configuration (``deploy/cluster-guide.conf``,
its ``add_header Content-Security-Policy``), and read from there. The ``<meta>`` copy
leaves out ``frame-ancestors``, which browsers ignore (with a console error) in a
``<meta>``; the header carries it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

NGINX_CONF = Path(__file__).resolve().parent.parent / "deploy" / "cluster-guide.conf"
HEADER = re.compile(r'^\s*add_header\s+Content-Security-Policy\s+"([^"]+)"\s+always;\s*$', re.M)
META_ONLY_IN_HEADERS = ("frame-ancestors", "report-uri", "sandbox")
CHARSET = '<meta charset="utf-8">'
# Scripts that are data, never run: Material's __config, the checker's labels.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def header_policy(conf: Path = NGINX_CONF) -> str:
    try:
        found = HEADER.findall(conf.read_text(encoding="utf-8"))
    except OSError as error:
        raise PluginError(f"csp: cannot read {conf}: {error}") from error
    if len(found) != 1:
        raise PluginError(f"csp: {conf} must have exactly one `add_header Content-Security-Policy \"…\" always;` line")
    return found[0]


def meta_policy(policy: str) -> str:
    """The policy as a <meta> may carry it."""
    kept = [part.strip() for part in policy.split(";") if part.strip()]
    return "; ".join(part for part in kept if part.split()[0] not in META_ONLY_IN_HEADERS)


class _Inline(HTMLParser):
    """Collects what the policy would block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None  # the open inline script's description

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> (an inline event handler)")
            elif name == "style":
                self.problems.append(f"<{tag} style=…> (an inline style)")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=\"javascript:…\">")
        if tag == "style":
            self.problems.append("<style> (an inline style sheet)")
        if tag == "script" and "src" not in named and (named.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            self._script = f"<script{' type=' + named['type'] if named.get('type') else ''}>"

    def handle_data(self, data: str) -> None:
        if self._script is not None and data.strip():
            self.problems.append(f"{self._script} {data.strip()[:80]}… (an inline script)")
            self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def inline_problems(output: str) -> list[str]:
    parser = _Inline()
    parser.feed(output)
    parser.close()
    return parser.problems


def with_policy(output: str, where: str) -> str:
    if output.count(CHARSET) != 1:
        raise PluginError(f"csp: {where} has no single {CHARSET} to put the policy after")
    problems = inline_problems(output)
    if problems:
        raise PluginError(f"csp: {where} has what the Content-Security-Policy blocks: " + "; ".join(problems[:5]))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(meta_policy(header_policy()))}">'
    return output.replace(CHARSET, CHARSET + "\n    " + meta, 1)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    header_policy()  # fail early and clearly
    if "pymdownx.tabbed" in config.markdown_extensions:
        raise PluginError("csp: content tabs (pymdownx.tabbed) need Material's inline script, which "
                          "overrides/partials/javascripts/content.html leaves out; move it to a file first")
    return config


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return with_policy(output_content, template_name)
    return output_content
