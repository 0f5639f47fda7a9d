# Airflow 3 Task SDK layout.
from airflow._stub import DAG, BaseHook, BaseSensorOperator, Param, Variable, task  # noqa: F401
