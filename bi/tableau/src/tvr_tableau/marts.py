"""The marts as dbt built them: columns and types, read from the database's catalog."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

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
    """Columns of the wanted marts (the fact table first); fails naming marts that are missing, or an empty fact."""
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
    # Other marts may be legitimately empty (no composite scores without the scrapers); the fact table may not.
    fact = wanted[0]
    query = sql.SQL("select exists (select 1 from {})").format(sql.Identifier(MARTS_SCHEMA, fact))
    row = conn.execute(query).fetchone()
    if row is None or not row[0]:
        raise NoMartsError(f"no marts yet: {fact} is empty (no run has finished its dbt build)")
    return marts
