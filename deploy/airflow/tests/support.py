"""Test support: import paths, the real API service as a subprocess, and a scripted fake API."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional, Tuple

TESTS_DIR = Path(__file__).resolve().parent
DAGS_DIR = TESTS_DIR.parent / "dags"
STUB_DIR = TESTS_DIR / "airflow_stub"
REPO_ROOT = TESTS_DIR.parents[2]

for path in (str(DAGS_DIR), str(STUB_DIR)):
    if path not in sys.path:
        sys.path.insert(0, path)

DATABASE_BASE_URL = os.environ.get("TEST_DATABASE_URL") or os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")

# Dropping the database and deleting the queue keys with the project's own clients (pg, ioredis).
_CLEANUP_JS = """
import { createRequire } from "node:module";
const [root, databaseUrl, redisUrl, prefix] = process.argv.slice(1);
const pg = createRequire(`${root}/packages/db/package.json`)("pg");
const { Redis } = createRequire(`${root}/packages/queues/package.json`)("ioredis");
const admin = new URL(databaseUrl);
const name = admin.pathname.slice(1);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`drop database if exists "${name}" with (force)`);
await client.end();
const redis = new Redis(redisUrl);
let cursor = "0";
do {
  const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== "0");
redis.disconnect();
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ApiProcess:
    """The real API service (node services/api/src/main.ts) on a fresh database and queue prefix."""

    def __init__(self) -> None:
        suffix = secrets.token_hex(4)
        url = urllib.parse.urlsplit(DATABASE_BASE_URL)
        self.database_url = urllib.parse.urlunsplit(url._replace(path=f"/tvr_test_airflow_{suffix}"))
        self.prefix = f"tvrtest-airflow-{suffix}"
        self.token = secrets.token_hex(16)
        self.basic = ("airflow", secrets.token_hex(8))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: Optional[subprocess.Popen] = None
        self.log_path = Path(tempfile.gettempdir()) / f"tvr-airflow-test-api-{suffix}.log"

    def start(self) -> "ApiProcess":
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", "/tmp"),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": REDIS_URL,
            "QUEUE_PREFIX": self.prefix,
            "API_PORT": str(self.port),
            "API_HOST": "127.0.0.1",
            "API_TOKEN": self.token,
            "API_BASIC_USER": self.basic[0],
            "API_BASIC_PASSWORD": self.basic[1],
            "PIPELINE_MODE": "sandbox",
            "LOG_LEVEL": "warn",
        }
        subprocess.run(["pnpm", "-s", "etl", "migrate"], cwd=REPO_ROOT, env=env, check=True, capture_output=True)
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            ["node", "--import", "tsx", "services/api/src/main.ts"],
            cwd=REPO_ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"API exited during start-up:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("API did not become ready within 30 s")

    def stop(self) -> Optional[int]:
        """SIGTERM, then the exit code; drops the database and the queue keys."""
        code = None
        if self.process:
            self.process.terminate()
            code = self.process.wait(timeout=30)
            self._log.close()
        subprocess.run(
            ["node", "--input-type=module", "-e", _CLEANUP_JS, str(REPO_ROOT), self.database_url, REDIS_URL, self.prefix],
            check=True,
            capture_output=True,
        )
        if code == 0:
            self.log_path.unlink(missing_ok=True)
        return code


class FakeApi:
    """A scripted stand-in for the API: answers from `routes` and records every request."""

    def __init__(self) -> None:
        self.routes: Dict[Tuple[str, str], Tuple[int, dict]] = {}
        self.requests: List[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                fake.requests.append(
                    {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, payload = fake.routes.get((self.command, self.path), (404, {"message": "no route"}))
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = _answer
            do_POST = _answer

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
