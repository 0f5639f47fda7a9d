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
from psycopg.rows import DictRow, TupleRow, dict_row
from tvr_quality.config import REPO_ROOT, Config, load_config

# Generated from the zod schema in packages/queues (`pnpm --filter @tvr/queues schemas`).
PAYLOAD_SCHEMA = REPO_ROOT / "packages" / "queues" / "schemas" / "quality.schema.json"


@dataclass
class LoadedRun:
    config: Config
    run_id: str
    truth: dict[str, Any]

    def connect(self) -> psycopg.Connection[TupleRow]:
        return psycopg.connect(self.config.database.libpq(), autocommit=True)

    def connect_dicts(self) -> psycopg.Connection[DictRow]:
        return psycopg.connect(self.config.database.libpq(), autocommit=True, row_factory=dict_row)


def sandbox_run(catalog_size: int, tmp: Path) -> LoadedRun:
    out = subprocess.run(
        ["pnpm", "-s", "exec", "tsx", "tests/e2e/src/sandbox-run-database.ts", str(catalog_size)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=240,
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
