"""The Pyodide runtime hook: pinned wheels, our own lock, an offline second build."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
import pyodide_runtime as hook  # noqa: E402
import stdlib_trim  # noqa: E402

CACHE = ROOT / ".cache" / "wheels"


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> hook.Runtime:
    return hook.prepare_runtime(ROOT, tmp_path_factory.mktemp("work"))


def test_pins_are_the_agreed_versions() -> None:
    pins = {pin.name: pin.version for pin in hook.load_pins()}
    assert pins == {
        "pydantic": "2.14.3", "pydantic-core": "2.50.4", "typing-extensions": "4.16.0",
        "annotated-types": "0.8.0", "typing-inspection": "0.4.5", "openpyxl": "3.1.5", "et-xmlfile": "2.0.0",
    }
    core = next(pin for pin in hook.load_pins() if pin.name == "pydantic-core")
    assert core.filename.endswith("-cp314-cp314-pyemscripten_2026_0_wasm32.whl")


def test_lock_lists_exactly_our_wheels_with_their_hashes(runtime: hook.Runtime) -> None:
    lock = json.loads(runtime.lock_json)
    stock = json.loads((runtime.core_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    for key in ("abi_version", "arch", "platform", "python"):
        assert lock["info"][key] == stock["info"][key]
    assert lock["info"]["version"] == hook.PYODIDE_VERSION
    names = {hook.canonicalize_name(pin.name) for pin in hook.load_pins()} | {"cluster-checker"}
    assert set(lock["packages"]) == names
    files = hook.runtime_files(runtime)
    for name, entry in lock["packages"].items():
        assert entry["install_dir"] == "site" and entry["package_type"] == "package"
        source = files[f"{hook.WHEELS_DIR}/{entry['file_name']}"]
        assert hook.sha256_of(source) == entry["sha256"], name
        assert set(entry["depends"]) <= names
    assert lock["packages"]["pydantic"]["depends"] == [
        "annotated-types", "pydantic-core", "typing-extensions", "typing-inspection",
    ]
    assert lock["packages"]["cluster-checker"]["imports"] == ["checker"]
    # The page loads the checker alone: pydantic (an extra of the checker, for typed
    # reports and validation) stays in the lock, fetched only when asked for.
    assert lock["packages"]["cluster-checker"]["depends"] == []
    assert lock["packages"]["openpyxl"]["depends"] == ["et-xmlfile"]
    # Nothing that could send Pyodide to a CDN: no absolute URL anywhere.
    assert "://" not in runtime.lock_json


def test_site_files_are_core_plus_wheels_never_the_stock_lock(runtime: hook.Runtime) -> None:
    files = hook.runtime_files(runtime)
    assert set(hook.CORE_FILES) <= set(files)
    assert "pyodide-lock.json" not in files  # ours is written from runtime.lock_json
    assert all(path.is_file() for path in files.values())
    checker = [rel for rel in files if rel.endswith(".whl") and "cluster_checker" in rel]
    assert len(checker) == 1 and checker[0].count("/") == 2  # wheels/<hash>/name.whl


def test_checker_wheel_holds_the_whole_package_compiled(runtime: hook.Runtime) -> None:
    with zipfile.ZipFile(runtime.wheels[-1]) as archive:
        names = set(archive.namelist())
    for path in (ROOT / "checker").rglob("*.py"):
        if "__pycache__" not in path.parts:
            assert path.relative_to(ROOT).as_posix() + "c" in names
    assert "checker/data/compiled.json" in names


def test_shipped_python_is_byte_compiled_for_3_14(runtime: hook.Runtime) -> None:
    """Sourceless .pyc of the same code: nothing left to compile in the browser."""
    magic = None
    for archive_path in (runtime.core_files["python_stdlib.zip"], *runtime.wheels):
        with zipfile.ZipFile(archive_path) as archive:
            names = archive.namelist()
            code = [n for n in names if n.endswith((".py", ".pyc")) and ".dist-info/" not in n]
            assert code and all(n.endswith(".pyc") for n in code), archive_path
            header = archive.read(code[0])[:8]
        magic = magic or header[:4]
        assert header[:4] == magic  # one interpreter version
        assert int.from_bytes(header[4:8], "little") == 0b01  # hash-based, unchecked
        # Stored, so the server's brotli compresses across the whole archive.
        with zipfile.ZipFile(archive_path) as archive:
            assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}, archive_path


def test_the_shipped_stdlib_is_the_traced_part_of_the_library(runtime: hook.Runtime) -> None:
    """stdlib_trim.py: of the library, the modules the Pyodide corpus imported, and
    those only (the Pyodide tests run on it: tests/pyodide/test_parity.py)."""
    with zipfile.ZipFile(runtime.core_dir / "python_stdlib.zip") as stock:
        sources = {n for n in stock.namelist() if n.endswith(".py")}
    with zipfile.ZipFile(runtime.core_files["python_stdlib.zip"]) as shipped:
        kept = {n[:-1] for n in shipped.namelist()}
        size = sum(info.file_size for info in shipped.infolist())
    assert kept < sources and len(kept) < len(sources) / 2
    # What the checker, openpyxl and Pyodide's own loader import ...
    for module in ("json/decoder.py", "decimal.py", "re/__init__.py", "zipfile/__init__.py",
                   "xml/etree/ElementTree.py", "csv.py", "traceback.py", "pyodide/_package_loader.py"):
        assert module in kept, module
    # ... and nothing the corpus never touches.
    for module in ("tkinter/__init__.py", "sqlite3/__init__.py", "unittest/__init__.py", "http/server.py"):
        assert module not in kept, module
    assert size < 6_000_000


def test_a_module_the_trim_left_out_fails_the_pyodide_tests(runtime: hook.Runtime, tmp_path: Path) -> None:
    """The guarantee behind the trim: a harness run on a library without a module it
    needs fails (here the 批量初审 harness without csv, which its CSV export imports)."""
    from tests.pyodide import corpus  # noqa: PLC0415

    staged = tmp_path / "runtime"
    hook.stage_runtime(ROOT, staged, tmp_path / "work")
    whole = staged / "python_stdlib.zip"
    with zipfile.ZipFile(runtime.core_files["python_stdlib.zip"]) as kept:
        members = set(kept.namelist()) - {"csv.pyc"}
    stdlib_trim.write_trimmed(runtime.core_files["python_stdlib.zip"], members, whole)
    harness, request = corpus.harness_requests()["batch"]
    done = subprocess.run(["node", str(harness), str(staged), str(staged)], input=json.dumps(request),
                          capture_output=True, text=True, timeout=540)
    assert done.returncode != 0
    assert "No module named 'csv'" in done.stderr


def test_the_trace_is_redone_when_the_corpus_changes(runtime: hook.Runtime) -> None:
    requests = stdlib_trim.corpus_requests()
    stdlib = runtime.core_files["python_stdlib.zip"]
    key = stdlib_trim.trace_key(stdlib, runtime.lock_json, requests)
    harness, request = requests["checker"]
    more = {**requests, "checker": (harness, {**request, "texts": {**request["texts"], "new input": "x"}})}
    assert stdlib_trim.trace_key(stdlib, runtime.lock_json, more) != key
    assert stdlib_trim.trace_key(stdlib, runtime.lock_json + " ", requests) != key


def test_the_trim_refuses_a_trace_naming_what_the_library_lacks(runtime: hook.Runtime, tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="lacks"):
        stdlib_trim.write_trimmed(runtime.core_files["python_stdlib.zip"], {"no_such_module.pyc"}, tmp_path / "x.zip")


def test_second_build_is_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pin = hook.load_pins()[0]
    assert (CACHE / pin.filename).is_file(), "the first build fills .cache/wheels"
    cache = tmp_path / "wheels"
    cache.mkdir()
    shutil.copy2(CACHE / pin.filename, cache / pin.filename)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a cached, intact wheel must not be downloaded again: {args}")

    monkeypatch.setattr(hook.subprocess, "run", no_network)
    assert hook.cached_wheel(pin, cache) == cache / pin.filename


def test_altered_cache_is_refused_when_it_cannot_be_fetched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pin = hook.load_pins()[0]
    cache = tmp_path / "wheels"
    cache.mkdir()
    (cache / pin.filename).write_bytes(b"not the pinned wheel")

    def offline(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 1, "", "ERROR: network is unreachable")

    monkeypatch.setattr(hook.subprocess, "run", offline)
    with pytest.raises(PluginError, match="cannot download"):
        hook.cached_wheel(pin, cache)


def test_download_with_a_wrong_hash_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pin = hook.load_pins()[0]

    def fake_pip(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        dest = Path(command[command.index("--dest") + 1])
        (dest / pin.filename).write_bytes(b"tampered")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(hook.subprocess, "run", fake_pip)
    with pytest.raises(PluginError, match="Refusing to ship"):
        hook.cached_wheel(pin, tmp_path / "wheels")
    assert not (tmp_path / "wheels" / pin.filename).exists()


def test_missing_npm_package_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="npm ci"):
        hook.pyodide_dir(tmp_path)
    pkg = tmp_path / "node_modules" / "pyodide"
    pkg.mkdir(parents=True)
    (pkg / "package.json").write_text('{"version": "0.27.0"}', encoding="utf-8")
    with pytest.raises(PluginError, match="314.0.7"):
        hook.pyodide_dir(tmp_path)
