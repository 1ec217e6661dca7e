"""Serve a built site on the loopback with the release's HTTP rules (``make serve``).

    python -m release.serve [--port 8000] [--bind 127.0.0.1] [DIR]   (DIR: site/)

The rules come from the nginx configuration itself (``deploy/cluster-guide.conf``):
its ``types`` block, its ``charset_types``, its Cache-Control ``map`` (versioned and
hashed files immutable for a year, pages and ``sw.js`` ``no-cache``) and its other
``add_header`` lines. They are read from the file, not copied, so ``make serve``
behaves like a bureau's server: a second visit takes the versioned runtime from
the browser's cache without asking, instead of revalidating (or not) by heuristic,
as ``python -m http.server`` makes it (no Cache-Control at all). It speaks HTTP/1.1
(keep-alive). It does not send the release's ``.br``/``.gz`` siblings (a plain
build has none; on the loopback compression buys nothing). Standard library only;
not a production server.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "deploy" / "cluster-guide.conf"


@dataclass(frozen=True)
class Rules:
    """What the nginx configuration says about every response."""

    types: dict[str, str]  # ".wasm" -> "application/wasm"
    default_type: str
    charset: str
    charset_types: frozenset[str]
    cache: tuple[tuple[re.Pattern[str], str], ...]  # (pattern on the request URI, Cache-Control), in order
    cache_default: str
    headers: tuple[tuple[str, str | None], ...]  # every add_header; None: the map's value for the URI

    def cache_control(self, request_uri: str) -> str:
        for pattern, value in self.cache:
            if pattern.search(request_uri):
                return value
        return self.cache_default

    def content_type(self, path: str) -> str:
        kind = self.types.get(os.path.splitext(path)[1].lower(), self.default_type)
        return f"{kind}; charset={self.charset}" if kind in self.charset_types else kind


# nginx's tokens: a quoted string (quotes removed), a bare word, or one of ; { }.
TOKEN = re.compile(r'#[^\n]*|"((?:[^"\\]|\\.)*)"|([;{}])|([^\s;{}"]+)')


def _statements(text: str) -> list[list[str]]:
    """Every `name args…` of `text`, at any depth, in order (a `{` or `}` ends one too)."""
    statements, words = [], []
    for match in TOKEN.finditer(text):
        quoted, mark, bare = match.groups()
        if mark:
            if words:
                statements.append(words)
            words = []
        elif quoted is not None or bare:
            words.append(quoted if quoted is not None else bare)
    return statements


def read_rules(conf: Path = CONF) -> Rules:
    text = conf.read_text(encoding="utf-8")
    cache_block = re.search(r"map\s+\$request_uri\s+\$(\w+)\s*\{(.*?)\n\}", text, re.S)
    if not cache_block:
        raise ValueError(f"{conf.name}: no `map $request_uri $… {{…}}` block")
    variable, body = cache_block.groups()
    cache, cache_default = [], None
    for key, value in _statements(body):
        if key == "default":
            cache_default = value
        else:
            # nginx: "~" is a case-sensitive regex, "~*" a case-insensitive one.
            if key.startswith("~*"):
                pattern = re.compile(key[2:], re.I)
            else:
                pattern = re.compile(key[1:]) if key.startswith("~") else re.compile(f"^{re.escape(key)}$")
            cache.append((pattern, value))
    types_block = re.search(r"\btypes\s*\{(.*?)\}", text, re.S)
    if not types_block:
        raise ValueError(f"{conf.name}: no `types {{…}}` block")
    types = {}
    for kind, *extensions in _statements(types_block.group(1)):
        types.update({f".{ext}": kind for ext in extensions})
    statements = _statements(text[cache_block.end():types_block.start()] + text[types_block.end():])
    single = {words[0]: words[1:] for words in statements}
    headers = tuple((words[1], None if words[2] == f"${variable}" else words[2])
                    for words in statements if words[0] == "add_header")
    if cache_default is None or "default_type" not in single:
        raise ValueError(f"{conf.name}: the map needs a default and the server a default_type")
    return Rules(
        types=types, default_type=single["default_type"][0], charset=single.get("charset", ["utf-8"])[0],
        # nginx always adds the charset to text/html, whatever charset_types lists.
        charset_types=frozenset({"text/html", *single.get("charset_types", ())}), cache=tuple(cache),
        cache_default=cache_default, headers=headers,
    )


class Handler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with the configuration's types and headers."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a browser gets from nginx
    rules: Rules = None  # type: ignore[assignment]  # set by handler()

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        return self.rules.content_type(path)

    def end_headers(self) -> None:
        for name, value in self.rules.headers:
            self.send_header(name, self.rules.cache_control(self.path) if value is None else value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()  # nginx's error_page 404 /404.html
        self.send_response(404)
        self.send_header("Content-Type", self.rules.content_type(str(page)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle(self) -> None:
        # A reload drops the connection mid-file, and the browser resets kept-alive
        # connections it no longer needs: neither is an error worth a traceback.
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def handler(directory: Path, rules: Rules | None = None, quiet: bool = False) -> functools.partial:
    """The request handler class for `directory` (for ThreadingHTTPServer)."""
    attributes = {"rules": rules or read_rules()}
    if quiet:
        attributes["log_message"] = lambda self, format, *args: None
    return functools.partial(type("SiteHandler", (Handler,), attributes), directory=str(directory))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m release.serve", description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"{args.directory}: 不是目录（先构建网站：make build）", file=sys.stderr)
        return 2
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler(args.directory.resolve()))
    print(f"http://{args.bind}:{args.port}/ ← {args.directory}（Ctrl+C 停止）")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
