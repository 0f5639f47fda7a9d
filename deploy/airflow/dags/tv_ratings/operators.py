"""The DAG's two tasks: start the week's run (HttpOperator) and wait for it to end (rescheduling sensor)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Sequence
from typing import Any

import requests
from airflow.providers.http.hooks.http import HttpHook
from airflow.providers.http.operators.http import HttpOperator
from airflow.sdk import BaseSensorOperator, Context
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowNotFoundException

from tv_ratings.api import Call, RunEnded, describe_run, parse_answer, run_outcome, start_run_body

MISSING_CONNECTION = (
    "connection {conn_id!r} is not defined: create an HTTP connection with the pipeline API's URL as host "
    "and its credentials (see deploy/airflow/README.md), or set the DAG param api_conn_id"
)


class StartRunOperator(HttpOperator):
    """POST /runs with the data interval as idempotency key; returns the run id (XCom) for the sensor.

    A 4xx answer fails the task at once; 5xx, an unreachable API or a garbled answer fail the try, and the
    task's retries (exponential backoff) try again with the same key, so no second run is started.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("endpoint", "/runs")
        super().__init__(
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            extra_options={"check_response": False, "timeout": 30},
            **kwargs,
        )

    def execute(self, context: Context) -> Any:
        params = context["params"]
        dag_run = context["dag_run"]
        body = start_run_body(
            dag_id=dag_run.dag_id,
            data_interval_start=dag_run.data_interval_start,
            logical_date=dag_run.logical_date,
            dag_run_id=dag_run.run_id,
            max_pages=params.get("max_pages"),
            send_period=bool(params.get("send_period", True)),
        )
        self.data = json.dumps(body)
        self.log.info("starting the pipeline run for %s", body)
        try:
            return super().execute(context)
        except AirflowNotFoundException:
            raise AirflowFailException(MISSING_CONNECTION.format(conn_id=self.http_conn_id)) from None
        except requests.RequestException as error:
            raise AirflowException(
                f"POST {self.endpoint} (connection {self.http_conn_id!r}): API unreachable: {error}"
            ) from None

    def process_response(self, context: Context, response: requests.Response | list[requests.Response]) -> str:
        if isinstance(response, list):  # only with pagination, which this operator does not use
            raise AirflowFailException("unexpected paginated answer")
        run = parse_answer(Call(self.http_conn_id, "POST", response.url), response)
        run_id = run.get("id")
        if not isinstance(run_id, str) or not run_id:
            raise AirflowException(f"POST {response.url} (connection {self.http_conn_id!r}): answer has no run id")
        created = response.status_code == 201
        self.log.info(
            "%s pipeline run %s (%s)", "started" if created else "found the existing", run_id, run.get("status")
        )
        return run_id


class RunFinishedSensor(BaseSensorOperator):
    """Polls GET /runs/{id} until the run ends; gives the worker slot back between checks (reschedule).

    succeeded: done. failed/cancelled: fails at once (RunEnded, no retry). partial: per partial_policy.
    Any other status is "not yet". An unreachable API, 429 or 5xx is "not yet" too (the API may be
    restarting during a days-long run); the sensor's timeout bounds the wait. 4xx fails at once.
    """

    template_fields: Sequence[str] = ("run_id", "http_conn_id", "partial_policy")
    ui_color = "#d9ecf7"

    def __init__(self, *, run_id: Any, http_conn_id: str, partial_policy: str = "succeed", **kwargs: Any) -> None:
        kwargs.setdefault("mode", "reschedule")
        super().__init__(**kwargs)
        self.run_id = run_id
        self.http_conn_id = http_conn_id
        self.partial_policy = partial_policy

    def poke(self, context: Context) -> bool:
        endpoint = f"/runs/{urllib.parse.quote(str(self.run_id), safe='')}"
        hook = HttpHook(method="GET", http_conn_id=self.http_conn_id)
        try:
            response = hook.run(endpoint, extra_options={"check_response": False, "timeout": 30})
        except AirflowNotFoundException:
            raise AirflowFailException(MISSING_CONNECTION.format(conn_id=self.http_conn_id)) from None
        except requests.RequestException as error:
            self.log.warning(
                "GET %s (connection %r): API unreachable, asking again later: %s", endpoint, self.http_conn_id, error
            )
            return False
        if response.status_code == 429 or response.status_code >= 500:
            self.log.warning(
                "GET %s (connection %r): HTTP %s, asking again later",
                response.url,
                self.http_conn_id,
                response.status_code,
            )
            return False
        run = parse_answer(Call(self.http_conn_id, "GET", response.url), response)
        self.log.info("%s", describe_run(run))
        outcome = run_outcome(str(run.get("status")), str(self.partial_policy))
        if outcome == "failed":
            raise RunEnded(run, run_url=response.url)
        return outcome == "done"
