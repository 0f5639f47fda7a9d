"""`transform`: `dbt build` for one run through dbt's programmatic API, every node recorded."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

import psycopg
from dbt.cli.main import dbtRunner

from .config import Config

FAILED_STATUSES = {"error", "fail", "runtime error"}


@dataclass(frozen=True)
class NodeResult:
    node: str
    name: str
    resource_type: str
    status: str
    message: str | None
    rows_affected: int | None
    execution_seconds: float


@dataclass(frozen=True)
class Transform:
    run_id: str
    success: bool
    nodes: list[NodeResult]
    error: str | None
    duration_seconds: float

    def summary(self) -> dict[str, Any]:
        """The contract-3 return value of a `transform` job."""
        failures = [
            {"node": n.node, "reason": n.message or n.status} for n in self.nodes if n.status in FAILED_STATUSES
        ]
        if self.error and not failures:
            failures.append({"node": "dbt", "reason": self.error})
        return {
            "success": self.success,
            # Rows per model built as a table (the marts); views report no row count.
            "models": {
                n.name: n.rows_affected
                for n in self.nodes
                if n.resource_type == "model" and n.status == "success" and n.rows_affected is not None
            },
            "failures": failures,
        }


def dbt_environment(config: Config) -> dict[str, str]:
    db = config.database
    return {
        "DBT_PGHOST": db.host,
        "DBT_PGPORT": str(db.port),
        "DBT_PGUSER": db.user,
        "DBT_PGPASSWORD": db.password,
        "DBT_PGDATABASE": db.dbname,
        "DBT_TARGET_PATH": str(config.dbt_artifacts_dir / "target"),
        "DBT_LOG_PATH": str(config.dbt_artifacts_dir / "logs"),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def _dbt(config: Config, *args: str) -> Any:
    os.environ.update(dbt_environment(config))
    project = str(config.dbt_project_dir)
    return dbtRunner().invoke([*args, "--project-dir", project, "--profiles-dir", project, "--quiet"])


def run_dbt_build(config: Config, run_id: str) -> Transform:
    started = time.monotonic()
    result = _dbt(config, "build", "--vars", f"{{run_id: '{run_id}'}}")
    nodes: list[NodeResult] = []
    for r in getattr(result.result, "results", None) or []:
        response = r.adapter_response or {}
        nodes.append(
            NodeResult(
                node=r.node.unique_id,
                name=r.node.name,
                resource_type=str(r.node.resource_type),
                status=str(r.status),
                message=r.message,
                rows_affected=_rows(response.get("rows_affected")),
                execution_seconds=float(r.execution_time or 0),
            )
        )
    error = None if result.exception is None else str(result.exception)
    if result.success:
        # Documentation next to the Data Docs; a failure here does not undo a good build.
        docs = _dbt(config, "docs", "generate")
        if not docs.success:
            error = f"dbt docs generate failed: {docs.exception}"
    return Transform(run_id, bool(result.success), nodes, error, time.monotonic() - started)


def store_transform(config: Config, transform: Transform) -> None:
    """Replace the run's node results in one transaction."""
    with psycopg.connect(config.database.libpq()) as conn, conn.transaction():
        conn.execute("delete from transform_results where run_id = %s", (transform.run_id,))
        with conn.cursor() as cursor:
            cursor.executemany(
                "insert into transform_results (run_id, node, resource_type, status, message, rows_affected,"
                " execution_seconds) values (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        transform.run_id,
                        n.node,
                        n.resource_type,
                        n.status,
                        n.message,
                        n.rows_affected,
                        n.execution_seconds,
                    )
                    for n in transform.nodes
                ],
            )


def _rows(value: Any) -> int | None:
    """Postgres reports -1 for statements without a row count (views)."""
    return value if isinstance(value, int) and value >= 0 else None
