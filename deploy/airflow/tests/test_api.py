"""The DAG's plain functions: period, idempotency key, request body, what a status means."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from airflow.sdk.exceptions import AirflowFailException

from tv_ratings.api import describe_run, idempotency_key, iso_week, run_outcome, start_run_body

MONDAY = datetime(2026, 11, 16, 3, tzinfo=UTC)


def test_period_is_the_iso_week() -> None:
    assert iso_week(MONDAY) == "2026-W47"
    assert iso_week(datetime(2027, 1, 1, tzinfo=UTC)) == "2026-W53"  # ISO year differs from the calendar's
    assert iso_week(datetime(2024, 12, 30, tzinfo=UTC)) == "2025-W01"


def test_idempotency_key_is_one_per_interval() -> None:
    assert idempotency_key("d", MONDAY, "r") == "d__2026-11-16T03:00:00+00:00"
    assert idempotency_key("d", None, "manual__2026 x") == "d__manual__2026_x"
    assert len(idempotency_key("d" * 300, None, "r")) == 200


def test_start_body_sends_key_period_and_pages() -> None:
    common: dict[str, Any] = {"dag_id": "d", "data_interval_start": MONDAY, "logical_date": MONDAY, "dag_run_id": "r"}
    assert start_run_body(**common, max_pages=2, send_period=True) == {
        "idempotencyKey": "d__2026-11-16T03:00:00+00:00",
        "period": "2026-W47",
        "maxPages": 2,
    }
    assert start_run_body(**common, max_pages=None, send_period=False) == {
        "idempotencyKey": "d__2026-11-16T03:00:00+00:00"
    }


@pytest.mark.parametrize(
    ("status", "policy", "outcome"),
    [
        ("running", "succeed", "pending"),
        ("validating", "succeed", "pending"),
        ("transforming", "fail", "pending"),
        ("succeeded", "fail", "done"),
        ("partial", "succeed", "done"),
        ("partial", "fail", "failed"),
        ("failed", "succeed", "failed"),
        ("cancelled", "succeed", "failed"),
    ],
)
def test_run_outcome(status: str, policy: str, outcome: str) -> None:
    assert run_outcome(status, policy) == outcome


def test_unknown_partial_policy_fails_the_task() -> None:
    with pytest.raises(AirflowFailException, match="partial_policy"):
        run_outcome("partial", "maybe")


def test_describe_run() -> None:
    run = {"id": "x", "status": "running", "series": {"loaded": 3, "discovered": 20, "failed": 1}}
    assert describe_run(run | {"eta": {"remainingSeconds": 600}}) == (
        "run x: running, 3/20 series loaded, 1 failed, about 10 min to go"
    )
