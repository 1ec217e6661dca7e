"""Shared fixtures: the site, built once per test run, and a real HTTP server.

A run is one pytest process, or (``make test``: ``-n auto``) pytest-xdist's workers and
their controller; what is made once per run is made by the first process that needs it,
in a folder the run's processes share (tests/support/shared.py).

Fixtures (reuse them from any test module under tests/):

- ``repo_root`` -> Path of the repository.
- ``site_build`` -> ``SiteBuild``: the result of ONE ``mkdocs build --strict`` per
  run into the run's folder (``.site_dir``, ``.returncode``, ``.log``,
  ``.seconds``), started in the background when collection ends if a test needs it
  (tests/support/build.py). It never raises, so a test can assert on a failed build.
- ``pyodide_runs`` -> ``tests.support.pyodide.PyodideRuns``: the corpus's harnesses under
  Pyodide in Node, started in the background; ``pyodide_runs.result("checker")``.
- ``office`` -> ``tests.support.office.Office``: LibreOffice conversions
  (``office.convert({name: bytes}, "pdf")``), one profile, each file converted once.
- ``built_site`` -> Path of the built site; fails the requesting test with the
  build log when the build failed.
- ``nav_pages`` -> list of ``NavPage(title, src, url)`` for every page in mkdocs.yml's
  ``nav``, ``url`` relative to the site root ("" for the home page, "notice/", ...).
- ``site_server`` -> ``SiteServer`` serving ``built_site`` at the root of a free
  port on 127.0.0.1; ``site_server.url("notice/")`` gives an absolute URL.
- ``make_site_server(prefix)`` -> start another server (closed at session end).
- ``release`` -> ``release.build.Release``: the release (``make release``) made from
  ``built_site`` into the run's folder, once per run.
- ``nginx_site`` / ``nginx_site_under_path`` -> ``NginxServer``: that release's
  .tar.gz unpacked and served by ``deploy/serve-nginx.sh`` (the release's own nginx
  configuration) on a free port of 127.0.0.1, at the root and under ``/guide/`` (as
  behind a reverse proxy: every URL in the site is relative).
- ``make_nginx_server(root, prefix)`` -> another one (stopped at session end).

``SiteServer.requests`` lists every path asked of it, in order. Both kinds of server
have ``.origin``, ``.base_url`` and ``.url(path)``.

Every test is marked ``browser``, ``pyodide``, ``office`` or ``slow`` by what it needs,
and the tests that need the site run last (tests/support/markers.py).
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import socketserver
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from release.serve import read_rules

REPO_ROOT = Path(__file__).resolve().parent.parent
from tests.support import markers, shared, workers
from tests.support.build import Build, SiteBuild
from tests.support.office import Office
from tests.support.pyodide import PyodideRuns
from tests.support import properties  # noqa: F401  (loads the Hypothesis profile)

BUILD = pytest.StashKey[Build]()  # the run's site build, once started
PYODIDE = pytest.StashKey[PyodideRuns]()  # the run's corpus runs under Node
STOPPED = pytest.StashKey[bool]()  # the session was interrupted
# The release's types (deploy/cluster-guide.conf, as make serve reads them): Pyodide
# needs the right ones (module workers refuse a wrong JavaScript type, wasm streaming
# compilation needs application/wasm), and the stdlib map lacks or mistypes some.
MIME_TYPES = read_rules().types


@dataclass(frozen=True)
class NavPage:
    title: str
    src: str
    url: str


def pytest_configure(config: pytest.Config) -> None:
    shared.open_run(config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist, in the controller, for each worker it starts: the run's shared folder."""
    node.workerinput[shared.RUN_DIR] = str(shared.run_dir(node.config))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):  # noqa: ANN201 - an xdist scheduler
    return workers.make_scheduler(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    markers.apply(items, Path(__file__).resolve().parent)
    markers.order(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the site build and the Pyodide runs now, in the background, if a test of
    this session needs them (the runs after the build: it fills the runtime's cache).
    Under pytest-xdist every worker asks; the first one does it (tests/support/shared.py)."""
    if session.config.option.collectonly:
        return
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    stash = session.config.stash
    folder = shared.run_dir(session.config)
    if "site_build" in needed:
        stash[BUILD] = Build(REPO_ROOT, folder).start()
        if "release" in needed:
            stash[BUILD].warm_release_cache()
    if "pyodide_runs" in needed:
        stash[PYODIDE] = PyodideRuns(folder, stash[BUILD].wait if BUILD in stash else None).start()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[STOPPED] = exitstatus == pytest.ExitCode.INTERRUPTED


def pytest_unconfigure(config: pytest.Config) -> None:
    # A worker lets the work it owns finish: another worker may be waiting for it.
    wait = shared.is_worker(config) and not config.stash.get(STOPPED, False)
    if PYODIDE in config.stash:
        config.stash[PYODIDE].close()
    if BUILD in config.stash:
        config.stash[BUILD].close(wait)
    shared.close_run(config)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def site_build(pytestconfig: pytest.Config) -> SiteBuild:
    if BUILD not in pytestconfig.stash:  # asked for by a test pytest_collection_finish did not see
        pytestconfig.stash[BUILD] = Build(REPO_ROOT, shared.run_dir(pytestconfig))
    return pytestconfig.stash[BUILD].wait()


@pytest.fixture(scope="session")
def pyodide_runs(pytestconfig: pytest.Config) -> PyodideRuns:
    if PYODIDE not in pytestconfig.stash:
        pytestconfig.stash[PYODIDE] = PyodideRuns(shared.run_dir(pytestconfig))
    return pytestconfig.stash[PYODIDE]


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    return Office(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> Path:
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site_build.log}", pytrace=False)
    return site_build.site_dir


def _flatten(nav: list, out: list[NavPage]) -> None:
    for item in nav:
        if isinstance(item, str):
            out.append(NavPage(item, item, _page_url(item)))
            continue
        for title, value in item.items():
            if isinstance(value, list):
                _flatten(value, out)
            else:
                out.append(NavPage(title, value, _page_url(value)))


def _page_url(src: str) -> str:
    """Source path -> URL relative to the site root (use_directory_urls)."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@pytest.fixture(scope="session")
def nav_pages() -> list[NavPage]:
    from mkdocs.config import load_config

    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    pages: list[NavPage] = []
    _flatten(config["nav"], pages)
    return pages


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves one directory under a URL prefix; anything outside it is a 404."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def __init__(self, *args, prefix: str, log: list[str], **kwargs):
        self.prefix = prefix
        self.request_log = log
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if not route.startswith(self.prefix):
            return os.path.join(self.directory, "\0missing")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_head(self):  # noqa: ANN201 - stdlib signature
        self.request_log.append(self.path)
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Loopback:
    """The addresses of a server on 127.0.0.1 at ``self.port`` with the site at ``self.prefix``."""

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"  # type: ignore[attr-defined]

    @property
    def base_url(self) -> str:
        return self.origin + self.prefix  # type: ignore[attr-defined]

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")


@dataclass
class SiteServer(_Loopback):
    """A real HTTP server on 127.0.0.1 and a free port, serving ``root`` at ``prefix``."""

    root: Path
    prefix: str = "/"
    requests: list[str] = field(default_factory=list)
    _server: _Server | None = None

    def start(self) -> "SiteServer":
        handler = functools.partial(_Handler, directory=str(self.root), prefix=self.prefix, log=self.requests)
        self._server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@pytest.fixture(scope="session")
def make_site_server(built_site: Path):
    servers: list[SiteServer] = []

    def start(prefix: str = "/") -> SiteServer:
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError("prefix must start and end with '/'")
        server = SiteServer(built_site, prefix).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def site_server(make_site_server) -> SiteServer:
    return make_site_server("/")


# ---------------------------------------------------------------------------
# The release behind nginx


@pytest.fixture(scope="session")
def release(built_site: Path, pytestconfig: pytest.Config):
    """Made once per run (the first worker to ask; the others wait for it)."""
    from release.build import Release, make_release

    def make() -> dict:
        pytestconfig.stash[BUILD].wait_release_cache()  # started with the build: see tests/support/build.py
        tmp = shared.run_dir(pytestconfig) / "release"
        made = make_release(tmp / "dist", site=built_site, root=REPO_ROOT, work=tmp / "work")
        # As JSON, each field with whether it is a path.
        return {name: [str(value), True] if isinstance(value, Path) else [value, False]
                for name, value in vars(made).items()}

    fields = shared.once(shared.run_dir(pytestconfig), "release", make)
    return Release(**{name: Path(value) if is_path else value for name, (value, is_path) in fields.items()})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class NginxServer(_Loopback):
    """deploy/serve-nginx.sh serving ``root`` on 127.0.0.1, the site at ``prefix``."""

    root: Path
    prefix: str = "/"
    port: int = 0
    _process: subprocess.Popen | None = None

    def start(self) -> "NginxServer":
        self.port = _free_port()
        script = REPO_ROOT / "deploy" / "serve-nginx.sh"
        self._process = subprocess.Popen(["sh", str(script), str(self.root), str(self.port)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"serve-nginx.sh exited: {self._process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx did not start listening within 30 s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            self._process.wait(timeout=30)


@pytest.fixture(scope="session")
def make_nginx_server():
    servers: list[NginxServer] = []

    def start(root: Path, prefix: str = "/") -> NginxServer:
        server = NginxServer(root, prefix).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def nginx_site(release, make_nginx_server, tmp_path_factory: pytest.TempPathFactory) -> NginxServer:
    return make_nginx_server(release.unpack(tmp_path_factory.mktemp("nginx-root")))


@pytest.fixture(scope="session")
def nginx_site_under_path(release, make_nginx_server, tmp_path_factory: pytest.TempPathFactory) -> NginxServer:
    root = tmp_path_factory.mktemp("nginx-parent")
    release.unpack(root, top="guide")
    return make_nginx_server(root, "/guide/")
