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

Both are done once per run, not once per pytest-xdist worker: the first process to start
them claims them (tests/support/shared.py) and builds into the run's folder; the other
workers read the built site there and wait for the owner's results.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.shared import Claim


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
    """One ``mkdocs build --strict`` of ``root`` per run, into the run's folder ``folder``."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self.site_dir = folder / "site"
        self._log = folder / "build.log"
        self._claim: Claim | None = None
        self._process: subprocess.Popen | None = None
        self._threads: list[threading.Thread] = []
        self._warm: Claim | None = None
        self._warm_process: subprocess.Popen | None = None
        self._result: SiteBuild | None = None
        self._lock = threading.Lock()  # the Pyodide runs wait for the build from their thread
        self._stopping = False

    def start(self) -> "Build":
        """Claim the build and, as its owner, start it (and a thread that publishes its end)."""
        with self._lock:
            if self._claim is None:
                self._claim = Claim(self.folder, "build")
                if self._claim.owner:
                    self._start()
        return self

    def _start(self) -> None:
        from release.build import epoch_of

        # The release's time, as `make release` sets it: the build is then byte-identical.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch_of(self.root))}
        started = time.perf_counter()
        with open(self._log, "wb") as log:  # a file, not a pipe: nobody reads it until the end
            self._process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site_dir)],
                cwd=self.root, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)

        def publish(claim: Claim, process: subprocess.Popen) -> None:
            try:
                claim.publish("result", {"returncode": process.wait(), "seconds": time.perf_counter() - started})
            finally:
                claim.finish()
        self._spawn("site-build", publish, self._claim, self._process)

    def warm_release_cache(self) -> "Build":
        """Once the site is built, compress its files into the release's cache, in the background."""
        self._warm = Claim(self.folder, "release-cache")
        if not self._warm.owner:
            return self

        def warm(claim: Claim) -> None:
            try:
                returncode = None
                if self.wait().returncode == 0:
                    with self._lock:
                        if not self._stopping:
                            self._warm_process = subprocess.Popen(
                                [sys.executable, "-c", WARM_RELEASE_CACHE, str(self.root), str(self.site_dir)],
                                cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL)
                    if self._warm_process is not None:
                        returncode = self._warm_process.wait()
                claim.publish("result", {"returncode": returncode})
            finally:
                claim.finish()
        self._spawn("release-cache", warm, self._warm)
        return self

    def wait_release_cache(self) -> None:
        """Wait for the release's cache (a failed warm-up only leaves the work to the release)."""
        if self._warm is not None:
            try:
                self._warm.read("result")
            except AssertionError:
                pass

    def wait(self) -> SiteBuild:
        if self._result is None:
            self.start()
            assert self._claim is not None
            done = self._claim.read("result")
            self._result = SiteBuild(self.site_dir, done["returncode"], self._log.read_text("utf-8", "replace"),
                                     done["seconds"])
        return self._result

    def close(self, wait: bool) -> None:
        """End the owned work: ``wait`` for it when other workers of the run may still
        need it, else stop it (the cache's entries are written whole or not at all)."""
        if not wait:
            with self._lock:  # no process starts after this
                self._stopping = True
                _stop(self._process)
                _stop(self._warm_process)
        for thread in self._threads:
            thread.join()

    def _spawn(self, name: str, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
