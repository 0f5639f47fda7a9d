"""on_failure_callback: a Slack message and an email when a task of the weekly run fails for good.

Both go through Airflow's providers (Slack incoming webhook, SMTP) and both are optional: Slack is sent
when the connection named by the DAG param slack_conn_id exists, email when the param alert_emails
lists addresses (through the connection named by smtp_conn_id). A channel that cannot be reached is
logged; the callback never raises, so one broken channel does not silence the other.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from airflow.providers.slack.notifications.slack_webhook import SlackWebhookNotifier
from airflow.providers.smtp.notifications.smtp import SmtpNotifier
from airflow.sdk import BaseHook, Context
from airflow.sdk.exceptions import AirflowNotFoundException

from tv_ratings.api import RunEnded

log = logging.getLogger(__name__)


def failure_summary(context: Context) -> tuple[str, str]:
    """Subject line and text: DAG, DAG run, task, the pipeline run's id, status and link, the error."""
    ti = context["ti"]
    error = context.get("exception")
    subject = f"TV ratings: {ti.dag_id} failed (DAG run {context['run_id']})"
    lines = [subject, f"Task: {ti.task_id}, try {ti.try_number}"]
    if isinstance(error, RunEnded):
        lines += [f"Pipeline run: {error.run_id}", f"Status: {error.status}", f"Run: {error.run_url}"]
    else:
        lines.append(f"Error: {error or 'unknown'}")
    log_url = getattr(ti, "log_url", None)
    if log_url:
        lines.append(f"Airflow log: {log_url}")
    return subject, "\n".join(lines)


def recipients(value: Any) -> list[str]:
    return [address.strip() for address in str(value or "").split(",") if address.strip()]


def notify_failure(context: Context) -> None:
    params = context["params"]
    subject, text = failure_summary(context)
    slack_conn_id = str(params.get("slack_conn_id") or "")
    if slack_conn_id and _connection_exists(slack_conn_id, "Slack"):
        _send("Slack", SlackWebhookNotifier(slack_webhook_conn_id=slack_conn_id, text=text), context)
    emails = recipients(params.get("alert_emails"))
    smtp_conn_id = str(params.get("smtp_conn_id") or "")
    if emails and smtp_conn_id and _connection_exists(smtp_conn_id, "email"):
        notifier = SmtpNotifier(
            to=emails,
            subject=subject,
            html_content=f"<pre>{html.escape(text)}</pre>",
            smtp_conn_id=smtp_conn_id,
        )
        _send("email", notifier, context)


def _connection_exists(conn_id: str, channel: str) -> bool:
    try:
        BaseHook.get_connection(conn_id)
    except AirflowNotFoundException:
        log.warning("%s alert skipped: connection %r is not defined", channel, conn_id)
        return False
    return True


def _send(channel: str, notifier: Any, context: Context) -> None:
    try:
        notifier.notify(context)
        log.info("%s alert sent", channel)
    except Exception:
        log.exception("%s alert failed", channel)
