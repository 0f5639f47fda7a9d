from airflow._stub import SlackWebhookHook  # noqa: F401
