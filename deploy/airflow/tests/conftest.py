"""Real Airflow 3 for the DAG tests: an AIRFLOW_HOME in a temp dir and a metadata database of its own
(PostgreSQL, created here and dropped afterwards), configured before anything imports airflow.

Telemetry off; the DAGs folder is this project's deploy/airflow/dags. Nothing outside the temp dir and
the test database is touched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

if TYPE_CHECKING:
    from airflow.sdk import DAG
    from support import Stack

DEPLOY_DIR = Path(__file__).resolve().parents[1]
DAGS_DIR = DEPLOY_DIR / "dags"
REPO_ROOT = DEPLOY_DIR.parents[1]

_BASE_URL = os.environ.get("TEST_DATABASE_URL") or os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
_state: dict[str, str] = {}


def _database_url(name: str, driver: str = "postgresql") -> str:
    url = urllib.parse.urlsplit(_BASE_URL)
    return urllib.parse.urlunsplit(url._replace(scheme=driver, path=f"/{name}"))


def _admin(statement: str) -> None:
    with psycopg.connect(_database_url("postgres"), autocommit=True) as connection:
        connection.execute(statement.encode())


def pytest_configure(config: pytest.Config) -> None:
    name = f"tvr_test_airflow_{secrets.token_hex(4)}"
    home = tempfile.mkdtemp(prefix="tvr-airflow-home-")
    _state.update(name=name, home=home)
    _admin(f'create database "{name}"')
    os.environ.update(
        {
            "AIRFLOW_HOME": home,
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": _database_url(name, "postgresql+psycopg"),
            # psycopg 3 serves the async engine too (Airflow would otherwise want asyncpg).
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": _database_url(name, "postgresql+psycopg"),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_DIR),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
            "SCARF_ANALYTICS": "false",
            "DO_NOT_TRACK": "1",
        }
    )
    migrate = subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"], capture_output=True, text=True, check=False
    )
    if migrate.returncode != 0:
        raise pytest.UsageError(f"airflow db migrate failed:\n{migrate.stdout}\n{migrate.stderr}")
    sys.path.insert(0, str(DAGS_DIR))


def pytest_unconfigure(config: pytest.Config) -> None:
    if "name" not in _state:
        return
    from airflow import settings

    # Dropping the database matters more than a clean dispose.
    with contextlib.suppress(Exception):
        settings.dispose_orm()
    _admin(f'drop database if exists "{_state["name"]}" with (force)')
    shutil.rmtree(_state["home"], ignore_errors=True)


# Fixtures. Imported lazily: airflow must not be imported before pytest_configure has set it up.


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    from support import pipeline_stack

    with pipeline_stack(catalog_size=20) as running:
        yield running


@pytest.fixture
def api_connection(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Stack:
    monkeypatch.setenv("AIRFLOW_CONN_TV_RATINGS_API", stack.api_connection())
    return stack


@pytest.fixture
def weekly_dag() -> DAG:
    from airflow.dag_processing.dagbag import DagBag

    from tv_ratings.operators import RunFinishedSensor

    bag = DagBag(dag_folder=str(DAGS_DIR))
    assert bag.import_errors == {}
    dag: DAG | None = bag.get_dag("tv_series_weekly")
    assert dag is not None
    # The DAG checks every 5 minutes; a sandbox run over 20 series takes seconds.
    wait = dag.get_task("wait_for_run")
    assert isinstance(wait, RunFinishedSensor)
    wait.poke_interval = 0.5
    return dag
