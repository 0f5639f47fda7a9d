"""The marts as dbt built them: columns and types, read from the database's catalog."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from .errors import DatabaseUnreachableError, NoMartsError

MARTS_SCHEMA = "marts"


@dataclass(frozen=True)
class MartColumn:
    mart: str
    name: str
    pg_type: str  # information_schema data_type, e.g. "numeric", "text", "ARRAY"
    ordinal: int


Marts = dict[str, list[MartColumn]]


def connect(database_url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(database_url, connect_timeout=10, autocommit=True)
    except psycopg.OperationalError as error:
        # libpq's message names host and port but never the password.
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DatabaseUnreachableError(f"cannot reach the database at DATABASE_URL: {reason}") from error


def read_marts(conn: psycopg.Connection, wanted: list[str]) -> Marts:
    """Columns of the wanted marts, in order; fails naming the marts that are missing or empty."""
    rows = conn.execute(
        "select table_name, column_name, data_type, ordinal_position from information_schema.columns"
        " where table_schema = %s and table_name = any(%s) order by table_name, ordinal_position",
        (MARTS_SCHEMA, wanted),
    ).fetchall()
    marts: Marts = {}
    for table, column, data_type, ordinal in rows:
        marts.setdefault(table, []).append(MartColumn(table, column, data_type, ordinal))
    missing = [m for m in wanted if m not in marts]
    if missing:
        raise NoMartsError(
            f"no marts yet: {', '.join(missing)} not in schema {MARTS_SCHEMA!r}"
            " (no run has finished its dbt build on this database; run `make run` first)"
        )
    empty = [m for m in wanted if conn.execute(f'select not exists (select 1 from "{MARTS_SCHEMA}"."{m}")').fetchone()[0]]  # noqa: S608 - names come from our own spec
    if empty:
        raise NoMartsError(f"no marts yet: {', '.join(empty)} empty (no run has finished its dbt build)")
    return marts
