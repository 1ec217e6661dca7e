"""The site build of a test session, started in the background as soon as the session
knows that one of its tests needs it.

``mkdocs build --strict`` takes 15–50 s of CPU (the Pyodide runtime, the trimmed
standard library, the search index). Started when collection ends, it runs on the
second core while the tests that need no site run on the first; the ``site_build``
fixture (tests/conftest.py) waits for it. Tests that need the site run after the
others (tests/support/markers.py orders them), so no test waits for it early and the
build's Pyodide cache (.cache/) is written before any test stages the runtime itself.

When the session also makes the release, the built site's files are then compressed
in the background too (release/compress.py's cache, .cache/compressed/: brotli at
quality 11 is most of a release's CPU, some 90 s on a fresh clone), and the ``release``
fixture waits for that before it makes the release, which then only reads the cache.
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


# Fills release/compress.py's cache for every file of the built site (argv: root, site);
# run with the root as its working directory, which ``python -c`` puts on sys.path.
WARM_RELEASE_CACHE = """
import sys
from pathlib import Path
from release.compress import SIBLINGS, compressed, compressible
for path in compressible(Path(sys.argv[2])):
    data = path.read_bytes()
    for suffix in SIBLINGS:
        compressed(data, suffix, Path(sys.argv[1]) / ".cache" / "compressed")
"""


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
        self._warm: threading.Thread | None = None
        self._warm_process: subprocess.Popen | None = None

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

    def warm_release_cache(self) -> "Build":
        """Once the site is built, compress its files into the release's cache, in the background."""
        def warm() -> None:
            if self.wait().returncode == 0:
                self._warm_process = subprocess.Popen(
                    [sys.executable, "-c", WARM_RELEASE_CACHE, str(self.root), str(self.site_dir)],
                    cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        self._warm = threading.Thread(target=warm, name="release-cache", daemon=True)
        self._warm.start()
        return self

    def wait_release_cache(self) -> None:
        """Wait for the release's cache (a failed warm-up only leaves the work to the release)."""
        if self._warm is not None:
            self._warm.join()
            if self._warm_process is not None:
                self._warm_process.wait()

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
        """Stop what still runs (the cache's entries are written whole or not at all)."""
        _stop(self._process)
        if self._warm is not None:
            self._warm.join()  # the build has ended: the thread has started the warm-up or never will
        _stop(self._warm_process)
        shutil.rmtree(self.work, ignore_errors=True)


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
