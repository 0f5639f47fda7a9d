"""What the pipeline API's answers mean for the DAG's tasks. Plain functions, tested without a scheduler.

Statuses (contract 2): running, validating, transforming, then terminal succeeded | partial | failed |
cancelled. Every non-terminal status, including ones added later, means "not yet".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from airflow.sdk.exceptions import AirflowException, AirflowFailException
from requests import Response

TERMINAL_STATUSES = ("succeeded", "partial", "failed", "cancelled")
PARTIAL_POLICIES = ("succeed", "fail")
Outcome = Literal["done", "failed", "pending"]

# Answers that will be the same on a retry: bad request, credentials, unknown run, conflict.
_PERMANENT = {400, 401, 403, 404, 405, 409, 410, 422}
_KEY_UNSAFE = re.compile(r"[^\x21-\x7e]")


class RunEnded(AirflowFailException):
    """The pipeline run ended in a status the DAG counts as failure; no retry changes that."""

    def __init__(self, run: dict[str, Any], run_url: str) -> None:
        self.run_id = str(run.get("id"))
        self.status = str(run.get("status"))
        self.run_url = run_url
        reason = f": {run['error']}" if run.get("error") else ""
        super().__init__(f"pipeline run {self.run_id} ended {self.status}{reason} ({run_url})")


def iso_week(moment: datetime) -> str:
    """The run's period (contract 1): the ISO week of `moment`, as YYYY-Www."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def idempotency_key(dag_id: str, data_interval_start: datetime | None, dag_run_id: str) -> str:
    """One key per data interval, so a retry, a cleared task or a re-trigger of the same week returns the
    same run. A manual run without a data interval falls back to its DAG run id."""
    suffix = data_interval_start.isoformat() if data_interval_start is not None else dag_run_id
    return _KEY_UNSAFE.sub("_", f"{dag_id}__{suffix}")[:200]


def start_run_body(
    *,
    dag_id: str,
    data_interval_start: datetime | None,
    logical_date: datetime | None,
    dag_run_id: str,
    max_pages: int | None,
    send_period: bool,
) -> dict[str, Any]:
    """The POST /runs body for a DAG run."""
    body: dict[str, Any] = {"idempotencyKey": idempotency_key(dag_id, data_interval_start, dag_run_id)}
    week_of = data_interval_start or logical_date
    if send_period and week_of is not None:
        body["period"] = iso_week(week_of)
    if max_pages is not None:
        body["maxPages"] = max_pages
    return body


def run_outcome(status: str, partial_policy: str) -> Outcome:
    """What a run status means for the waiting task."""
    if partial_policy not in PARTIAL_POLICIES:
        raise AirflowFailException(f"partial_policy must be one of {PARTIAL_POLICIES}, got {partial_policy!r}")
    if status == "succeeded":
        return "done"
    if status == "partial":
        return "done" if partial_policy == "succeed" else "failed"
    if status in ("failed", "cancelled"):
        return "failed"
    return "pending"


@dataclass(frozen=True)
class Call:
    """One API call, named for error messages: which connection, which request."""

    conn_id: str
    method: str
    url: str

    def __str__(self) -> str:
        return f"{self.method} {self.url} (connection {self.conn_id!r})"


def parse_answer(call: Call, response: Response) -> dict[str, Any]:
    """The JSON object of a 2xx answer. Otherwise raises AirflowFailException for answers a retry won't
    change (400, 401, 404, ...) and AirflowException (retried) for 5xx, 429 and garbage."""
    status = response.status_code
    if status in _PERMANENT or (400 <= status < 500 and status != 429):
        raise AirflowFailException(f"{call}: HTTP {status}: {_reason(response)}")
    if status >= 300:
        raise AirflowException(f"{call}: HTTP {status}: {_reason(response)}")
    try:
        value = response.json()
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise AirflowException(f"{call}: HTTP {status} but the answer is not a JSON object: {_excerpt(response)}")
    return value


def _reason(response: Response) -> str:
    if response.status_code == 401:
        return "credentials refused; check the connection's login/password or its Authorization header"
    try:
        body = response.json()
    except ValueError:
        return _excerpt(response) or response.reason
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])
    return _excerpt(response) or response.reason


def _excerpt(response: Response) -> str:
    text = " ".join(response.text.split())
    return json.dumps(text[:200]) if text else "(empty body)"


def describe_run(run: dict[str, Any]) -> str:
    """One log line about a run: status, progress and ETA."""
    parts = [f"run {run.get('id')}: {run.get('status')}"]
    series = run.get("series") or {}
    if series:
        parts.append(f"{series.get('loaded', 0)}/{series.get('discovered', 0)} series loaded")
        if series.get("failed"):
            parts.append(f"{series['failed']} failed")
    eta = run.get("eta") or {}
    if eta.get("remainingSeconds") is not None:
        parts.append(f"about {round(eta['remainingSeconds'] / 60)} min to go")
    return ", ".join(parts)
