"""One owner for how a PostgreSQL column type appears in Tableau and in Hyper."""

from __future__ import annotations

from dataclasses import dataclass

from tableauhyperapi import SqlType


@dataclass(frozen=True)
class TypeMapping:
    tableau: str  # datatype in the workbook
    remote_type: int  # the ADO type code Tableau records for the column
    aggregation: str  # Tableau's default aggregation
    hyper: SqlType


_MAPPINGS = {
    "smallint": TypeMapping("integer", 2, "Sum", SqlType.small_int()),
    "integer": TypeMapping("integer", 3, "Sum", SqlType.int()),
    "bigint": TypeMapping("integer", 20, "Sum", SqlType.big_int()),
    # Unconstrained numeric in the marts; scores carry at most three decimals.
    "numeric": TypeMapping("real", 131, "Sum", SqlType.numeric(18, 6)),
    "double precision": TypeMapping("real", 5, "Sum", SqlType.double()),
    "text": TypeMapping("string", 130, "Count", SqlType.text()),
    "uuid": TypeMapping("string", 130, "Count", SqlType.text()),
    "date": TypeMapping("date", 133, "Year", SqlType.date()),
    "timestamp with time zone": TypeMapping("datetime", 7, "Year", SqlType.timestamp_tz()),
    "boolean": TypeMapping("boolean", 11, "Count", SqlType.bool()),
}

# Tableau has no array type: array columns (dim_series.genres, ...) stay out of the
# workbook and the extract; the bridge marts carry the same facts row by row.
UNSUPPORTED = frozenset({"ARRAY"})


def mapping(pg_type: str) -> TypeMapping:
    try:
        return _MAPPINGS[pg_type]
    except KeyError:
        raise ValueError(f"no Tableau type for PostgreSQL type {pg_type!r}") from None


def supported(pg_type: str) -> bool:
    return pg_type not in UNSUPPORTED
