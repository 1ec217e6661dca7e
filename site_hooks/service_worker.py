"""MkDocs hook: the service worker that keeps the whole site for offline use.

One job: after the build, write ``sw.js`` at the site's root with Workbox
(``site_hooks/service_worker.mjs``, workbox-build from npm): a precache of every
file of the site, Pyodide included, each with its revision, so that after one
visit the site works with no network (``assets/javascripts/offline.js`` registers
it and offers 重新加载 when a new release is there).

Files the pages load at versioned URLs (``?v=`` of the build or of Pyodide) are kept
under those very URLs: the ones the page scripts name in the HTML, found in the
built pages, and the ones the workers ask for (``runtime_start.runtime_urls``).
Left out: the .br/.gz siblings of a release (the browser asks for the file itself),
source maps and the sitemap, which no visitor needs offline.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

import runtime_start

SCRIPT = Path(__file__).with_name("service_worker.mjs")
ROOT = Path(__file__).resolve().parent.parent
SW = "sw.js"
# Run by sw.js before Workbox: the wasm binary through the HTTP cache (see the file).
IMPORTS = ["sw_pass_through.js"]
IGNORE = ["**/*.br", "**/*.gz", "**/*.map", "sitemap.xml", SW]
# Names that carry their content's hash: Material's assets, our wheels' folders.
IMMUTABLE = r"(\.[0-9a-f]{8}\.min\.(js|css)$)|(^assets/pyodide/wheels/[0-9a-f]{16}/)"
VERSIONED_ATTRIBUTE = re.compile(r'\s(?:src|href|data-[\w-]+)="([^"?#:]+\?v=[^"#]+)"')

_state: dict[str, dict[str, str]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if shutil.which("node") is None:
        raise PluginError("service_worker: Node.js is needed to write the service worker (apt-get install nodejs)")
    if not (ROOT / "node_modules" / "workbox-build" / "package.json").is_file():
        raise PluginError("service_worker: node_modules/workbox-build is missing: run `npm ci` (make serve does it)")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _state["runtime"] = runtime_start.runtime_urls(files)
    return files


def versioned_in_pages(site: Path) -> dict[str, str]:
    """Site path -> versioned URL, for every ?v= URL in an attribute of a built page."""
    found: dict[str, str] = {}
    for page in site.rglob("*.html"):
        here = posixpath.dirname(page.relative_to(site).as_posix())
        for url in VERSIONED_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            path, _, query = url.partition("?")
            target = posixpath.normpath(posixpath.join(here, path))
            if (site / target).is_file():
                found[target] = f"{target}?{query}"
    return found


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    versioned = {**versioned_in_pages(site), **_state["runtime"]}
    job = {"site": str(site), "swDest": str(site / SW), "versioned": versioned, "immutable": IMMUTABLE,
           "ignore": IGNORE, "importScripts": IMPORTS}
    done = subprocess.run(["node", str(SCRIPT)], input=json.dumps(job), capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    if done.returncode != 0:
        raise PluginError(f"service_worker: workbox-build failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout)
    if result["warnings"]:
        raise PluginError(f"service_worker: workbox-build warns: {result['warnings']}")
