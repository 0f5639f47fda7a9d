from airflow._stub import task  # noqa: F401
