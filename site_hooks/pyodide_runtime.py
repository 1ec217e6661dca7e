"""MkDocs hook: ship a self-hosted Pyodide runtime with the `checker` wheel.

One job: put under ``assets/pyodide/`` everything the checker page's Web Worker
needs, and nothing from any other host:

- the Pyodide core files from the pinned npm package (``node_modules/pyodide``);
- the pinned wheels of ``site_hooks/pyodide_wheels.toml`` (pydantic and its
  dependencies, openpyxl), downloaded once into ``.cache/wheels/`` and checked by
  sha256 at every build, so the second build is offline. The pages fetch a wheel
  only when they need it: the checker page loads the checker alone (it runs on
  the standard library), openpyxl when an .xlsx is dropped;
- the ``checker`` wheel, built from the tree at every build;
- the standard library and every wheel byte-compiled to Python 3.14 ``.pyc`` (by
  Pyodide itself under Node, at build time, cached), so the browser compiles nothing;
  of the library, only the modules the Pyodide corpus imports (``stdlib_trim.py``);
- our own ``pyodide-lock.json`` listing exactly these wheels. The stock lock of
  the npm package is never shipped: it lists hundreds of packages that are not on
  the site, which Pyodide would then try to fetch from its CDN.

The pages' HTML that loads it is ``app_pages.py``'s.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

import runtime_start
import stdlib_trim

PYODIDE_VERSION = "314.0.7"
# What Pyodide 314 fetches at start-up (checked in pyodide.mjs): the ES module,
# the Emscripten module, the wasm binary and the standard library. pyodide.js
# (classic script) and the source maps are not needed by a module worker.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
SITE_DIR = runtime_start.SITE_DIR
WHEELS_DIR = "wheels"
REPO_ROOT = Path(__file__).resolve().parent.parent
PINS_FILE = Path(__file__).with_name("pyodide_wheels.toml")
# The platform tag of wheels built for Pyodide 314 (abi 2026_0), and the pip
# flags that select them whatever machine runs the build.
PIP_TARGET = (
    "--only-binary=:all:", "--python-version", "3.14", "--implementation", "cp",
    "--abi", "cp314", "--platform", "pyemscripten_2026_0_wasm32",
)


@dataclass(frozen=True)
class Pin:
    """One pinned wheel: the entry of pyodide_wheels.toml."""

    name: str
    version: str
    filename: str
    sha256: str


@dataclass(frozen=True)
class Runtime:
    """Where the runtime's files come from, for one build."""

    core_dir: Path
    core_files: dict  # name under assets/pyodide/ -> source (python_stdlib.zip byte-compiled)
    stock_info: dict
    wheels: tuple[Path, ...]  # pinned wheels (from the cache), then the checker wheel
    wheel_names: tuple[str, ...]  # each one's file_name in the lock: "<hash>/<wheel file>"
    lock_json: str


# ---------------------------------------------------------------------------
# Prerequisites and inputs


def pyodide_dir(root: Path) -> Path:
    """The npm package's directory, after checking it is the pinned version."""
    pkg = root / "node_modules" / "pyodide"
    manifest = pkg / "package.json"
    if not manifest.is_file():
        raise PluginError(
            f"pyodide_runtime: {pkg} is missing. Install the pinned npm packages first "
            f"(`npm ci`, or `make serve` which does it)."
        )
    version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version != PYODIDE_VERSION:
        raise PluginError(
            f"pyodide_runtime: node_modules/pyodide is version {version}, "
            f"the site is built for {PYODIDE_VERSION}. Run `npm ci`."
        )
    missing = [name for name in (*CORE_FILES, "pyodide-lock.json") if not (pkg / name).is_file()]
    if missing:
        raise PluginError(f"pyodide_runtime: node_modules/pyodide lacks {', '.join(missing)}. Run `npm ci`.")
    return pkg


def load_pins(path: Path = PINS_FILE) -> tuple[Pin, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        pins = tuple(Pin(**entry) for entry in data["wheel"])
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise PluginError(f"pyodide_runtime: cannot read the wheel pins in {path}: {error}") from error
    for pin in pins:
        name, version, _, _ = parse_wheel_filename(pin.filename)
        if name != canonicalize_name(pin.name) or str(version) != pin.version:
            raise PluginError(f"pyodide_runtime: {path}: {pin.filename} is not {pin.name} {pin.version}")
    return pins


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached_wheel(pin: Pin, cache: Path) -> Path:
    """The pinned wheel from the cache, downloading it (once) when absent or altered."""
    target = cache / pin.filename
    if target.is_file() and sha256_of(target) == pin.sha256:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *PIP_TARGET,
            "--dest", tmp, f"{pin.name}=={pin.version}",
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        downloaded = Path(tmp) / pin.filename
        if result.returncode != 0 or not downloaded.is_file():
            raise PluginError(
                f"pyodide_runtime: cannot download {pin.filename} into {cache} "
                f"(offline and not cached yet?):\n{result.stderr.strip()}"
            )
        actual = sha256_of(downloaded)
        if actual != pin.sha256:
            raise PluginError(
                f"pyodide_runtime: {pin.filename} has sha256 {actual}, pinned {pin.sha256}. Refusing to ship it."
            )
        downloaded.replace(target)
    return target


def tree_hash(root: Path) -> str:
    """Hash of everything the checker wheel is built from (paths and contents)."""
    digest = hashlib.sha256()
    paths = [root / "pyproject.toml", *sorted((root / "checker").rglob("*"))]
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_checker_wheel(root: Path, out_dir: Path) -> Path:
    """`pip wheel` of the tree's `checker` package, from a copy so that parallel
    builds do not share setuptools' build/ directory."""
    src = out_dir / "src"
    src.mkdir(parents=True)
    shutil.copy2(root / "pyproject.toml", src / "pyproject.toml")
    shutil.copytree(root / "checker", src / "checker", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    command = [
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", str(out_dir / "dist"), str(src),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted((out_dir / "dist").glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        raise PluginError(f"pyodide_runtime: building the checker wheel failed:\n{result.stderr.strip()}")
    # pyproject.toml lists packages explicitly: a new sub-package missing from that
    # list would work in CPython and fail only in the browser. Refuse such a wheel.
    with zipfile.ZipFile(wheels[0]) as archive:
        shipped = set(archive.namelist())
    tree = {
        path.relative_to(src).as_posix()
        for path in (src / "checker").rglob("*")
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts
    }
    missing = sorted(tree - shipped)
    if missing:
        raise PluginError(
            "pyodide_runtime: the checker wheel lacks files of the tree (add their packages or data to "
            f"pyproject.toml [tool.setuptools]): {', '.join(missing[:10])}"
        )
    return wheels[0]


# ---------------------------------------------------------------------------
# Byte-compiling the wheels for Python 3.14, in Pyodide itself

# Python in the browser would otherwise compile every module it imports from source
# at each page load: the npm package's python_stdlib.zip holds only .py files, and
# so do the wheels. Measured under Node: start-up about 3 s instead of 8-10 s on a
# loaded 2-CPU machine. So we ship sourceless .pyc (as Pyodide's own distribution
# does for its packages): the standard library and every wheel, same code, compiled
# ahead. CPython 3.11 cannot write 3.14 bytecode, so Pyodide under Node does it at
# build time (cached under .cache/ by the source's hash; the checker wheel at every
# build). Unchecked-hash .pyc and fixed zip timestamps make the output reproducible.
COMPILE_PY = r"""
import base64, hashlib, importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

STAMP = (1980, 1, 1, 0, 0, 0)

def _record(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"

def compile_wheel(src, dst, prefix, drop=()):
    files, record = [], None
    with zipfile.ZipFile(src) as wheel:
        for info in wheel.infolist():
            if info.is_dir() or info.filename.startswith(tuple(drop)):
                continue
            name, data = info.filename, wheel.read(info.filename)
            top = name.split("/")[0]
            if name.endswith(".dist-info/RECORD") and name.count("/") == 1:
                record = name
            elif name.endswith(".py") and not top.endswith((".dist-info", ".data")):
                code = compile(data, prefix + name, "exec", dont_inherit=True)
                pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                files.append((name + "c", bytes(pyc)))
            else:
                files.append((name, data))
    if record is not None:
        lines = [_record(name, data) for name, data in files] + [f"{record},,"]
        files.append((record, ("\n".join(lines) + "\n").encode()))
    # Stored, not deflated: the server sends them brotli-compressed, which across a
    # whole archive is about 30 % smaller than deflate file by file, and the browser
    # reads a stored member without inflating it.
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as out:
        for name, data in files:
            out.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_STORED)
"""

COMPILE_KEY = hashlib.sha256(COMPILE_PY.encode()).hexdigest()[:8]

COMPILE_JS = r"""
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const job = JSON.parse(readFileSync(0, "utf8"));
const { loadPyodide } = await import(pathToFileURL(job.core + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: job.core + "/", stdout: () => {}, stderr: (l) => console.error(l) });
py.runPython(job.code);
const compile_wheel = py.globals.get("compile_wheel");
py.FS.mkdirTree("/in");
py.FS.mkdirTree("/out");
job.archives.forEach(([src, dst, prefix, drop]) => {
  const name = src.split("/").pop();
  py.FS.writeFile(`/in/${name}`, readFileSync(src));
  compile_wheel(`/in/${name}`, `/out/${name}`, prefix, py.toPy(drop));
  writeFileSync(dst, py.FS.readFile(`/out/${name}`));
});
"""


# Where the code of an archive lives in the browser's file system (co_filename).
SITE_PACKAGES = "/lib/python3.14/site-packages/"
STDLIB_ZIP = "/lib/python314.zip/"
# Parts of pinned wheels the browser never imports, left out of the shipped copy:
# pydantic's bundled copy of pydantic 1 (290 KB of the 920 KB wheel) and its mypy
# plugin. Less to download and to unpack at every page load; nothing imports them
# (pydantic 2 loads pydantic.v1 only when asked for it).
STRIP = {"pydantic": ("pydantic/v1/", "pydantic/mypy.py")}


def strip_key(name: str) -> str:
    """Part of a compiled wheel's cache key: changes when its STRIP entry does."""
    drop = STRIP.get(canonicalize_name(name), ())
    return hashlib.sha256("\0".join(drop).encode()).hexdigest()[:8] if drop else "full"


def py_compile_archives(core: Path, jobs: list[tuple[Path, Path, str, tuple[str, ...]]]) -> None:
    """Write a byte-compiled copy of each (source archive, destination, prefix, parts to drop)."""
    if not jobs:
        return
    node = shutil.which("node")
    if node is None:
        raise PluginError("pyodide_runtime: Node.js is needed to byte-compile the wheels for Pyodide (apt-get install nodejs)")
    for _, dst, _, _ in jobs:
        dst.parent.mkdir(parents=True, exist_ok=True)
    temporary = [(src, dst.with_name(dst.name + ".part"), prefix, drop) for src, dst, prefix, drop in jobs]
    job = {"core": str(core), "code": COMPILE_PY,
           "archives": [[str(src), str(tmp), prefix, list(drop)] for src, tmp, prefix, drop in temporary]}
    result = subprocess.run(
        [node, "--input-type=module", "-e", COMPILE_JS], input=json.dumps(job),
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise PluginError(f"pyodide_runtime: byte-compiling the wheels in Pyodide failed:\n{result.stderr[-3000:]}")
    for (_, dst, _, _), (_, tmp, _, _) in zip(jobs, temporary):
        tmp.replace(dst)


# ---------------------------------------------------------------------------
# The lock file


def target_environment(stock_info: dict) -> dict[str, str]:
    """Marker environment of the browser's Python, to evaluate Requires-Dist."""
    full = stock_info["python"]
    return {
        "implementation_name": "cpython", "implementation_version": full, "os_name": "posix",
        "platform_machine": stock_info["arch"], "platform_python_implementation": "CPython",
        "platform_release": "", "platform_system": "Emscripten", "platform_version": "",
        "python_full_version": full, "python_version": ".".join(full.split(".")[:2]),
        "sys_platform": "emscripten", "extra": "",
    }


def wheel_entry(path: Path, file_name: str, env: dict[str, str]) -> dict:
    """One package of the lock, read from the wheel itself."""
    name, version, _, _ = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        meta_path = next(n for n in names if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        metadata = archive.read(meta_path).decode("utf-8")
    depends = []
    for line in metadata.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = Requirement(line.partition(":")[2].strip())
            if requirement.marker is None or requirement.marker.evaluate(env):
                depends.append(canonicalize_name(requirement.name))
    imports = set()
    for member in names:
        top = member.split("/")[0]
        if top.endswith((".dist-info", ".data")):
            continue
        if member.count("/") == 1 and member.endswith(("/__init__.py", "/__init__.pyc")):
            imports.add(top)
        elif "/" not in member and member.endswith((".py", ".pyc")):
            imports.add(member.rsplit(".", 1)[0])
    return {
        "name": str(name), "version": str(version), "file_name": file_name,
        "install_dir": "site", "sha256": sha256_of(path), "package_type": "package",
        "imports": sorted(imports), "depends": sorted(set(depends)), "unvendored_tests": False,
        "shared_library": False,
    }


def lock_json(stock_info: dict, entries: list[dict]) -> str:
    packages = {entry["name"]: entry for entry in entries}
    for entry in entries:
        absent = [dep for dep in entry["depends"] if dep not in packages]
        if absent:
            raise PluginError(
                f"pyodide_runtime: {entry['name']} needs {', '.join(absent)}, which is not pinned in {PINS_FILE.name}"
            )
    lock = {"info": stock_info, "packages": dict(sorted(packages.items()))}
    return json.dumps(lock, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def prepare_runtime(root: Path, work_dir: Path) -> Runtime:
    """Check prerequisites, fetch or verify the pins, build the checker wheel and the lock."""
    core = pyodide_dir(root)
    stock = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    info = {key: stock["info"][key] for key in ("abi_version", "arch", "platform", "python", "version") if key in stock["info"]}
    info.setdefault("version", PYODIDE_VERSION)
    env = target_environment(info)
    cache = root / ".cache" / "wheels"
    sources = [cached_wheel(pin, cache) for pin in load_pins()]
    # Byte-compiled once per pinned wheel (the cache is keyed by the verified hash).
    # Every compiled archive's cache key carries a hash of the compiling code.
    compiled_cache = root / ".cache" / f"wheels-pyc-{PYODIDE_VERSION}-{COMPILE_KEY}"
    pinned = [compiled_cache / f"{pin.sha256[:16]}-{strip_key(pin.name)}" / pin.filename for pin in load_pins()]
    # Built and compiled once per distinct source tree, so rebuilding after a
    # docs-only edit (mkdocs serve) neither runs pip nor starts Node again.
    checker_dir = root / ".cache" / f"pyodide-{PYODIDE_VERSION}" / "checker" / f"{tree_hash(root)}-{COMPILE_KEY}"
    built = sorted(checker_dir.glob("*.whl"))
    checker = built[0] if len(built) == 1 else None
    stdlib_source = core / "python_stdlib.zip"
    stdlib = (root / ".cache" / f"pyodide-{PYODIDE_VERSION}" / f"{sha256_of(stdlib_source)[:16]}-{COMPILE_KEY}"
              / "python_stdlib.zip")
    jobs = [(src, dst, SITE_PACKAGES, STRIP.get(canonicalize_name(pin.name), ()))
            for pin, src, dst in zip(load_pins(), sources, pinned) if not dst.is_file()]
    if not stdlib.is_file():
        jobs.append((stdlib_source, stdlib, STDLIB_ZIP, ()))
    if checker is None:
        checker_source = build_checker_wheel(root, work_dir)
        checker = checker_dir / checker_source.name
        jobs.append((checker_source, checker, SITE_PACKAGES, ()))
    py_compile_archives(core, jobs)
    core_files = {name: core / name for name in CORE_FILES} | {"python_stdlib.zip": stdlib}
    # Every wheel in a folder named by its hash: a URL that names its content, so a
    # browser (and nginx's year of caching) never serves a stale one. The checker
    # wheel keeps one file name across builds; our compiled copy of a pinned wheel
    # keeps the pin's name whatever STRIP takes out of it.
    wheels = (*pinned, checker)
    names = tuple(f"{sha256_of(path)[:16]}/{path.name}" for path in wheels)
    entries = [wheel_entry(path, name, env) for path, name in zip(wheels, names)]
    lock = lock_json(info, entries)
    whole = Runtime(core, core_files, info, wheels, names, lock)
    # The pages load only the part of the library the Pyodide corpus imports (traced).
    trimmed = stdlib_trim.trimmed_stdlib(stdlib, runtime_files(whole), lock,
                                         root / ".cache" / f"stdlib-trim-{PYODIDE_VERSION}", work_dir)
    return Runtime(core, core_files | {"python_stdlib.zip": trimmed}, info, wheels, names, lock)


def stage_runtime(root: Path, dest: Path, work_dir: Path) -> Runtime:
    """Write the whole runtime into `dest` (as it will be under assets/pyodide/).
    Used by the Pyodide-under-Node test harness; the hook registers the same files."""
    runtime = prepare_runtime(root, work_dir)
    for relative, source in runtime_files(runtime).items():
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (dest / "pyodide-lock.json").write_text(runtime.lock_json, encoding="utf-8")
    return runtime


def runtime_files(runtime: Runtime) -> dict[str, Path]:
    """Path under assets/pyodide/ -> source file (the lock is written apart)."""
    files = dict(runtime.core_files)
    for path, name in zip(runtime.wheels, runtime.wheel_names):
        files[f"{WHEELS_DIR}/{name}"] = path
    return files


# ---------------------------------------------------------------------------
# MkDocs event handlers

_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = REPO_ROOT
    pyodide_dir(root)  # fail early and clearly, before any page is built
    load_pins()
    if shutil.which("node") is None:
        raise PluginError("pyodide_runtime: Node.js is needed to byte-compile the wheels for Pyodide (apt-get install nodejs)")
    _state["root"] = root
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = _state["root"]
    assert isinstance(root, Path)
    work = Path(tempfile.mkdtemp(prefix="pyodide-runtime-"))
    _state["work"] = work
    runtime = prepare_runtime(root, work)
    _state["runtime"] = runtime
    for relative, source in runtime_files(runtime).items():
        files.append(File.generated(config, f"{SITE_DIR}/{relative}", abs_src_path=str(source)))
    files.append(File.generated(config, f"{SITE_DIR}/pyodide-lock.json", content=runtime.lock_json))
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    work = _state.pop("work", None)
    if isinstance(work, Path):
        shutil.rmtree(work, ignore_errors=True)
