"""A minimal stand-in for the parts of Airflow the DAG uses, so the DAG file can be imported and
inspected in tests where Airflow itself cannot be installed. It records what the DAG declares; it
runs nothing by itself."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional


class AirflowFailException(Exception):
    pass


class DAG:
    current: Optional["DAG"] = None

    def __init__(self, dag_id: str, *, default_args: Optional[dict] = None, params: Optional[dict] = None, **kwargs: Any):
        self.dag_id = dag_id
        self.default_args = default_args or {}
        self.params = params or {}
        self.tasks: Dict[str, "BaseOperator"] = {}
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __enter__(self) -> "DAG":
        DAG.current = self
        return self

    def __exit__(self, *exc: Any) -> None:
        DAG.current = None


class XComArg:
    def __init__(self, operator: "BaseOperator"):
        self.operator = operator


class BaseOperator:
    template_fields: tuple = ()

    def __init__(self, *, task_id: str, **kwargs: Any):
        dag = DAG.current
        if dag is None:
            raise RuntimeError("operator created outside a DAG")
        object.__setattr__(self, "upstream_task_ids", set())
        object.__setattr__(self, "downstream_task_ids", set())
        self.task_id = task_id
        self.dag = dag
        self.log = logging.getLogger(f"airflow.task.{task_id}")
        settings = {"retries": 0, "retry_exponential_backoff": False, "on_failure_callback": None, **dag.default_args, **kwargs}
        for name, value in settings.items():
            setattr(self, name, value)
        dag.tasks[task_id] = self

    # Like Airflow: an XComArg assigned to an attribute makes its producer upstream.
    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, XComArg):
            value.operator >> self
        object.__setattr__(self, name, value)

    def __rshift__(self, other: "BaseOperator") -> "BaseOperator":
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)
        return other


class BaseSensorOperator(BaseOperator):
    def __init__(self, *, mode: str = "poke", poke_interval: float = 60, timeout: float = 7 * 24 * 3600, **kwargs: Any):
        super().__init__(**kwargs)
        self.mode = mode
        self.poke_interval = poke_interval
        self.timeout = timeout

    def poke(self, context: Any) -> bool:
        raise NotImplementedError


class PythonTask(BaseOperator):
    def __init__(self, *, python_callable: Any, **kwargs: Any):
        super().__init__(**kwargs)
        self.python_callable = python_callable


def task(python_callable: Any = None, **task_kwargs: Any) -> Any:
    def decorate(function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> XComArg:
            task_id = task_kwargs.get("task_id", function.__name__)
            options = {k: v for k, v in task_kwargs.items() if k != "task_id"}
            return XComArg(PythonTask(task_id=task_id, python_callable=function, **options))

        call.function = function
        return call

    return decorate(python_callable) if python_callable else decorate


class Param:
    def __init__(self, default: Any = None, **schema: Any):
        self.value = default
        self.schema = schema


class Variable:
    values: Dict[str, Any] = {}

    @classmethod
    def get(cls, key: str, default: Any = KeyError) -> Any:
        if key in cls.values:
            return cls.values[key]
        if default is KeyError:
            raise KeyError(key)
        return default


class Connection:
    def __init__(self, host: str = "", schema: str = "", port: Optional[int] = None, login: str = "",
                 password: str = "", extra_dejson: Optional[dict] = None):
        self.host, self.schema, self.port = host, schema, port
        self.login, self.password, self.extra_dejson = login, password, extra_dejson or {}


class BaseHook:
    connections: Dict[str, Connection] = {}

    @classmethod
    def get_connection(cls, conn_id: str) -> Connection:
        if conn_id not in cls.connections:
            raise KeyError(f"The conn_id `{conn_id}` isn't defined")
        return cls.connections[conn_id]


class SlackWebhookHook:
    sent: List[dict] = []
    fail = False

    def __init__(self, slack_webhook_conn_id: str):
        self.conn_id = slack_webhook_conn_id

    def send(self, text: str) -> None:
        if SlackWebhookHook.fail:
            raise RuntimeError("webhook answered 500")
        SlackWebhookHook.sent.append({"conn_id": self.conn_id, "text": text})


emails: List[dict] = []


def send_email(to: List[str], subject: str, html_content: str) -> None:
    emails.append({"to": to, "subject": subject, "html_content": html_content})
