"""``make serve``'s server (release.serve) answers with the headers the release's nginx
gives: both read deploy/cluster-guide.conf, served side by side on one folder."""

from __future__ import annotations

import http.server
import socket
import struct
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from release import serve

ROOT = Path(__file__).resolve().parents[2]
# One file of each kind the site serves, at a URL of each caching rule.
FILES = {
    "index.html": b"<!doctype html><title>x</title>",
    "404.html": b"<!doctype html><title>404</title>",
    "sw.js": b"// sw",
    "assets/pyodide/pyodide.asm.wasm": b"\0asm\1\0\0\0",
    "assets/pyodide/pyodide.mjs": b"export {};",
    "assets/pyodide/pyodide-lock.json": b"{}",
    "assets/pyodide/wheels/0123456789abcdef/x-1-py3-none-any.whl": b"PK",
    "assets/javascripts/bundle.0123abcd.min.js": b"//",
    "assets/stylesheets/site.css": b"a{}",
    "checker/index.html": b"<!doctype html>",
    "downloads/form.docx": b"PK",
    "deploy/cluster-guide.conf": b"# conf",
}
URLS = (
    "/", "/index.html", "/sw.js", "/checker/", "/assets/pyodide/pyodide.asm.wasm?v=314.0.7",
    "/assets/pyodide/pyodide.mjs?v=abc", "/assets/pyodide/pyodide-lock.json",
    "/assets/pyodide/wheels/0123456789abcdef/x-1-py3-none-any.whl",
    "/assets/javascripts/bundle.0123abcd.min.js", "/assets/stylesheets/site.css",
    "/downloads/form.docx", "/deploy/cluster-guide.conf", "/missing",
)
COMPARED = ("content-type", "cache-control", "content-security-policy", "x-content-type-options",
            "referrer-policy", "x-frame-options", "cross-origin-opener-policy",
            "cross-origin-resource-policy", "permissions-policy")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _headers(url: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


@pytest.fixture()
def both(tmp_path: Path):
    for name, data in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    ours = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve.handler(tmp_path, quiet=True))
    threading.Thread(target=ours.serve_forever, daemon=True).start()
    port = _free_port()
    nginx = subprocess.Popen(["sh", str(ROOT / "deploy" / "serve-nginx.sh"), str(tmp_path), str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60  # a loaded machine starts nginx slowly
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if nginx.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not start: {nginx.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{ours.server_address[1]}", f"http://127.0.0.1:{port}"
    finally:
        ours.shutdown()
        ours.server_close()
        nginx.terminate()
        nginx.wait(timeout=30)


def test_release_serve_sends_what_nginx_sends(both) -> None:
    ours, nginx = both
    for url in URLS:
        status, mine = _headers(ours + url)
        expected_status, theirs = _headers(nginx + url)
        assert status == expected_status, url
        differ = {key: (mine.get(key), theirs.get(key)) for key in COMPARED if mine.get(key) != theirs.get(key)}
        assert not differ, (url, differ)


def test_rules_are_read_from_the_configuration() -> None:
    rules = serve.read_rules()
    assert rules.content_type("x.wasm") == "application/wasm"
    assert rules.cache_control("/assets/pyodide/pyodide.asm.wasm?v=1").endswith("immutable")
    assert rules.cache_control("/sw.js") == rules.cache_default == "no-cache"
    assert ("Cache-Control", None) in rules.headers  # the map's value, per request


def test_a_connection_the_browser_resets_is_no_traceback(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # Chromium resets kept-alive connections it no longer needs; `make serve` must stay quiet.
    (tmp_path / "index.html").write_bytes(FILES["index.html"])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve.handler(tmp_path, quiet=True))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for request in (b"", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"):
            client = socket.create_connection(server.server_address, timeout=5)
            client.sendall(request)
            time.sleep(0.2)  # let the handler block on the connection before it is reset
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()  # linger 0: an RST, as the browser sends
        time.sleep(0.5)
        status, _ = _headers(f"http://127.0.0.1:{server.server_address[1]}/")
        assert status == 200
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err
