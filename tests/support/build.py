"""The site build of a test session, started in the background as soon as the session
knows that one of its tests needs it.

``mkdocs build --strict`` takes 15–50 s of CPU (the Pyodide runtime, the trimmed
standard library, the search index). Started when collection ends, it runs on the
second core while the tests that need no site run on the first; the ``site_build``
fixture (tests/conftest.py) waits for it. Tests that need the site run after the
others (tests/support/markers.py orders them), so no test waits for it early and the
build's Pyodide cache (.cache/) is written before any test stages the runtime itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteBuild:
    site_dir: Path
    returncode: int
    log: str
    seconds: float


class Build:
    """One ``mkdocs build --strict`` of ``root`` into a fresh temporary directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.work = Path(tempfile.mkdtemp(prefix="pytest-site-"))
        self.site_dir = self.work / "site"
        self._log = self.work / "build.log"
        self._process: subprocess.Popen | None = None
        self._started = 0.0
        self._result: SiteBuild | None = None
        self._lock = threading.Lock()  # the Pyodide runs wait for the build from their thread

    def start(self) -> "Build":
        from release.build import epoch_of

        # The release's time, as `make release` sets it: the build is then byte-identical.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch_of(self.root))}
        self._started = time.perf_counter()
        with open(self._log, "wb") as log:  # a file, not a pipe: nobody reads it until the end
            self._process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site_dir)],
                cwd=self.root, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        return self

    def wait(self) -> SiteBuild:
        with self._lock:
            if self._result is None:
                if self._process is None:
                    self.start()
                returncode = self._process.wait()
                self._result = SiteBuild(self.site_dir, returncode, self._log.read_text("utf-8", "replace"),
                                         time.perf_counter() - self._started)
            return self._result

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self.work, ignore_errors=True)
