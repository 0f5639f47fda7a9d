from airflow._stub import AirflowFailException  # noqa: F401
