"""Slack notification on a failed validation, through slack-sdk's webhook client."""

from __future__ import annotations

import logging

from slack_sdk.webhook import WebhookClient

from .validate import Validation

log = logging.getLogger("tvr_quality")


def notify_failure(webhook_url: str, validation: Validation) -> None:
    summary = validation.summary()
    failed = summary["criticalFailures"] + summary["warnings"]
    lines = [f"• {f['suite']} / {f['expectation']}: observed {f['observed']}" for f in failed[:20]]
    text = f"Data quality failed for run {validation.run_id}: {len(failed)} expectation(s)\n" + "\n".join(lines)
    response = WebhookClient(webhook_url, timeout=10).send(text=text)
    if response.status_code >= 300:
        # The validation stands; a notification that didn't go out is logged, never fatal.
        log.warning("slack notification failed", extra={"status": response.status_code})
