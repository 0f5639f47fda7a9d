from airflow._stub import Variable  # noqa: F401
