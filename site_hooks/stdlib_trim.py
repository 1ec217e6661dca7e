"""The pages' trimmed standard library (a helper of pyodide_runtime.py, not a hook).

Pyodide's whole standard library, byte-compiled, is a 4.5 MB zip that every visit
downloads and unpacks; the checker, openpyxl and the readers import part of it. Which
part is traced, never listed by hand: at build time the Pyodide harnesses of the
tests run the Pyodide corpus (``tests/pyodide/corpus.py``: the case suite and every
file format the Pyodide tests feed the checker) under Node on the whole library,
with ``PYODIDE_STDLIB_TRACE`` set, and each writes down the zip members its run
imported (``tests/pyodide/stdlib_trace.mjs``). The pages get a zip of those members.

The Pyodide tests then run the same corpus on the trimmed zip (``stage_runtime``
ships it), so a module the corpus needs and the trim lacks fails the tests, not a
visitor; and a new reader is covered as soon as its input is in the corpus.

The result is cached under ``.cache/`` by a hash of all that decides it: the whole
library, the lock (every wheel's hash), the corpus's requests and the harnesses.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
TRACER = ROOT / "tests" / "pyodide" / "stdlib_trace.mjs"


def corpus_requests() -> dict[str, tuple[Path, dict]]:
    """tests/pyodide/corpus.py's requests. Run as ``python -m tests.pyodide.corpus`` from
    the repository root: the corpus imports the tests' helpers as ``tests.<folder>``,
    which the build's own process (MkDocs from .venv/bin) cannot import."""
    done = subprocess.run([sys.executable, "-m", "tests.pyodide.corpus"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise PluginError(f"stdlib_trim: the Pyodide corpus failed:\n{done.stderr[-3000:]}")
    return {name: (Path(harness), request) for name, (harness, request) in json.loads(done.stdout).items()}


def trace_key(stdlib: Path, lock_json: str, requests: dict[str, tuple[Path, dict]]) -> str:
    digest = hashlib.sha256()
    digest.update(hashlib.sha256(stdlib.read_bytes()).digest())
    digest.update(lock_json.encode())
    for name, (harness, request) in sorted(requests.items()):
        digest.update(name.encode() + harness.read_bytes() + json.dumps(request, sort_keys=True).encode())
    digest.update(TRACER.read_bytes())
    return digest.hexdigest()[:16]


def traced_members(runtime_dir: Path, requests: dict[str, tuple[Path, dict]], work: Path) -> set[str]:
    """Run each harness on `runtime_dir` (the whole library) and join what they imported."""
    members: set[str] = set()
    for name, (harness, request) in requests.items():
        out = work / f"trace-{name}.json"
        done = subprocess.run(
            ["node", str(harness), str(runtime_dir), str(runtime_dir)], input=json.dumps(request),
            capture_output=True, text=True, timeout=900, env={**os.environ, "PYODIDE_STDLIB_TRACE": str(out)},
        )
        if done.returncode != 0 or not out.is_file():
            raise PluginError(f"stdlib_trim: tracing with {harness.name} failed:\n{done.stderr[-3000:]}")
        members |= set(json.loads(out.read_text(encoding="utf-8")))
    return members


def write_trimmed(stdlib: Path, members: set[str], out: Path) -> None:
    """The zip's members that were imported, in the zip's order, entries unchanged."""
    with zipfile.ZipFile(stdlib) as source:
        names = set(source.namelist())
        unknown = sorted(members - names)
        if unknown:
            raise PluginError(f"stdlib_trim: the trace names members the library lacks: {unknown[:5]}")
        partial = out.with_name(out.name + ".part")
        with zipfile.ZipFile(partial, "w") as target:
            for info in source.infolist():
                if info.filename in members:
                    target.writestr(info, source.read(info.filename), compress_type=info.compress_type)
    partial.replace(out)


def trimmed_stdlib(stdlib: Path, runtime_files: dict[str, Path], lock_json: str, cache: Path, work: Path) -> Path:
    """The trimmed copy of `stdlib` (the whole compiled library), from the cache or traced now.

    `runtime_files`: the runtime as shipped (path under assets/pyodide/ -> source),
    staged with `stdlib` in place of the library to trace on.
    """
    requests = corpus_requests()
    out = cache / trace_key(stdlib, lock_json, requests) / "python_stdlib.zip"
    if out.is_file():
        return out
    runtime_dir = work / "trace-runtime"
    for relative, source in runtime_files.items():
        target = runtime_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink((stdlib if relative == "python_stdlib.zip" else source).resolve(), target)
    (runtime_dir / "pyodide-lock.json").write_text(lock_json, encoding="utf-8")
    members = traced_members(runtime_dir, requests, work)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_trimmed(stdlib, members, out)
    shutil.rmtree(runtime_dir, ignore_errors=True)
    return out
