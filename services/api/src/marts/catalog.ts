import type { Executor } from "@tvr/db";
import { sql } from "drizzle-orm";

/** The dbt marts the API serves; any other name is refused. */
export const MART_NAMES = [
  "dim_series",
  "fct_series_ratings",
  "mart_top_rated_by_network",
  "mart_genre_rating_distribution",
  "mart_rating_trends",
  "mart_source_comparison",
] as const;
export type MartName = (typeof MART_NAMES)[number];

export interface MartColumn {
  name: string;
  /** Postgres type as information_schema names it, e.g. "integer", "numeric", "text". */
  type: string;
}

/** Thrown when the marts have not been built yet; the routes answer 503. */
export class MartsNotBuiltError extends Error {
  override readonly name = "MartsNotBuiltError";
  readonly statusCode = 503;
  readonly expose = true;
  constructor(schema: string, table: string) {
    super(
      `the dbt marts are not built yet (${schema}.${table} does not exist): ` +
        "they appear when a pipeline run finishes its transform stage (dbt build)",
    );
  }
}

/**
 * A mart's columns as the database has them, so a column dbt adds is served
 * without a code change. Empty when the mart has not been built.
 */
export async function martColumns(db: Executor, schema: string, table: string): Promise<MartColumn[]> {
  const result = await db.execute<{ name: string; type: string }>(sql`
    select column_name as name, data_type as type
    from information_schema.columns
    where table_schema = ${schema} and table_name = ${table}
    order by ordinal_position`);
  return result.rows;
}

export async function requireMartColumns(db: Executor, schema: string, table: string): Promise<MartColumn[]> {
  const columns = await martColumns(db, schema, table);
  if (columns.length === 0) throw new MartsNotBuiltError(schema, table);
  return columns;
}

const NUMERIC_TYPES = new Set(["numeric", "bigint", "double precision", "real", "integer", "smallint"]);
export const isNumericColumn = (column: MartColumn) => NUMERIC_TYPES.has(column.type);
