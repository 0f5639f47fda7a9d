from airflow._stub import DAG  # noqa: F401  (Airflow 2: from airflow import DAG)
