import { type SQL, sql } from "drizzle-orm";

interface BridgeTable {
  table: string;
  refColumn: string;
}

export const GENRE_BRIDGE: BridgeTable = { table: "series_genre", refColumn: "genre_id" };
export const NETWORK_BRIDGE: BridgeTable = { table: "series_network", refColumn: "network_id" };

/**
 * Statements that make the bridge rows of `seriesIds` exactly `pairs`:
 * delete pairs that are gone, insert new ones, leave the rest untouched.
 */
export function replaceBridgeRows(
  bridge: BridgeTable,
  seriesIds: number[],
  pairs: Array<{ seriesId: number; refId: number }>,
): SQL[] {
  const table = sql.identifier(bridge.table);
  const ref = sql.identifier(bridge.refColumn);
  const seriesArray = `{${pairs.map((p) => p.seriesId).join(",")}}`;
  const refArray = `{${pairs.map((p) => p.refId).join(",")}}`;
  const statements = [
    sql`delete from ${table} b
        where b.series_id = any(${`{${seriesIds.join(",")}}`}::int[])
          and not exists (
            select 1 from unnest(${seriesArray}::int[], ${refArray}::int[]) as n(series_id, ref_id)
            where n.series_id = b.series_id and n.ref_id = b.${ref})`,
  ];
  if (pairs.length) {
    statements.push(sql`insert into ${table} (series_id, ${ref})
        select * from unnest(${seriesArray}::int[], ${refArray}::int[])
        on conflict do nothing`);
  }
  return statements;
}
