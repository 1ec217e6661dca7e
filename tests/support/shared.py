"""Work a test run does once, however many processes run its tests.

``make test`` runs the suite in one pytest-xdist worker per core: each worker is a test
session of its own, so the background work (the site build and the release's cache,
tests/support/build.py; the Pyodide runs, tests/support/pyodide.py) and the release
would otherwise be done once per worker, eating the core the workers are there to use.
Each piece of that work is *claimed* instead: the first process to ask does it, in the
run's folder, which every process of the run shares, and publishes its results there;
the others read them. A run in one process (``-p no:xdist``) takes the same path and
claims everything.

A claim is an exclusive ``flock`` on ``<name>.lock``, held by its owner while the work
runs, with a ``<name>.claimed`` mark so that nobody claims it again once it is let go.
A result is ``<name>.<key>.json``, written whole (renamed into place). A reader waits
until the result is there or the owner has let go without it (finished without that
result, or died: the lock goes with the process), and then fails with a reason.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

# The key of the run's folder in the workers' ``workerinput`` (tests/conftest.py's
# pytest_configure_node hands it to them).
RUN_DIR = "cluster_run_dir"
POLL = 0.1  # seconds between two looks for a result: a reader waits for minutes, at no cost


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def run_dir(config: pytest.Config) -> Path:
    """The folder every process of this run shares: made by the controller (or the lone
    process) in ``open_run``, handed to the workers in their ``workerinput``."""
    if is_worker(config):
        return Path(config.workerinput[RUN_DIR])
    return config.stash[_RUN]


def open_run(config: pytest.Config) -> None:
    """Make the run's folder (controller or lone process, at configure time)."""
    if not is_worker(config):
        config.stash[_RUN] = Path(tempfile.mkdtemp(prefix="pytest-run-"))


def close_run(config: pytest.Config) -> None:
    """Remove the run's folder once every worker has ended (the controller unconfigures last)."""
    if not is_worker(config) and _RUN in config.stash:
        shutil.rmtree(config.stash[_RUN], ignore_errors=True)


_RUN = pytest.StashKey[Path]()


class Claim:
    """The right to do the work called ``name`` for the whole run, taken on creation
    by the first process to create it (``.owner``); every process can read its results."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self._fd: int | None = os.open(folder / f"{name}.lock", os.O_CREAT | os.O_RDWR, 0o644)
        self.owner = False
        if self._try_lock(self._fd):
            mark = folder / f"{name}.claimed"
            if not mark.exists():
                mark.touch()
                self.owner = True
        if not self.owner:  # the owner's lock is all a reader needs to look at
            os.close(self._fd)
            self._fd = None

    def publish(self, key: str, value: object) -> None:
        assert self.owner, f"{self.name}: only the owner publishes"
        path = self._path(key)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, delete=False) as out:
            json.dump(value, out)
        os.replace(out.name, path)

    def finish(self) -> None:
        """Let go (the owner, when its work is done or abandoned: readers then stop waiting)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None

    def read(self, key: str) -> object:
        """The result ``key``, once the owner has published it."""
        path = self._path(key)
        while not path.exists():
            if not self._owner_holds():
                if path.exists():  # published just before letting go
                    break
                raise AssertionError(f"{self.name}: its owner ended without a result {key!r}")
            time.sleep(POLL)
        return json.loads(path.read_text("utf-8"))

    def _path(self, key: str) -> Path:
        return self.folder / f"{self.name}.{key}.json"

    def _owner_holds(self) -> bool:
        if self._fd is not None:  # this process is the owner and has not let go
            return True
        probe = os.open(self.folder / f"{self.name}.lock", os.O_RDWR)
        try:  # a second descriptor of the same file conflicts with the owner's, in-process too
            return not self._try_lock(probe)
        finally:
            os.close(probe)

    @staticmethod
    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


def once(folder: Path, name: str, make: Callable[[], object]) -> object:
    """``make()``'s result (JSON), made by the first process of the run to ask; the
    others wait for it. The owner's error is its own; the others fail on its absence."""
    claim = Claim(folder, name)
    if claim.owner:
        try:
            claim.publish("result", make())
        finally:
            claim.finish()
    return claim.read("result")
