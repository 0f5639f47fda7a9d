"""Airflow integration of the TV ratings pipeline: API client, sensor, failure notifications."""
