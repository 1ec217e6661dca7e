"""MkDocs hook: the 部署说明 page's files and the configuration it prints.

One job: the deployment files (every file of ``deploy/``: the nginx configuration
and ``serve-nginx.sh``) become site files under ``assets/deploy/``, so every copy of
the site carries them, and ``<!-- deploy: nginx-conf -->`` on the page is replaced
by the configuration itself (``templates/deploy_file.html``), read from the file
at build time, so the page always shows what the release ships. Any other
``deploy:`` marker fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_templates import render

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"  # every file in it
SITE_FOLDER = "assets/deploy"
MARKER = re.compile(r"<!--\s*deploy\s*:(.*?)-->", re.S)
PRINTED = {"nginx-conf": "cluster-guide.conf"}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for source in sorted(DEPLOY.iterdir()):
        files.append(File.generated(config, f"{SITE_FOLDER}/{source.name}", abs_src_path=str(source)))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in PRINTED:
            raise PluginError(f"deploy_page: unknown marker <!-- deploy: {name} --> in {page.file.src_uri}")
        text = (DEPLOY / PRINTED[name]).read_text(encoding="utf-8")
        return render("deploy_file.html", name=PRINTED[name], text=text, keep_blank_lines=True)

    return MARKER.sub(replace, markdown)
