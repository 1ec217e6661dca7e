"""tests/support/shared.py: work done once per run, whatever the number of pytest-xdist workers."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.shared import Claim, once

ROOT = Path(__file__).resolve().parents[1]
# A process that claims "work" in argv[1], then publishes after argv[2] seconds, or dies
# without publishing when argv[2] is "die".
OWNER = """
import os, sys, time
from pathlib import Path
from tests.support.shared import Claim
claim = Claim(Path(sys.argv[1]), "work")
assert claim.owner
if sys.argv[2] == "die":
    os._exit(1)
time.sleep(float(sys.argv[2]))
claim.publish("value", {"by": "the other process"})
claim.finish()
"""


def test_the_first_claim_owns_the_work_and_everyone_reads_its_results(tmp_path: Path) -> None:
    first, second = Claim(tmp_path, "work"), Claim(tmp_path, "work")
    assert first.owner and not second.owner
    first.publish("value", [1, 2])
    assert second.read("value") == first.read("value") == [1, 2]
    first.finish()
    assert not Claim(tmp_path, "work").owner  # done work is not claimed again
    assert Claim(tmp_path, "work").read("value") == [1, 2]


def test_a_reader_fails_when_the_owner_lets_go_without_the_result(tmp_path: Path) -> None:
    owner = Claim(tmp_path, "work")
    owner.publish("one", 1)
    owner.finish()
    with pytest.raises(AssertionError, match="ended without a result 'two'"):
        Claim(tmp_path, "work").read("two")


def _owner_process(folder: Path, how: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", OWNER, str(folder), how], cwd=ROOT)
    deadline = time.monotonic() + 120
    while not (folder / "work.claimed").exists():
        assert process.poll() in (None, 1 if how == "die" else None) and time.monotonic() < deadline
        time.sleep(0.01)
    return process


def test_another_process_waits_for_the_owners_result(tmp_path: Path) -> None:
    process = _owner_process(tmp_path, "0.3")
    reader = Claim(tmp_path, "work")
    assert not reader.owner
    assert reader.read("value") == {"by": "the other process"}
    assert process.wait() == 0


def test_an_owner_that_dies_leaves_its_readers_a_reason_not_a_hang(tmp_path: Path) -> None:
    process = _owner_process(tmp_path, "die")
    process.wait()
    with pytest.raises(AssertionError, match="ended without a result"):
        Claim(tmp_path, "work").read("value")


def test_once_makes_its_result_for_the_first_asker_only(tmp_path: Path) -> None:
    made = []

    def make() -> dict:
        made.append(1)
        return {"n": len(made)}

    assert once(tmp_path, "thing", make) == once(tmp_path, "thing", make) == {"n": 1}
    assert made == [1]
