import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

function columnNames<T extends PgTable>(table: T, keys: string[]): string[] {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return column.name;
  });
}

/**
 * The `set` and `setWhere` of an upsert that takes the listed columns from
 * `excluded` only when one of them differs, so replaying a write leaves the
 * row (and its updated_at) untouched.
 */
export function upsertChanged<T extends PgTable>(
  table: T,
  keys: string[],
): { set: Record<string, SQL>; setWhere: SQL } {
  const names = columnNames(table, keys);
  const current = names.map((n) => sql`${sql.identifier(getTableName(table))}.${sql.identifier(n)}`);
  const incoming = names.map((n) => sql`excluded.${sql.identifier(n)}`);
  return {
    set: Object.fromEntries(keys.map((key, i) => [key, incoming[i] as SQL])),
    setWhere: sql`(${sql.join(current, sql`, `)}) is distinct from (${sql.join(incoming, sql`, `)})`,
  };
}
