"""The same input gives the same report, byte for byte, whatever the hash seed.

String hashing is randomised per process (PYTHONHASHSEED): anything that iterates a
set or orders by hash would list valid keys, findings or notes differently from run
to run. The whole case suite, its inputs rendered as pasted rows, and inputs that
make the parser list what it expected are reported in fresh interpreters under
several seeds; the report JSON must be identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.law.pack import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
# An interpreter per seed runs the whole case suite: out of make test-fast's quick loop.
pytestmark = pytest.mark.slow
SEEDS = ("0", "1", "2", "3", "271828", "random")
# Runs in a fresh interpreter: the digest of every report, in input order.
SCRIPT = r"""
import hashlib, json, sys
from pathlib import Path
import yaml
from tests.judge.appbuild import json_text, patched
from checker.api import check_text_json
from tests.intake.render import to_lines, to_tsv
inputs = []
for path in sorted(Path(sys.argv[1], "tests", "cases").glob("*.yaml")):
    for case in yaml.safe_load(path.read_text("utf-8"))["cases"]:
        doc = patched(case.get("patch") or {})
        inputs.append(json_text(doc))
inputs += json.loads(sys.argv[2])
for doc in (patched({}),):
    inputs += [to_tsv(doc), to_tsv(doc, keys=False), to_lines(doc)]
out = hashlib.sha256()
for text in inputs:
    out.update(check_text_json(text).encode("utf-8"))
print(len(inputs), out.hexdigest())
"""
# Inputs whose findings list what the parser expected (keys, options, years, units).
FIRST = load_catalogue().years[0]
BEFORE = str(int(FIRST) - 1)  # a year the form does not ask for
LISTING = [
    '{"industry": {"chain_actions": ["chain_mapx", "绘制产业链"], "total_output": {"' + BEFORE + '": 1}},'
    ' "innovation": {"platforms": {"nationall": 1}, "standards": {"' + FIRST + '": {"natl": {"lead": 1}}}},'
    ' "plan": {"targets": {"co2": {"unit": "吨"}, "x": {}}}, "digital": {"software_rising": "√"}}',
    "集群已开展的产业链资源协同协作工作\t☑开展通用生产设备共享 ☑建立共享食堂\n"
    "集群提供中小企业公共服务情况：信息服务、法律服务、咨询\n"
    "未知栏目：1\n集群总产值（亿元）：1 / 2\n",
]


def test_reports_are_identical_under_every_hash_seed() -> None:
    # All seeds at once: the interpreters are independent, and a second core is not idle.
    runs = [subprocess.Popen([sys.executable, "-c", SCRIPT, str(ROOT), json.dumps(LISTING)], cwd=ROOT,
                             env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for seed in SEEDS]
    digests = set()
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-3000:]
        digests.add(out.strip())
    assert len(digests) == 1, digests
    count = int(next(iter(digests)).split()[0])
    assert count > 100  # the case suite really ran


def test_the_digest_covers_the_report_bytes() -> None:
    # A guard on the test itself: two different reports give two different digests.
    from checker.api import check_text_json

    a = hashlib.sha256(check_text_json("集群占地面积(平方公里)：36.50").encode()).hexdigest()
    b = hashlib.sha256(check_text_json("集群占地面积(平方公里)：136.50").encode()).hexdigest()
    assert a != b
