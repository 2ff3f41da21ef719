"""Servers the tests start on loopback: Oxigraph's SPARQL server (PyPI package `oxigraph`),
and a proxy in a thread that misbehaves on cue before passing requests on."""
from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post_query(url: str, query: str, timeout: float = 5) -> dict:
    """SPARQL JSON results of a query sent straight to `url`."""
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return json.loads(response.read())


class OxigraphServers:
    """Starts `oxigraph serve` processes in folders from `new_folder`; `stop()` ends them."""

    def __init__(self, new_folder: Callable[[], Path]):
        self.exe = shutil.which("oxigraph")
        if self.exe is None:
            pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
        self.new_folder = new_folder
        self.processes: list[subprocess.Popen] = []

    def start(self, *files: Path, union: bool = False) -> str:
        """A server holding `files` (union: its default graph is the union of all graphs) → its query URL."""
        location = self.new_folder()
        if files:
            subprocess.run([self.exe, "load", "--location", str(location), "--file", *map(str, files)],
                           check=True, capture_output=True, timeout=120)
        url = f"http://127.0.0.1:{free_port()}/query"
        command = [self.exe, "serve", "--location", str(location), "--bind", url[7:-6]]
        proc = subprocess.Popen(command + (["--union-default-graph"] if union else []),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.processes.append(proc)
        deadline = time.monotonic() + 15
        while True:
            try:
                post_query(url, "ASK {}", timeout=1)
                return url
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read().decode()}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        for proc in self.processes:
            proc.kill()
            proc.wait(timeout=10)


class Proxy:
    """An HTTP server in a thread: each request takes the next act of `plan` ("503", "503:0"
    (with Retry-After: 0), "429:0", "500", "400", "html"), or, with the plan done, is passed
    on to `upstream` (a base URL) with its method, path, query, body and Content-Type. With
    `basic` ("user:password") set, a request without those credentials is challenged (401).
    `seen` holds each request's User-Agent and Authorization headers ("" where absent)."""

    def __init__(self, upstream: str):
        self.upstream = upstream.rstrip("/")
        self.plan: list[str] = []
        self.basic: str | None = None
        self.log: list[tuple[str, str, str]] = []  # (method, path, act)
        self.seen: list[tuple[str, str]] = []  # (User-Agent, Authorization)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle_any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                expected = "Basic " + base64.b64encode(proxy.basic.encode()).decode() if proxy.basic else None
                if expected and self.headers.get("Authorization") != expected:
                    act = "401"
                else:
                    act = proxy.plan.pop(0) if proxy.plan else "pass"
                proxy.log.append((self.command, self.path, act))
                proxy.seen.append((self.headers.get("User-Agent", ""), self.headers.get("Authorization", "")))
                try:
                    proxy.act(self, act, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def act(self, handler: BaseHTTPRequestHandler, act: str, body: bytes) -> None:
        status, _, wait = act.partition(":")
        if status == "401":
            self.reply(handler, 401, b"who are you?", "text/plain", {"WWW-Authenticate": 'Basic realm="test"'})
        elif status.isdigit():
            self.reply(handler, int(status), b"not now", "text/plain", {"Retry-After": wait} if wait else None)
        elif act == "html":
            self.reply(handler, 200, b"<html><body>Please log in to the network</body></html>", "text/html")
        else:
            headers = {k: handler.headers[k] for k in ("Content-Type", "Accept") if handler.headers[k]}
            request = urllib.request.Request(self.upstream + handler.path, data=body or None, headers=headers,
                                             method=handler.command)
            try:
                with urllib.request.urlopen(request, timeout=10) as up:
                    self.reply(handler, up.status, up.read(), up.headers.get("Content-Type", ""))
            except urllib.error.HTTPError as exc:
                self.reply(handler, exc.code, exc.read(), exc.headers.get("Content-Type", ""))

    @staticmethod
    def reply(handler, status: int, data: bytes, content_type: str, headers: dict | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for k, val in (headers or {}).items():
            handler.send_header(k, val)
        handler.end_headers()
        handler.wfile.write(data)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
