import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { type BasicType, parquetWriteBuffer } from "hyparquet-writer";
import type pg from "pg";
import QueryStream from "pg-query-stream";
import type { MartColumn } from "./catalog.ts";

const dialect = new PgDialect();

const csvValue = (value: unknown) => {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || (value !== null && typeof value === "object")) return JSON.stringify(value);
  return value;
};

/** Streams a query's rows as CSV (header first) without holding the result in memory. */
export async function streamCsv(
  pool: pg.Pool,
  query: SQL,
  columns: MartColumn[],
  out: Writable,
): Promise<void> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = await pool.connect();
  try {
    const rows = client.query(new QueryStream(text, params, { batchSize: 1000 }));
    const csv = stringify({
      header: true,
      columns: columns.map((c) => c.name),
      cast: { date: (d) => d.toISOString(), object: (o) => JSON.stringify(o), boolean: (b) => String(b) },
    });
    await pipeline(rows, csv, out);
  } finally {
    client.release();
  }
}

function parquetType(column: MartColumn): BasicType {
  switch (column.type) {
    case "smallint":
    case "integer":
      return "INT32";
    case "bigint":
    case "numeric":
    case "double precision":
    case "real":
      return "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    case "timestamp with time zone":
    case "timestamp without time zone":
      return "TIMESTAMP";
    case "ARRAY":
    case "json":
    case "jsonb":
      return "JSON";
    default:
      return "STRING";
  }
}

/** One Parquet file (Snappy, typed columns) from rows as `martSelect` returns them. */
export function toParquet(rows: Array<Record<string, unknown>>, columns: MartColumn[]): Buffer {
  const columnData = columns.map((column) => {
    const type = parquetType(column);
    const data = rows.map((row) => {
      const value = row[column.name] ?? null;
      if (value === null) return null;
      if (type === "STRING") return String(csvValue(value));
      return value;
    });
    return { name: column.name, type, data };
  });
  return Buffer.from(parquetWriteBuffer({ columnData }));
}
