"""Waits for a pipeline run to end by asking the API, without holding a worker slot between checks."""

from __future__ import annotations

from typing import Any

from tv_ratings.client import PARTIAL_POLICIES, ApiError, client_from_connection, describe_run, run_outcome
from tv_ratings.compat import AirflowFailException, BaseHook, BaseSensorOperator, Variable

PARTIAL_POLICY_VARIABLE = "tv_ratings_partial_policy"


def resolve_partial_policy(requested: str) -> str:
    """The DAG param when it names a policy; otherwise the Airflow Variable, else "succeed"."""
    if requested in PARTIAL_POLICIES:
        return requested
    configured = (Variable.get(PARTIAL_POLICY_VARIABLE, None) or "succeed").strip()
    if configured not in PARTIAL_POLICIES:
        raise AirflowFailException(
            f"Variable {PARTIAL_POLICY_VARIABLE} must be one of {PARTIAL_POLICIES}, got {configured!r}"
        )
    return configured


class RunFinishedSensor(BaseSensorOperator):
    """Succeeds when the run succeeded (or ended partial, if the policy allows), fails when it failed or was
    cancelled. Reschedule mode by default: each check is a short task try, the slot is free in between.

    A transient API error (unreachable, 5xx) is just another "not yet"; the sensor's timeout bounds the wait.
    """

    template_fields = ("run_id", "partial_policy")
    ui_color = "#d9ecf7"

    def __init__(self, *, run_id: Any, conn_id: str, partial_policy: str = "default", **kwargs: Any) -> None:
        kwargs.setdefault("mode", "reschedule")
        super().__init__(**kwargs)
        self.run_id = run_id
        self.conn_id = conn_id
        self.partial_policy = partial_policy

    def poke(self, context: Any) -> bool:
        client = client_from_connection(BaseHook.get_connection(self.conn_id))
        policy = resolve_partial_policy(self.partial_policy)
        try:
            run = client.get_run(str(self.run_id))
        except ApiError as error:
            if error.transient:
                self.log.warning("API did not answer, asking again at the next check: %s", error)
                return False
            # 401, 404: asking again will not change the answer.
            raise AirflowFailException(str(error)) from None
        self.log.info("%s", describe_run(run))
        outcome = run_outcome(str(run.get("status")), policy)
        if outcome == "failed":
            reason = f": {run['error']}" if run.get("error") else ""
            raise AirflowFailException(f"run {run.get('id')} ended {run.get('status')}{reason}")
        return outcome == "done"
