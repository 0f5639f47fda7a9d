"""Publishing against a real HTTP server on loopback that speaks enough of Tableau's REST API
and records what tableauserverclient sent."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from conftest import run_cli

NS = 'xmlns="http://tableau.com/api"'
SITE_ID = "9a8b7c6d-0000-4000-8000-000000000001"
PROJECT_ID = "9a8b7c6d-0000-4000-8000-000000000002"
SECRET = "pat-secret-value-1234"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeTableau(BaseHTTPRequestHandler):
    recorded: list[Recorded]
    projects: list[str]

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, status: int, body: str) -> None:
        data = f'<?xml version="1.0" encoding="UTF-8"?><tsResponse {NS}>{body}</tsResponse>'.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> Recorded:
        length = int(self.headers.get("Content-Length") or 0)
        item = Recorded(
            self.command,
            unquote_plus(self.path),
            {k.lower(): v for k, v in self.headers.items()},
            self.rfile.read(length),
        )
        self.recorded.append(item)
        return item

    def do_GET(self) -> None:
        self._record()
        if self.path.endswith("/serverInfo"):
            self._answer(
                200,
                "<serverInfo><productVersion build='20242'>2024.2</productVersion>"
                "<restApiVersion>3.23</restApiVersion></serverInfo>",
            )
        elif "/projects" in self.path:
            items = "".join(
                f"<project id='{PROJECT_ID}' name='{p}' contentPermissions='ManagedByOwner'/>" for p in self.projects
            )
            self._answer(
                200,
                f"<pagination pageNumber='1' pageSize='100' totalAvailable='{len(self.projects)}'/>"
                f"<projects>{items}</projects>",
            )
        else:
            self._answer(404, "<error code='404000'><summary>Not found</summary></error>")

    def do_POST(self) -> None:
        item = self._record()
        if item.path.endswith("/auth/signin"):
            self._answer(
                200,
                f"<credentials token='session-token'><site id='{SITE_ID}' contentUrl='analytics'/>"
                "<user id='user-1'/></credentials>",
            )
        elif item.path.endswith("/auth/signout"):
            self.send_response(204)
            self.end_headers()
        elif "/workbooks" in item.path:
            name = "tv_ratings"
            self._answer(
                201,
                f"<workbook id='wb-{len(self.recorded)}' name='{name}' contentUrl='{name}'>"
                f"<project id='{PROJECT_ID}' name='TV ratings'/><owner id='user-1'/></workbook>",
            )
        else:
            self._answer(404, "<error code='404000'><summary>Not found</summary></error>")


@pytest.fixture
def fake_tableau() -> Iterator[tuple[str, type[FakeTableau]]]:
    handler = type("Handler", (FakeTableau,), {"recorded": [], "projects": ["TV ratings"]})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def publish_env(url: str, dist: Path) -> dict[str, str]:
    return {
        "TABLEAU_SERVER_URL": url,
        "TABLEAU_SITE": "analytics",
        "TABLEAU_PROJECT": "TV ratings",
        "TABLEAU_TOKEN_NAME": "ci-token",
        "TABLEAU_TOKEN_SECRET": SECRET,
        "TABLEAU_DIST_DIR": str(dist),
        "DATABASE_URL": "postgres://analyst@db.example:5432/tv_ratings",
    }


def test_publish_signs_in_with_the_token_finds_the_project_and_uploads_both_workbooks(
    built: Path, fake_tableau: tuple[str, type[FakeTableau]]
) -> None:
    url, handler = fake_tableau
    result = run_cli("publish", env=publish_env(url, built))
    assert result.returncode == 0, result.stderr
    assert SECRET not in result.stdout + result.stderr
    signin = next(r for r in handler.recorded if r.path.endswith("/auth/signin"))
    assert b'personalAccessTokenName="ci-token"' in signin.body
    assert f'personalAccessTokenSecret="{SECRET}"'.encode() in signin.body
    assert b'contentUrl="analytics"' in signin.body
    lookup = next(r for r in handler.recorded if "/projects" in r.path)
    assert lookup.path.startswith(f"/api/3.23/sites/{SITE_ID}/projects")
    assert "filter=name:eq:TV ratings" in lookup.path
    uploads = [r for r in handler.recorded if r.method == "POST" and "/workbooks" in r.path]
    assert len(uploads) == 2
    for upload, filename in zip(uploads, ("tv_ratings.twb", "tv_ratings.twbx"), strict=True):
        assert upload.path.startswith(f"/api/3.23/sites/{SITE_ID}/workbooks?")
        assert "overwrite=true" in upload.path
        assert upload.headers["x-tableau-auth"] == "session-token"
        assert upload.headers["content-type"].startswith("multipart/mixed")
        assert f'filename="{filename}"'.encode() in upload.body
        assert f'id="{PROJECT_ID}"'.encode() in upload.body
        assert (built / filename).read_bytes() in upload.body
    assert "published tv_ratings to project TV ratings" in result.stdout


def test_a_missing_project_is_named(built: Path, fake_tableau: tuple[str, type[FakeTableau]]) -> None:
    url, handler = fake_tableau
    handler.projects = []
    result = run_cli("publish", env=publish_env(url, built))
    assert result.returncode == 1
    assert "project 'TV ratings' (TABLEAU_PROJECT) does not exist" in result.stderr
    assert not [r for r in handler.recorded if "/workbooks" in r.path]


def test_a_missing_token_is_named_and_nothing_is_sent(
    tmp_path: Path, fake_tableau: tuple[str, type[FakeTableau]]
) -> None:
    url, handler = fake_tableau
    env = publish_env(url, tmp_path)
    env["TABLEAU_TOKEN_SECRET"] = ""
    result = run_cli("publish", env=env)
    assert result.returncode == 1
    assert "TABLEAU_TOKEN_SECRET" in result.stderr
    assert handler.recorded == []


def test_publishing_before_building_says_what_to_run(
    tmp_path: Path, fake_tableau: tuple[str, type[FakeTableau]]
) -> None:
    url, handler = fake_tableau
    result = run_cli("publish", env=publish_env(url, tmp_path))
    assert result.returncode == 1
    assert "not built yet" in result.stderr
    assert "tvr-tableau all" in result.stderr
    assert handler.recorded == []
