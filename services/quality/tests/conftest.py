"""Real PostgreSQL, Redis, GX and dbt: one sandbox run loaded by the TypeScript pipeline per module."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tvr_quality.config import REPO_ROOT, Config, load_config

TESTS = Path(__file__).parent
# The payload schema is generated from zod by branch i9a; until it is on main the tests use a copy of its expected content.
SCHEMA = REPO_ROOT / "packages" / "queues" / "schemas" / "quality.schema.json"
PAYLOAD_SCHEMA = SCHEMA if SCHEMA.is_file() else TESTS / "fixtures" / "quality.schema.json"


@dataclass
class LoadedRun:
    config: Config
    run_id: str
    truth: dict[str, Any]

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.config.database.libpq(), autocommit=True)


def sandbox_run(catalog_size: int, tmp: Path) -> LoadedRun:
    out = subprocess.run(
        ["pnpm", "-s", "exec", "tsx", "tests/e2e/src/sandbox-run-database.ts", str(catalog_size)],
        cwd=REPO_ROOT, check=True, capture_output=True, text=True, timeout=240,
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded["status"] == "succeeded", loaded["status"]
    config = load_config(
        {
            "DATABASE_URL": loaded["databaseUrl"],
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"),
            "QUALITY_OUTPUT_DIR": str(tmp / "quality"),
            "QUALITY_PAYLOAD_SCHEMA": str(PAYLOAD_SCHEMA),
        }
    )
    with psycopg.connect(config.database.libpq(), autocommit=True) as conn:
        # Contract 4's tables, until branch i9a's migration creates them.
        conn.execute((TESTS / "sql" / "quality_tables.sql").read_text())
    return LoadedRun(config, loaded["runId"], loaded["truth"])


def drop(run: LoadedRun) -> None:
    admin = replace(run.config.database, dbname="postgres")
    with psycopg.connect(admin.libpq(), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{run.config.database.dbname}" with (force)')


@pytest.fixture(scope="module")
def loaded_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoadedRun]:
    run = sandbox_run(40, tmp_path_factory.mktemp("run"))
    yield run
    drop(run)
