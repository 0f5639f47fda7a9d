import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type DatabaseHandle, pipelineRuns, runSeries } from "@tvr/db";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type RowCounts, STAR_TABLES, type StarTable } from "./loader-table.ts";

export async function countRows(handle: DatabaseHandle): Promise<RowCounts> {
  const counts = {} as RowCounts;
  for (const table of STAR_TABLES) {
    const result = await handle.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = result.rows[0]?.n ?? 0;
  }
  return counts;
}

/** A digest of every star-schema row, to tell "exactly the same rows" from merely as many. */
export async function fingerprint(handle: DatabaseHandle): Promise<string> {
  const digests: string[] = [];
  for (const table of STAR_TABLES) {
    const result = await handle.pool.query<{ digest: string | null }>(
      `select md5(string_agg(t::text, '|' order by t::text)) as digest from ${table} t`,
    );
    digests.push(`${table}:${result.rows[0]?.digest ?? "empty"}`);
  }
  return digests.join(" ");
}

export async function truncateStarSchema(handle: DatabaseHandle): Promise<void> {
  await handle.pool.query(`truncate ${STAR_TABLES.join(", ")}`);
}

/** Every star-schema row in COPY's text format, as the tables hold them now. */
export async function copyOut(handle: DatabaseHandle): Promise<Map<StarTable, Buffer[]>> {
  const client = await handle.pool.connect();
  try {
    const dumps = new Map<StarTable, Buffer[]>();
    for (const table of STAR_TABLES) {
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      await pipeline(client.query(copyTo(`copy ${table} to stdout`)), sink);
      dumps.set(table, chunks);
    }
    return dumps;
  } finally {
    client.release();
  }
}

/** COPYs the dumped rows back into the tables, in one transaction (as a bulk load would). */
export async function copyIn(handle: DatabaseHandle, dumps: Map<StarTable, Buffer[]>): Promise<void> {
  const client = await handle.pool.connect();
  try {
    await client.query("begin");
    for (const table of STAR_TABLES) {
      await pipeline(
        Readable.from(dumps.get(table) ?? []),
        client.query(copyFrom(`copy ${table} from stdin`)),
      );
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A run that is loading `seriesIds` (each pending, as after discovery). Its pages are never
 * counted, so the loader's end-of-loading check leaves it running: every job of a pass loads.
 */
export async function startLoadingRun(
  handle: DatabaseHandle,
  week: string,
  seriesIds: number[],
): Promise<string> {
  const [run] = await handle.db
    .insert(pipelineRuns)
    .values({ mode: "sandbox", period: week })
    .returning({ id: pipelineRuns.id });
  if (!run) throw new Error("no run inserted");
  for (let start = 0; start < seriesIds.length; start += 5_000) {
    const ids = seriesIds.slice(start, start + 5_000);
    await handle.db
      .insert(runSeries)
      .values(ids.map((seriesId, index) => ({ runId: run.id, seriesId, page: 1, rank: start + index + 1 })));
  }
  return run.id;
}
