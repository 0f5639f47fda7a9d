# Airflow 2 layout: a subclass, so tests can tell which import path the DAG took.
from airflow._stub import BaseSensorOperator as _Base


class BaseSensorOperator(_Base):
    pass
