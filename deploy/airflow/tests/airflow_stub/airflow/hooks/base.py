# Airflow 2 layout: a subclass, so tests can tell which import path the DAG took.
from airflow._stub import BaseHook as _Base


class BaseHook(_Base):
    pass
