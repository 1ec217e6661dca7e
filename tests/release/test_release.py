"""`make release`: the archives, their compressed siblings, the sums, and the nginx
configuration they ship with (deploy/), checked over real HTTP.

The release is the session's (tests/conftest.py ``release``: made from the one
site build); ``nginx_site`` serves its unpacked .tar.gz with deploy/serve-nginx.sh.
"""

from __future__ import annotations

import gzip
import subprocess
import tarfile
import urllib.request
import zipfile
from pathlib import Path

import brotli
import pytest

from release.build import make_release
from release.compress import COMPRESSIBLE

ROOT = Path(__file__).resolve().parents[2]
from csp import header_policy  # noqa: E402  (the policy, read from deploy/cluster-guide.conf)

CONF = ROOT / "deploy" / "cluster-guide.conf"

pytestmark = pytest.mark.timeout(900)


def get(url: str, encoding: str = "br, gzip") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_archives_hold_the_site_under_one_top_folder(release, built_site: Path) -> None:
    with tarfile.open(release.tar_gz) as tar:
        tar_names = {m.name for m in tar.getmembers()}
        assert all(m.uid == 0 and m.gid == 0 and m.mtime == release.epoch for m in tar.getmembers())
    with zipfile.ZipFile(release.zip) as archive:
        zip_names = {n.rstrip("/") for n in archive.namelist()}
    assert tar_names == zip_names
    assert {name.split("/")[0] for name in tar_names} == {release.name}
    site_files = {f"{release.name}/{p.relative_to(built_site).as_posix()}" for p in built_site.rglob("*") if p.is_file()}
    assert site_files <= tar_names
    assert f"{release.name}/index.html" in tar_names and f"{release.name}/checker/index.html" in tar_names


def test_every_file_that_compresses_has_its_br_and_gz(release, tmp_path: Path) -> None:
    site = release.unpack(tmp_path)
    checked = 0
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
        if br.exists():
            assert brotli.decompress(br.read_bytes()) == data and br.stat().st_size <= 0.95 * len(data)
        if gz.exists():
            assert gzip.decompress(gz.read_bytes()) == data
            assert gz.stat().st_size < len(data) or path.name == "sitemap.xml"  # MkDocs writes its own .gz
        text = path.suffix in (".html", ".css", ".js", ".mjs", ".json", ".wasm")
        if len(data) > 1024 and (text or path.parent.parent.name == "wheels" or path.name == "python_stdlib.zip"):
            assert br.exists() and gz.exists(), path
        checked += 1
    assert checked > 50
    runtime = site / "assets" / "pyodide"
    wasm, stdlib = runtime / "pyodide.asm.wasm", runtime / "python_stdlib.zip"
    assert wasm.with_name(wasm.name + ".br").stat().st_size < 0.32 * wasm.stat().st_size
    # The runtime's zips are stored, so brotli does what deflate would, and better.
    assert stdlib.with_name(stdlib.name + ".br").stat().st_size < 0.35 * stdlib.stat().st_size


def test_sums_check_and_deploy_files_ship(release) -> None:
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=release.dist, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = {line.split("  ", 1)[1] for line in release.sums.read_text().splitlines()}
    assert listed == {release.tar_gz.name, release.zip.name, "deploy/cluster-guide.conf", "deploy/serve-nginx.sh"}
    assert (release.dist / "deploy" / "cluster-guide.conf").read_bytes() == CONF.read_bytes()


def test_a_second_release_from_a_fresh_build_is_byte_identical(release, tmp_path: Path) -> None:
    again = make_release(tmp_path / "dist", root=ROOT, work=tmp_path / "work")
    assert again.name == release.name
    assert again.sums.read_text() == release.sums.read_text()


# ---------------------------------------------------------------------------
# The nginx configuration, over HTTP


def test_wasm_is_application_wasm_in_brotli_and_immutable(nginx_site) -> None:
    status, headers, body = get(nginx_site.url("assets/pyodide/pyodide.asm.wasm?v=314.0.7"))
    assert status == 200
    assert headers["content-type"] == "application/wasm"
    assert headers["content-encoding"] == "br"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert brotli.decompress(body)[:4] == b"\0asm"
    status, headers, _ = get(nginx_site.url("assets/pyodide/pyodide.asm.wasm?v=314.0.7"), encoding="gzip")
    assert headers["content-encoding"] == "gzip"
    status, headers, body = get(nginx_site.url("assets/pyodide/pyodide.asm.wasm?v=314.0.7"), encoding="identity")
    assert "content-encoding" not in headers and body[:4] == b"\0asm"


def test_scripts_are_text_javascript(nginx_site) -> None:
    for path in ("assets/pyodide/pyodide.mjs", "checker/worker.js", "assets/javascripts/pyodide_start.js"):
        _, headers, _ = get(nginx_site.url(path))
        assert headers["content-type"] == "text/javascript; charset=utf-8", path


def test_pages_and_the_service_worker_are_revalidated_every_time(nginx_site) -> None:
    for path in ("", "checker/", "standard/", "sw.js"):
        status, headers, _ = get(nginx_site.url(path))
        assert status == 200, path
        assert headers["cache-control"] == "no-cache", path
    # A versioned script (its URL names its content) is kept for a year.
    _, headers, _ = get(nginx_site.url("checker/checker.js?v=anything"))
    assert headers["cache-control"] == "public, max-age=31536000, immutable"


def test_every_response_carries_the_policy_and_the_security_headers(nginx_site) -> None:
    for path in ("", "checker/", "assets/pyodide/pyodide.asm.wasm?v=314.0.7", "no-such-page/"):
        status, headers, _ = get(nginx_site.url(path))
        assert headers["content-security-policy"] == header_policy(), path
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cross-origin-opener-policy"] == "same-origin"
        assert "server" not in headers or headers["server"] == "nginx"  # no version
    assert get(nginx_site.url("no-such-page/"))[0] == 404


def test_the_same_release_serves_under_a_sub_path(nginx_site_under_path) -> None:
    status, headers, body = get(nginx_site_under_path.url("checker/"), encoding="identity")
    assert status == 200 and "在线自评" in body.decode("utf-8")
    status, headers, _ = get(nginx_site_under_path.url("assets/pyodide/pyodide.asm.wasm?v=314.0.7"))
    assert status == 200 and headers["content-encoding"] == "br"


def test_serve_nginx_refuses_bad_arguments(tmp_path: Path) -> None:
    script = ROOT / "deploy" / "serve-nginx.sh"
    for args in ([], [str(tmp_path)], [str(tmp_path / "missing"), "8080"], [str(tmp_path), "eighty"]):
        done = subprocess.run(["sh", str(script), *args], capture_output=True, text=True, timeout=30)
        assert done.returncode == 2 and "usage" in done.stderr, args
