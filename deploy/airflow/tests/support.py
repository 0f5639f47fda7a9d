"""What the DAG tests start on loopback: the pipeline behind its real API (through the e2e harness's
serve.ts), a Slack incoming-webhook receiver and an SMTP server. All real servers, on free ports."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session

REPO_ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Stack:
    api_url: str
    token: str
    basic_user: str
    basic_password: str
    sandbox_control_url: str
    process: subprocess.Popen[bytes]

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.api_url + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def set_sandbox(self, knobs: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.sandbox_control_url}/config",
            data=json.dumps(knobs).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=10).close()

    def runs_with_key(self, key: str) -> list[dict[str, Any]]:
        return [run for run in self.call("GET", "/runs?limit=100")["items"] if run["idempotencyKey"] == key]

    def api_connection(self, **overrides: Any) -> str:
        """AIRFLOW_CONN_* JSON for the API: HTTP type, host = URL, the API's basic credentials."""
        conn = {"conn_type": "http", "host": self.api_url, "login": self.basic_user, "password": self.basic_password}
        return json.dumps(conn | overrides)


@contextmanager
def pipeline_stack(catalog_size: int = 20) -> Iterator[Stack]:
    """The sandbox, a fresh database and queue prefix, every worker service and the API, in one Node process.
    Closing its standard input stops it; it drops the database and deletes the queue keys on the way out."""
    process = subprocess.Popen(
        ["node", "--import", "tsx", "tests/e2e/src/serve.ts", "--catalog-size", str(catalog_size)],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "LOG_LEVEL": "warn"},
    )
    assert process.stdout is not None and process.stdin is not None
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"the pipeline stack exited during start-up (code {process.wait()})")
    info = json.loads(line)
    try:
        yield Stack(
            api_url=info["apiUrl"],
            token=info["token"],
            basic_user=info["basicUser"],
            basic_password=info["basicPassword"],
            sandbox_control_url=info["sandboxControlUrl"],
            process=process,
        )
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=30)


@dataclass
class HttpReceiver:
    """A loopback HTTP server that records each request and answers with `status` and `body`."""

    status: int = 200
    body: bytes = b"ok"
    content_type: str = "text/plain"
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                receiver.requests.append(
                    {"method": self.command, "path": self.path, "body": self.rfile.read(length) if length else b""}
                )
                self.send_response(receiver.status)
                self.send_header("Content-Type", receiver.content_type)
                self.send_header("Content-Length", str(len(receiver.body)))
                self.end_headers()
                self.wfile.write(receiver.body)

            do_GET = do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        content = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(content)))
        return "250 Message accepted for delivery"


class SmtpReceiver:
    """A real SMTP server (aiosmtpd) on loopback that keeps what it receives."""

    def __init__(self) -> None:
        self._mailbox = _Mailbox()
        # aiosmtpd checks its own port after start-up, so it needs a concrete one.
        self.port = free_port()
        self.controller = Controller(self._mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    @property
    def messages(self) -> list[tuple[list[str], Message]]:
        return self._mailbox.messages

    def close(self) -> None:
        self.controller.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)
