"""Bad connections and bad answers: the task fails naming the connection and what came back, at once for
answers a retry won't change (400, 401, 404, missing connection), retryably for 5xx, garbage, no answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from airflow.sdk import DAG
from airflow.sdk.exceptions import AirflowException, AirflowFailException
from support import HttpReceiver, Stack, free_port

from tv_ratings.operators import RunFinishedSensor, StartRunOperator

WEEK = datetime(2026, 4, 6, 3, tzinfo=UTC)
UNKNOWN_RUN = "00000000-0000-4000-8000-000000000000"


def start(conn_id: str, week: datetime = WEEK, **params: Any) -> Any:
    operator = StartRunOperator(task_id="start_run", http_conn_id=conn_id)
    dag_run = SimpleNamespace(
        dag_id="tv_series_weekly", data_interval_start=week, logical_date=week, run_id="manual__probe"
    )
    context = {"params": {"max_pages": 1, "send_period": False} | params, "dag_run": dag_run}
    return operator.execute(context)  # type: ignore[arg-type]


def poke(conn_id: str, run_id: str = UNKNOWN_RUN) -> bool:
    sensor = RunFinishedSensor(task_id="wait_for_run", run_id=run_id, http_conn_id=conn_id)
    return sensor.poke({})


def connection(url: str) -> str:
    return json.dumps({"conn_type": "http", "host": url, "login": "airflow", "password": "not-a-real-secret-1"})


@pytest.fixture
def misbehaving(monkeypatch: pytest.MonkeyPatch) -> Iterator[HttpReceiver]:
    """An endpoint that is not the pipeline API: what a wrong host, a proxy or a broken deploy answers."""
    server = HttpReceiver()
    monkeypatch.setenv("AIRFLOW_CONN_BROKEN_API", connection(server.url))
    yield server
    server.close()


def retryable(error: pytest.ExceptionInfo[AirflowException]) -> bool:
    return not isinstance(error.value, AirflowFailException)


def test_missing_connection_fails_at_once_and_names_it() -> None:
    with pytest.raises(AirflowFailException, match="connection 'nowhere' is not defined"):
        start("nowhere")
    with pytest.raises(AirflowFailException, match="connection 'nowhere' is not defined"):
        poke("nowhere")


def test_refused_credentials_fail_at_once_without_showing_them(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_WRONG_CREDENTIALS", stack.api_connection(password="wrong-password-123"))
    for call in (lambda: start("wrong_credentials"), lambda: poke("wrong_credentials")):
        with pytest.raises(AirflowFailException) as raised:
            call()
        message = str(raised.value)
        assert "connection 'wrong_credentials'" in message
        assert "HTTP 401" in message and "credentials refused" in message
        assert "wrong-password-123" not in message


def test_the_api_token_works_as_an_authorization_header(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    token_connection = {"conn_type": "http", "host": stack.api_url, "extra": {"Authorization": f"Bearer {stack.token}"}}
    monkeypatch.setenv("AIRFLOW_CONN_TOKEN_API", json.dumps(token_connection))
    run_id = start("token_api", week=datetime(2026, 4, 13, 3, tzinfo=UTC))
    assert stack.call("GET", f"/runs/{run_id}")["idempotencyKey"] == "tv_series_weekly__2026-04-13T03:00:00+00:00"
    assert poke("token_api", run_id) in (True, False)  # answered (not 401/404): the sensor can read the run


def test_a_bad_request_fails_at_once_with_the_reason(api_connection: Stack) -> None:
    with pytest.raises(AirflowFailException, match=r"connection 'tv_ratings_api'.*HTTP 400: .*maxPages"):
        start("tv_ratings_api", max_pages=0)


def test_an_unknown_run_fails_the_sensor_at_once(api_connection: Stack) -> None:
    with pytest.raises(AirflowFailException, match=rf"GET .*/runs/{UNKNOWN_RUN} .*HTTP 404"):
        poke("tv_ratings_api")


def test_5xx_is_retried_and_says_what_came_back(misbehaving: HttpReceiver) -> None:
    misbehaving.status, misbehaving.body = 503, b'{"message": "database unavailable"}'
    with pytest.raises(AirflowException) as raised:
        start("broken_api")
    assert retryable(raised)
    assert "connection 'broken_api'" in str(raised.value)
    assert "HTTP 503: database unavailable" in str(raised.value)
    assert poke("broken_api") is False  # the sensor asks again at its next check


def test_garbage_is_retried_and_quoted(misbehaving: HttpReceiver) -> None:
    misbehaving.body, misbehaving.content_type = b"<html><body>Welcome to nginx!</body></html>", "text/html"
    for call in (lambda: start("broken_api"), lambda: poke("broken_api")):
        with pytest.raises(AirflowException) as raised:
            call()
        assert retryable(raised)
        assert "connection 'broken_api'" in str(raised.value)
        assert "not a JSON object" in str(raised.value) and "Welcome to nginx!" in str(raised.value)


def test_an_unreachable_api_is_retried_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_GONE_API", connection(f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(AirflowException) as raised:
        start("gone_api")
    assert retryable(raised)
    assert "connection 'gone_api'" in str(raised.value) and "API unreachable" in str(raised.value)
    assert poke("gone_api") is False


def test_refused_credentials_fail_the_dag_run_on_the_first_try(
    weekly_dag: DAG, stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_WRONG_CREDENTIALS", stack.api_connection(password="wrong-password-123"))
    dag_run = weekly_dag.test(logical_date=WEEK, run_conf={"api_conn_id": "wrong_credentials", "slack_conn_id": ""})
    assert dag_run.state == "failed"
    start_ti = dag_run.get_task_instance("start_run")
    assert (start_ti.state, start_ti.try_number) == ("failed", 1)  # no retries spent on a 401
    assert stack.runs_with_key(f"tv_series_weekly__{WEEK.isoformat()}") == []
