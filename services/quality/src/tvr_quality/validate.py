"""`validate`: the GX checkpoint on one run's rows, its results stored and summarised."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg

from . import gx_project
from .config import Config
from .suites import SCORE_RANGES, nonnull_parameter


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation_id: str
    expectation_type: str
    column: str | None
    severity: str
    success: bool
    observed: Any
    unexpected_share: float | None
    details: dict[str, Any]


@dataclass
class SuiteOutcome:
    suite: str
    expectations: list[ExpectationOutcome] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return all(e.success for e in self.expectations)

    @property
    def failed(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectations if not e.success]


@dataclass
class Validation:
    run_id: str
    suites: list[SuiteOutcome]
    data_docs_path: str
    series_loaded: int
    latest_collected_at: datetime | None

    def summary(self) -> dict[str, Any]:
        """The contract-3 return value of a `validate` job."""
        failed = [e for s in self.suites for e in s.failed]
        critical = [e for e in failed if e.severity == "critical"]

        def listed(e: ExpectationOutcome) -> dict[str, Any]:
            return {"suite": e.suite, "expectation": e.expectation_id, "column": e.column, "observed": e.observed}

        return {
            "success": not critical,
            "suites": [
                {"suite": s.suite, "success": s.success, "evaluated": len(s.expectations), "failed": len(s.failed)}
                for s in self.suites
            ],
            "criticalFailures": [listed(e) for e in critical],
            "warnings": [listed(e) for e in failed if e.severity == "warning"],
        }


def _json_safe(value: Any) -> Any:
    """GX results hold Decimals, datetimes and NaN: make them plain JSON."""
    return json.loads(json.dumps(value, default=str), parse_constant=lambda _: None) if value is not None else None


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _outcome(suite: str, result: Any) -> ExpectationOutcome:
    config = result.expectation_config
    meta = config.meta or {}
    details = _json_safe(result.result) or {}
    observed = details.get("observed_value")
    if observed is None and details.get("partial_unexpected_list"):
        observed = details["partial_unexpected_list"]
    share = details.get("unexpected_percent")
    if (
        "unexpected_percent" not in details
        and config.type == "expect_column_proportion_of_non_null_values_to_be_between"
    ):
        share = None
    return ExpectationOutcome(
        suite=suite,
        expectation_id=meta.get("name", config.type),
        expectation_type=config.type,
        column=config.kwargs.get("column"),
        severity=meta.get("severity", "critical"),
        success=bool(result.success),
        observed=_finite(observed),
        unexpected_share=None if share is None else float(share) / 100,
        details=details,
    )


def _run_facts(conn: psycopg.Connection, run_id: str) -> tuple[int, datetime | None]:
    row = conn.execute(
        "select (select count(*) from run_series where run_id = %s and outcome = 'loaded'),"
        " (select max(collected_at) from ratings where run_id = %s)",
        (run_id, run_id),
    ).fetchone()
    assert row is not None
    return int(row[0]), row[1]


def run_checkpoint(config: Config, run_id: str) -> Validation:
    with psycopg.connect(config.database.libpq()) as conn:
        series_loaded, latest_collected_at = _run_facts(conn, run_id)
        if conn.execute("select 1 from pipeline_runs where id = %s", (run_id,)).fetchone() is None:
            raise LookupError(f"no run {run_id}")
    docs_dir = config.data_docs_dir
    docs_dir.mkdir(parents=True, exist_ok=True)
    os.environ[gx_project.CONNECTION_ENV] = gx_project.connection_string(config.database, run_id)
    os.environ[gx_project.DATA_DOCS_ENV] = str(docs_dir)
    context = gx_project.open_context()
    gx_project.ensure_project(context)
    parameters: dict[str, Any] = {
        "series_loaded": series_loaded,
        "max_collected_age_hours": config.max_collected_age_hours,
        "max_first_air_year": datetime.now(UTC).year + 1,
    }
    for column in SCORE_RANGES:
        parameters[nonnull_parameter(column)] = config.min_nonnull_share[column]
    checkpoint = context.checkpoints.get(gx_project.CHECKPOINT)
    result = checkpoint.run(
        expectation_parameters=parameters,
        run_id=None,
    )
    suites: list[SuiteOutcome] = []
    for validation in result.run_results.values():
        suite_name = validation.suite_name
        suites.append(SuiteOutcome(suite_name, [_outcome(suite_name, r) for r in validation.results]))
    suites.sort(key=lambda s: s.suite)
    return Validation(
        run_id=run_id,
        suites=suites,
        data_docs_path=str(docs_dir / "index.html"),
        series_loaded=series_loaded,
        latest_collected_at=latest_collected_at,
    )


def store_validation(config: Config, validation: Validation) -> None:
    """Replace the run's results, per suite, in one transaction (re-validation is idempotent)."""
    with psycopg.connect(config.database.libpq()) as conn, conn.transaction():
        for suite in validation.suites:
            conn.execute(
                "delete from quality_expectation_results where run_id = %s and suite = %s",
                (validation.run_id, suite.suite),
            )
            conn.execute(
                "delete from quality_validations where run_id = %s and suite = %s", (validation.run_id, suite.suite)
            )
            conn.execute(
                "insert into quality_validations"
                " (run_id, suite, success, evaluated, failed, critical_failed, data_docs_path)"
                " values (%s, %s, %s, %s, %s, %s, %s)",
                (
                    validation.run_id,
                    suite.suite,
                    suite.success,
                    len(suite.expectations),
                    len(suite.failed),
                    sum(1 for e in suite.failed if e.severity == "critical"),
                    validation.data_docs_path,
                ),
            )
            with conn.cursor() as cursor:
                cursor.executemany(
                    "insert into quality_expectation_results (run_id, suite, expectation_id, expectation_type,"
                    " column_name, severity, success, observed_value, unexpected_share, details)"
                    " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [
                        (
                            validation.run_id,
                            e.suite,
                            e.expectation_id,
                            e.expectation_type,
                            e.column,
                            e.severity,
                            e.success,
                            psycopg.types.json.Jsonb(e.observed) if e.observed is not None else None,
                            e.unexpected_share,
                            psycopg.types.json.Jsonb(e.details),
                        )
                        for e in suite.expectations
                    ],
                )
