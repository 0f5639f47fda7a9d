"""on_failure_callback: tells people a weekly run failed, by Slack and/or email when configured.

Both channels are optional and configured with Airflow Variables:
  tv_ratings_slack_conn_id  id of a Slack incoming-webhook connection (apache-airflow-providers-slack)
  tv_ratings_alert_emails   comma-separated addresses, sent with Airflow's send_email (SMTP settings)
A notification that cannot be sent is logged; the callback never raises.
"""

from __future__ import annotations

import html
import logging
from typing import Any, List

from tv_ratings.compat import Variable

SLACK_CONN_VARIABLE = "tv_ratings_slack_conn_id"
EMAILS_VARIABLE = "tv_ratings_alert_emails"

log = logging.getLogger(__name__)


def failure_message(context: Any) -> str:
    ti = context.get("task_instance") or context.get("ti")
    dag_id = getattr(ti, "dag_id", None) or getattr(context.get("dag"), "dag_id", "?")
    task_id = getattr(ti, "task_id", "?")
    lines = [
        f"TV ratings: {dag_id}.{task_id} failed (DAG run {context.get('run_id', '?')}, "
        f"try {getattr(ti, 'try_number', '?')})",
        f"Error: {context.get('exception') or 'unknown'}",
    ]
    log_url = getattr(ti, "log_url", None)
    if log_url:
        lines.append(f"Log: {log_url}")
    return "\n".join(lines)


def recipients(value: Any) -> List[str]:
    return [address.strip() for address in str(value or "").split(",") if address.strip()]


def notify_failure(context: Any) -> None:
    text = failure_message(context)
    slack_conn_id = _variable(SLACK_CONN_VARIABLE)
    emails = recipients(_variable(EMAILS_VARIABLE))
    if slack_conn_id:
        _send_slack(str(slack_conn_id), text)
    if emails:
        _send_email(emails, text.splitlines()[0], text)


def _variable(key: str) -> Any:
    try:
        return Variable.get(key, None)
    except Exception:  # noqa: BLE001 - a broken metadata DB must not hide the failure being reported
        log.exception("could not read Airflow Variable %s", key)
        return None


def _send_slack(conn_id: str, text: str) -> None:
    try:
        from airflow.providers.slack.hooks.slack_webhook import SlackWebhookHook

        SlackWebhookHook(slack_webhook_conn_id=conn_id).send(text=text)
    except ImportError:
        log.warning("Slack alert skipped: apache-airflow-providers-slack is not installed")
    except Exception:  # noqa: BLE001
        log.exception("Slack alert through connection %s failed", conn_id)


def _send_email(to: List[str], subject: str, text: str) -> None:
    try:
        from airflow.utils.email import send_email

        send_email(to=to, subject=subject, html_content=f"<pre>{html.escape(text)}</pre>")
    except Exception:  # noqa: BLE001
        log.exception("alert email to %s failed", ", ".join(to))
