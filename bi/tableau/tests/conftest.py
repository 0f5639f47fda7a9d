"""Real PostgreSQL, dbt and Hyper: one small sandbox run (the TypeScript pipeline through the
tests/e2e harness), the dbt marts built on it, and the tvr-tableau CLI as a new user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DBT_PROJECT = REPO_ROOT / "dbt"
FIXTURES = Path(os.environ.get("FIXTURES_DIR") or REPO_ROOT.parent / "shared" / "fixtures") / "tableau"
SCHEMA = FIXTURES / "twb_2026.2.0.validate.xsd"


@dataclass(frozen=True)
class Database:
    url: str
    name: str

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True)


def admin_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


def drop_database(url: str, name: str) -> None:
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def dbt(database: str, project: Path, scratch: Path, *args: str) -> None:
    env = {**os.environ, "DBT_PGDATABASE": database, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            *args,
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(scratch / "target"),
            "--log-path",
            str(scratch / "logs"),
        ],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tvr_tableau.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def marts_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A finished sandbox run with its marts built by dbt, in a database of its own."""
    out = subprocess.run(
        ["pnpm", "-s", "exec", "tsx", "tests/e2e/src/sandbox-run-database.ts", "20"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    url, name = loaded["databaseUrl"], loaded["databaseUrl"].rsplit("/", 1)[1]
    try:
        assert loaded["status"] == "succeeded", loaded["status"]
        dbt(
            name,
            DBT_PROJECT,
            tmp_path_factory.mktemp("dbt"),
            "build",
            "--vars",
            json.dumps({"run_id": loaded["runId"]}),
        )
        yield Database(url, name)
    finally:
        drop_database(url, name)


@pytest.fixture(scope="session")
def built(marts_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`tvr-tableau all` on the marts: the dist directory holding the .twb and the .twbx."""
    dist = tmp_path_factory.mktemp("dist")
    result = run_cli("all", env={"DATABASE_URL": marts_db.url, "TABLEAU_DIST_DIR": str(dist)})
    assert result.returncode == 0, result.stderr
    return dist


@pytest.fixture
def schema() -> Path:
    if not SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"Tableau schema fixture missing: {SCHEMA} (set FIXTURES_DIR)")
        pytest.skip(f"Tableau schema fixture not found at {SCHEMA} (set FIXTURES_DIR)")
    if shutil.which("xmllint") is None:
        pytest.fail("xmllint missing (libxml2-utils; scripts/setup.sh installs it)")
    return SCHEMA
