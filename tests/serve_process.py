"""A real `polemos serve` process for the API, security and browser tests (no test functions here).

The server runs as a child process on a free loopback port, exactly as a user starts it; tests talk
to it over HTTP. It is stopped by its own pid when the fixture ends.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

TOKEN = "test-token-0123456789abcdef"
REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(db: str, tmp: Path, *extra: str, token: str | None = TOKEN) -> Iterator[str]:
    """The base URL of a server on `db`; with a token file unless `token` is None."""
    port = free_port()
    command = [sys.executable, "-m", "polemos.commands", "serve", "--db", db, "--port", str(port),
               "--log-level", "warning", *extra]
    if token:
        token_file = tmp / f"token-{port}"
        token_file.write_text(token, "utf-8")
        command += ["--token-file", str(token_file)]
    log = (tmp / f"server-{port}.log").open("wb")
    env = {k: v for k, v in os.environ.items() if k != "POLEMOS_TOKEN"}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"polemos serve exited with {process.returncode}: "
                                   + (tmp / f"server-{port}.log").read_text("utf-8", "replace")[-2000:])
            try:
                with urllib.request.urlopen(base + "/api/v1/health", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, {k.lower(): v for k, v in headers.items()}, body

    def json(self) -> Any:
        return json.loads(self.body)


def call(base: str, path: str, *, method: str = "GET", body: bytes | dict | None = None,
         headers: dict[str, str] | None = None, token: str | None = None, timeout: float = 120) -> Reply:
    """One HTTP request; never raises for an HTTP status."""
    data = json.dumps(body).encode("utf-8") if isinstance(body, dict) else body
    request = urllib.request.Request(base + path, data=data, method=method, headers=dict(headers or {}))
    if isinstance(body, dict):
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Reply(reply.status, dict(reply.headers), reply.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, dict(err.headers or {}), err.read())
