"""Airflow names this package uses, from the Task SDK on Airflow 3 and the classic modules on 2.9+."""

try:  # Airflow 3
    from airflow.sdk import DAG, Param, Variable, task
except ImportError:  # Airflow 2.9+
    from airflow import DAG  # type: ignore[no-redef]
    from airflow.decorators import task  # type: ignore[no-redef]
    from airflow.models import Variable  # type: ignore[no-redef]
    from airflow.models.param import Param  # type: ignore[no-redef]

try:  # Airflow 3
    from airflow.sdk import BaseSensorOperator
except ImportError:  # Airflow 2.9+
    from airflow.sensors.base import BaseSensorOperator  # type: ignore[no-redef]

try:  # Airflow 3.1+
    from airflow.sdk import BaseHook
except ImportError:  # Airflow 2.9+ and 3.0
    from airflow.hooks.base import BaseHook  # type: ignore[no-redef]

try:  # Airflow 3.1+
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:  # Airflow 2.9+ and 3.0
    from airflow.exceptions import AirflowFailException  # type: ignore[no-redef]

__all__ = ["DAG", "AirflowFailException", "BaseHook", "BaseSensorOperator", "Param", "Variable", "task"]
