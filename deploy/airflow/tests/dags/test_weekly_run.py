"""dag.test() on real Airflow 3 against the real API and a sandbox run (20 series, 1 page).

dag.test() only logs task failures, so every test asserts the DagRun's state, and what the API holds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from airflow.sdk import DAG
from support import HttpReceiver, SmtpReceiver, Stack

from tv_ratings.api import idempotency_key

# The API takes `period`: each run stands for the ISO week of its data interval.
CONF: dict[str, Any] = {"max_pages": 1, "send_period": True}


def run_dag(dag: DAG, logical_date: datetime, **conf: Any) -> Any:
    return dag.test(logical_date=logical_date, run_conf=CONF | conf)


def key_for(logical_date: datetime) -> str:
    return idempotency_key("tv_series_weekly", logical_date, "")


def test_a_weekly_run_succeeds_and_a_second_test_starts_no_second_run(weekly_dag: DAG, api_connection: Stack) -> None:
    week = datetime(2026, 3, 2, 3, tzinfo=UTC)
    first = run_dag(weekly_dag, week)
    assert first.state == "success"
    [run] = api_connection.runs_with_key(key_for(week))
    assert api_connection.call("GET", f"/runs/{run['id']}")["status"] == "succeeded"
    assert api_connection.call("GET", f"/runs/{run['id']}")["series"]["loaded"] == 20

    second = run_dag(weekly_dag, week)
    assert second.state == "success"
    assert [r["id"] for r in api_connection.runs_with_key(key_for(week))] == [run["id"]]


@pytest.fixture
def partial_runs(api_connection: Stack) -> Any:
    # Every Rotten Tomatoes / Metacritic page in an unknown layout: recorded parse failures, run "partial".
    api_connection.set_sandbox({"sites": {"unparseableShare": 1}})
    yield api_connection
    api_connection.set_sandbox({"sites": {"unparseableShare": 0}})


def test_partial_follows_the_policy_param(weekly_dag: DAG, partial_runs: Stack) -> None:
    week = datetime(2026, 3, 9, 3, tzinfo=UTC)
    assert run_dag(weekly_dag, week, partial_policy="succeed").state == "success"
    [run] = partial_runs.runs_with_key(key_for(week))
    assert partial_runs.call("GET", f"/runs/{run['id']}")["status"] == "partial"
    # The same week again (same key, same run) with the other policy.
    assert run_dag(weekly_dag, week, partial_policy="fail").state == "failed"
    assert len(partial_runs.runs_with_key(key_for(week))) == 1


@pytest.fixture
def receivers(monkeypatch: pytest.MonkeyPatch) -> Any:
    slack, smtp = HttpReceiver(), SmtpReceiver()
    monkeypatch.setenv(
        "AIRFLOW_CONN_TV_RATINGS_SLACK",
        f'{{"conn_type": "slackwebhook", "host": "{slack.url}", "password": "services/T000/B000/XXXX"}}',
    )
    monkeypatch.setenv(
        "AIRFLOW_CONN_TV_RATINGS_SMTP",
        f'{{"conn_type": "smtp", "host": "127.0.0.1", "port": {smtp.port}, "extra": {{"disable_ssl": true, '
        f'"disable_tls": true, "from_email": "airflow@example.org", "retry_limit": 0}}}}',
    )
    yield slack, smtp
    slack.close()
    smtp.close()


def test_a_cancelled_run_fails_the_dag_run_and_alerts_slack_and_email(
    weekly_dag: DAG, api_connection: Stack, receivers: tuple[HttpReceiver, SmtpReceiver]
) -> None:
    slack, smtp = receivers
    week = datetime(2026, 3, 16, 3, tzinfo=UTC)
    # The week's run already exists and was cancelled: the DAG finds it by its key.
    run = api_connection.call("POST", "/runs", {"idempotencyKey": key_for(week), "maxPages": 1})
    api_connection.call("POST", f"/runs/{run['id']}/cancel")

    dag_run = run_dag(weekly_dag, week, alert_emails="oncall@example.org, data@example.org")

    assert dag_run.state == "failed"
    run_url = f"{api_connection.api_url}/runs/{run['id']}"
    [request] = slack.requests
    assert request["path"] == "/services/T000/B000/XXXX"
    text = request["body"].decode()
    for expected in ("tv_series_weekly", dag_run.run_id, run["id"], "cancelled", run_url):
        assert expected in text, expected
    [(to, message)] = smtp.messages
    assert sorted(to) == ["data@example.org", "oncall@example.org"]
    assert "tv_series_weekly failed" in message["Subject"]
    body = "".join(bytes(part.get_payload(decode=True)).decode() for part in message.walk() if not part.is_multipart())
    for expected in (dag_run.run_id, run["id"], "Status: cancelled", run_url):
        assert expected in body, expected


def test_no_alert_channels_configured_sends_nothing_and_still_fails(weekly_dag: DAG, api_connection: Stack) -> None:
    week = datetime(2026, 3, 23, 3, tzinfo=UTC)
    run = api_connection.call("POST", "/runs", {"idempotencyKey": key_for(week), "maxPages": 1})
    api_connection.call("POST", f"/runs/{run['id']}/cancel")
    assert run_dag(weekly_dag, week, slack_conn_id="", alert_emails="").state == "failed"
