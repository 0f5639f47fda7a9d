"""The marts copied into a Hyper file with Tableau's own Hyper API, and read back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from tableauhyperapi import (
    Connection,
    CreateMode,
    Date,
    HyperProcess,
    Inserter,
    SchemaName,
    TableDefinition,
    TableName,
    Telemetry,
    Timestamp,
)

from .marts import MARTS_SCHEMA, MartColumn, Marts
from .types import mapping, supported

EXTRACT_SCHEMA = MARTS_SCHEMA


def extract_columns(marts: Marts, mart: str) -> list[MartColumn]:
    return [c for c in marts[mart] if supported(c.pg_type)]


def select_sql(mart: str, columns: list[MartColumn]) -> str:
    # uuid has no Hyper type: it travels as text (as Tableau shows it, too).
    names = ", ".join(f'"{c.name}"::text' if c.pg_type == "uuid" else f'"{c.name}"' for c in columns)
    return f'select {names} from "{MARTS_SCHEMA}"."{mart}"'  # noqa: S608 - names come from the catalog


@contextmanager
def hyper() -> Iterator[HyperProcess]:
    with HyperProcess(telemetry=Telemetry.DO_NOT_SEND_USAGE_DATA_TO_TABLEAU, parameters={"log_config": ""}) as process:
        yield process


def write_extract(conn: psycopg.Connection, marts: Marts, path: Path) -> dict[str, int]:
    """Every mart as a table in schema `marts` of a new Hyper file; returns rows per mart."""
    counts: dict[str, int] = {}
    with hyper() as process, Connection(process.endpoint, path, CreateMode.CREATE_AND_REPLACE) as target:
        target.catalog.create_schema_if_not_exists(SchemaName(EXTRACT_SCHEMA))
        for mart in marts:
            columns = extract_columns(marts, mart)
            table = TableDefinition(
                TableName(EXTRACT_SCHEMA, mart),
                [TableDefinition.Column(c.name, mapping(c.pg_type).hyper) for c in columns],
            )
            target.catalog.create_table(table)
            rows = 0
            with Inserter(target, table) as inserter, conn.transaction(), conn.cursor(name=f"extract_{mart}") as cursor:
                cursor.execute(select_sql(mart, columns))
                for row in cursor:
                    inserter.add_row(list(row))
                    rows += 1
                inserter.execute()
            counts[mart] = rows
    return counts


def read_extract(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """All rows of every table in the Hyper file, as Python values."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with hyper() as process, Connection(process.endpoint, path) as source:
        for table in source.catalog.get_table_names(EXTRACT_SCHEMA):
            rows = source.execute_list_query(f"select * from {table}")  # noqa: S608
            tables[table.name.unescaped] = [tuple(_python(v) for v in row) for row in rows]
    return tables


def _python(value: Any) -> Any:
    """Hyper's date and timestamp types as Python's, so rows compare with psycopg's."""
    if isinstance(value, Timestamp):
        return value.to_datetime()
    if isinstance(value, Date):
        return value.to_date()
    return value
