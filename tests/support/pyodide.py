"""The corpus under Pyodide in Node (tests/pyodide/corpus.py's harnesses), run once per
session on one staged runtime, in a background thread started when collection ends.

Each harness loads Pyodide and answers its whole request in one Node process (the
checker's: every case, file and clipboard input; the 批量初审's: screening and
exports). They take tens of seconds of CPU in Node, on the second core while the
tests that need neither run on the first. The thread waits for the session's site
build first when there is one: the build writes the runtime's cache (.cache/), which
staging then only reads. ``result(name)`` waits for the runs and fails the asking test
with Node's error output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# corpus.harness_requests(), in the order they run: the 批量初审's tests come first
# (tests/batch sorts before tests/pyodide), so its run does too.
HARNESSES = ("batch", "checker")


class PyodideRuns:
    def __init__(self, before: Callable[[], object] | None = None) -> None:
        self.before = before
        self.work = Path(tempfile.mkdtemp(prefix="pytest-pyodide-"))
        self._outputs: dict[str, dict] = {}
        self._errors: dict[str, str] = {}
        self._done = {name: threading.Event() for name in HARNESSES}
        self._thread = threading.Thread(target=self._run, name="pyodide-runs", daemon=True)

    def start(self) -> "PyodideRuns":
        self._thread.start()
        return self

    def result(self, name: str) -> dict:
        if self._thread.ident is None:  # asked for by a test pytest_collection_finish did not see
            self.start()
        self._done[name].wait()
        if name not in self._outputs:
            raise AssertionError(self._errors.get(name) or self._errors.get("*") or f"no run named {name}")
        return self._outputs[name]

    def _run(self) -> None:
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
                    self._outputs[name] = json.loads(done.stdout)
                else:
                    self._errors[name] = done.stderr[-4000:]
                self._done[name].set()
        except BaseException as error:  # reported to the tests that ask, not lost in the thread
            import traceback

            self._errors["*"] = "".join(traceback.format_exception(error))[-4000:]
        finally:
            for event in self._done.values():
                event.set()

    def close(self) -> None:
        if self._thread.ident is not None:
            self._thread.join(timeout=600)
        shutil.rmtree(self.work, ignore_errors=True)
