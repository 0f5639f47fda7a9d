from airflow._stub import send_email  # noqa: F401
