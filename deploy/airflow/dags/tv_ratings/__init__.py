"""Airflow side of the TV ratings pipeline: the API's answers, the start operator, the wait sensor, alerts."""
