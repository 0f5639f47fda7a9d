import { type SQL, sql } from "drizzle-orm";
import { isNumericColumn, type MartColumn } from "./catalog.ts";

export class BadMartQueryError extends Error {
  override readonly name = "BadMartQueryError";
  readonly statusCode = 400;
}

export type MartFilters = Record<string, string>;

/** `filter[col]=value` query keys, checked against the mart's real columns. */
export function parseMartFilters(query: Record<string, unknown>, columns: MartColumn[]): MartFilters {
  const filters: MartFilters = {};
  for (const [key, value] of Object.entries(query)) {
    const match = /^filter\[(.*)\]$/.exec(key);
    if (!match) continue;
    const name = match[1] ?? "";
    const column = columns.find((c) => c.name === name);
    if (!column) {
      throw new BadMartQueryError(
        `unknown filter "${name}": this mart's columns are ${columns.map((c) => c.name).join(", ")}`,
      );
    }
    if (typeof value !== "string") throw new BadMartQueryError(`filter[${name}] must be given once`);
    if (isNumericColumn(column) && !Number.isFinite(Number(value))) {
      throw new BadMartQueryError(`filter[${name}] must be a number (the column is ${column.type})`);
    }
    filters[name] = value;
  }
  return filters;
}

const identifier = (name: string) => sql.identifier(name);

/**
 * Postgres answers numeric and bigint as strings and dates as local-time
 * Date objects; casting in the select gives JSON numbers and ISO dates.
 */
function selectColumn(column: MartColumn): SQL {
  const ref = identifier(column.name);
  if (isNumericColumn(column) && column.type !== "integer" && column.type !== "smallint") {
    return sql`${ref}::double precision as ${ref}`;
  }
  if (column.type === "date") return sql`${ref}::text as ${ref}`;
  return sql`${ref}`;
}

export interface MartSelect {
  schema: string;
  table: string;
  columns: MartColumn[];
  filters: MartFilters;
  page?: { offset: number; limit: number };
}

/**
 * One mart's rows matching the filters, in a stable order (every column, left
 * to right) so that offset pages neither skip nor repeat rows.
 */
export function martSelect({ schema, table, columns, filters, page }: MartSelect): SQL {
  const where = Object.entries(filters).map(([name, value]) => {
    const column = columns.find((c) => c.name === name);
    // Numbers compare as numbers (8 matches 8.0); everything else as its text form.
    return column && isNumericColumn(column)
      ? sql`${identifier(name)} = ${Number(value)}`
      : sql`${identifier(name)}::text = ${value}`;
  });
  const order = columns.map((_, i) => sql.raw(String(i + 1)));
  return sql`select ${sql.join(columns.map(selectColumn), sql`, `)}
    from ${identifier(schema)}.${identifier(table)}
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by ${sql.join(order, sql`, `)}
    ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`;
}
