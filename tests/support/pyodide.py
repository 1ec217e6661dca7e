"""The corpus under Pyodide in Node (tests/pyodide/corpus.py's harnesses), run once per
session on one staged runtime, in a background thread started when collection ends.

Each harness loads Pyodide and answers its whole request in one Node process (the
checker's: every case, file and clipboard input; the 批量初审's: screening and
exports). They take tens of seconds of CPU in Node, on the second core while the
tests that need neither run on the first. The thread waits for the session's site
build first when there is one: the build writes the runtime's cache (.cache/), which
staging then only reads. ``result(name)`` waits for the runs and fails the asking test
with Node's error output.

The runs are done once per run, not once per pytest-xdist worker: the first process to
start them claims them (tests/support/shared.py) and publishes each harness's output in
the run's folder as soon as it has it; every process reads it there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from tests.support.shared import Claim

ROOT = Path(__file__).resolve().parents[2]
# corpus.harness_requests(), in the order they run: the 批量初审's tests come first
# (tests/batch sorts before tests/pyodide), so its run does too.
HARNESSES = ("batch", "checker")


class PyodideRuns:
    def __init__(self, folder: Path, before: Callable[[], object] | None = None) -> None:
        self.before = before
        self.work = folder / "pyodide"
        self._claim: Claim | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> "PyodideRuns":
        with self._lock:
            if self._claim is None:
                self._claim = Claim(self.work.parent, "pyodide")
                if self._claim.owner:
                    self._thread = threading.Thread(target=self._run, name="pyodide-runs", daemon=True)
                    self._thread.start()
        return self

    def result(self, name: str) -> dict:
        self.start()  # asked for by a test pytest_collection_finish did not see
        assert self._claim is not None
        if name not in HARNESSES:
            raise AssertionError(f"no run named {name}")
        try:
            done = self._claim.read(name)
        except AssertionError:  # the runs ended before this one: why (fails too if they left no reason)
            done = self._claim.read("*")
        if "output" not in done:
            raise AssertionError(done["error"])
        return done["output"]

    def _run(self) -> None:
        assert self._claim is not None
        try:
            if self.before is not None:
                self.before()
            import pyodide_runtime as hook  # site_hooks/ (pyproject's pythonpath), as MkDocs loads it
            from tests.pyodide import corpus  # the inputs, shared with the stdlib trim

            node = shutil.which("node")
            assert node, "Node.js is needed to run Pyodide outside a browser"
            runtime = self.work / "runtime"
            hook.stage_runtime(ROOT, runtime, self.work / "stage")
            requests = corpus.harness_requests()
            assert sorted(requests) == sorted(HARNESSES), tuple(requests)
            for name in HARNESSES:
                harness, request = requests[name]
                done = subprocess.run([node, str(harness), str(runtime), str(runtime)],  # the shipped core too
                                      input=json.dumps(request), capture_output=True, text=True, timeout=540)
                if done.returncode == 0:
                    self._claim.publish(name, {"output": json.loads(done.stdout)})
                else:
                    self._claim.publish(name, {"error": done.stderr[-4000:]})
        except BaseException as error:  # reported to the tests that ask, not lost in the thread
            import traceback

            self._claim.publish("*", {"error": "".join(traceback.format_exception(error))[-4000:]})
        finally:
            self._claim.finish()

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=600)
