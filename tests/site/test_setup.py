"""The newcomer's set-up: two commands, exact npm pins, CI that runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NPM_PINS = {"pyodide": "314.0.7", "axe-core": "4.14.1", "workbox-build": "7.4.1"}


def test_npm_pins_are_exact_and_locked():
    package = json.loads((REPO / "package.json").read_text("utf-8"))
    deps = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert deps == NPM_PINS
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))
    for name, version in NPM_PINS.items():
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")


def test_ci_runs_the_readme_test_command():
    script = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert script[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in script
    commands = [line for line in script[1:] if line.strip() and not line.startswith("#")]
    assert commands[-1] == "make test"
    assert (REPO / ".ci" / "run").stat().st_mode & 0o111


def test_readme_gives_the_two_commands():
    readme = (REPO / "README.md").read_text("utf-8")
    assert re.search(r"^make serve\b", readme, re.M) and re.search(r"^make test\b", readme, re.M)
    assert "## 基准测试" in readme


def dry_run(target: str) -> str:
    """What `make <target>` would run, without running it (also when pytest runs under make)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run(["make", "--no-print-directory", "-n", "-B", target], cwd=REPO,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_targets_are_wired():
    """`make -n` shows what each command would do, without doing it."""
    serve = dry_run("serve")
    assert "pip install" in serve and "npm ci" in serve and "mkdocs build --strict" in serve
    assert "--bind 127.0.0.1" in serve
    test = dry_run("test")
    assert "npm ci" in test and "apt-get install" in test and test.rstrip().endswith(".venv/bin/pytest -n auto")
    for package in ("chromium", "chromium-driver", "fonts-noto-cjk", "libreoffice-writer-nogui",
                    "libreoffice-calc-nogui", "poppler-utils", "nginx", "libnginx-mod-http-brotli-static"):
        assert package in test
    release = dry_run("release")
    assert "npm ci" in release and release.rstrip().endswith("-m release")


def test_make_test_fast_leaves_out_the_four_markers():
    fast = dry_run("test-fast")
    assert fast.rstrip().endswith('.venv/bin/pytest -n auto -m "not browser and not pyodide and not office and not slow"')
    assert "apt-get install -y --no-install-recommends" not in fast  # no Chromium, LibreOffice or nginx


def test_tests_are_marked_by_folder_and_fixture():
    from tests.support.markers import markers_of

    assert markers_of(("browser",), ["browser", "built_site", "site_build"]) == {"browser", "slow"}
    assert markers_of(("pyodide",), []) == {"pyodide"}
    assert markers_of(("intake", "docx"), ["resaved", "office"]) == {"office"}
    assert markers_of(("forms",), ["pdf_texts", "office"]) == {"office"}
    assert markers_of(("batch",), ["in_pyodide", "pyodide_runs"]) == {"pyodide"}
    assert markers_of(("release",), ["release", "built_site", "site_build"]) == {"slow"}
    assert markers_of(("judge",), ["tmp_path"]) == set()
