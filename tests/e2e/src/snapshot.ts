import type { Database } from "@tvr/db";
import { sql } from "drizzle-orm";

export const STAR_SCHEMA_TABLES = [
  "series",
  "genre_dim",
  "network_dim",
  "series_genre",
  "series_network",
] as const;
export const RUN_TABLES = ["ratings", "pipeline_runs", "run_pages", "run_series", "run_failures"] as const;

/** Every row of the given tables, in a stable order, for before/after comparisons. */
export async function snapshotTables(
  db: Database,
  tables: readonly string[],
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const result = await db.execute(sql.raw(`select * from "${table}" order by 1, 2`));
    out[table] = result.rows;
  }
  return out;
}
