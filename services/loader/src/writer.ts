import { type Database, genreDim, networkDim, ratings, runSeries, series } from "@tvr/db";
import { recordFailures } from "@tvr/runs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { GENRE_BRIDGE, NETWORK_BRIDGE, replaceBridgeRows } from "./bridges.ts";
import { confirmedPath, type LoadItem, ratingsRow, seriesRow, uniqueBy } from "./model.ts";
import { upsertChanged } from "./upsert.ts";

const SERIES_COLUMNS = [
  "title",
  "originalTitle",
  "firstAirDate",
  "releaseYear",
  "originalLanguage",
  "originCountry",
  "plot",
  "status",
  "seriesType",
  "numberOfSeasons",
  "numberOfEpisodes",
  "imdbId",
];
const RATING_COLUMNS = [
  "tmdbVoteAverage",
  "tmdbVoteCount",
  "tmdbPopularity",
  "imdbRating",
  "imdbCount",
  "tomatoesCritic",
  "tomatoesCriticCount",
  "tomatoesAudience",
  "tomatoesAudienceCount",
  "tomatoesAudienceCountIsLowerBound",
  "metacritic",
  "metacriticCount",
  "metauser",
  "metauserCount",
];

/**
 * Writes one batch in one transaction: dims, series, bridges, the ratings
 * snapshot, failures and each series' outcome. Every statement is keyed on
 * natural keys and skips unchanged rows, so the same batch twice changes nothing.
 */
export async function writeBatch(db: Database, items: LoadItem[]): Promise<void> {
  // Rows are written in key order so that concurrent batches lock them in the same order (no deadlocks).
  const unique = uniqueBy(items, (i) => `${i.runId}/${i.series.seriesId}`).sort(
    (a, b) => a.runId.localeCompare(b.runId) || a.series.seriesId - b.series.seriesId,
  );
  if (unique.length === 0) return;
  const genres = uniqueBy(
    unique.flatMap((i) => i.series.genres.map((g) => ({ genreId: g.id, name: g.name }))),
    (g) => g.genreId,
  ).sort((a, b) => a.genreId - b.genreId);
  const networks = uniqueBy(
    unique.flatMap((i) =>
      i.series.networks.map((n) => ({ networkId: n.id, name: n.name, originCountry: n.originCountry })),
    ),
    (n) => n.networkId,
  ).sort((a, b) => a.networkId - b.networkId);
  const latestItems = uniqueBy(unique, (i) => i.series.seriesId).sort(
    (a, b) => a.series.seriesId - b.series.seriesId,
  );
  const latestSeries = latestItems.map((i) => i.series);
  const seriesIds = latestSeries.map((s) => s.seriesId);
  const pairs = (refs: (s: (typeof latestSeries)[number]) => Array<{ id: number }>) =>
    latestSeries.flatMap((s) =>
      uniqueBy(refs(s), (r) => r.id).map((r) => ({ seriesId: s.seriesId, refId: r.id })),
    );

  await db.transaction(async (tx) => {
    if (genres.length) {
      await tx
        .insert(genreDim)
        .values(genres)
        .onConflictDoUpdate({ target: genreDim.genreId, ...upsertChanged(genreDim, ["name"]) });
    }
    if (networks.length) {
      await tx
        .insert(networkDim)
        .values(networks)
        .onConflictDoUpdate({
          target: networkDim.networkId,
          ...upsertChanged(networkDim, ["name", "originCountry"]),
        });
    }
    const seriesUpsert = upsertChanged(series, SERIES_COLUMNS);
    await tx
      .insert(series)
      .values(latestSeries.map(seriesRow))
      .onConflictDoUpdate({
        target: series.seriesId,
        set: { ...seriesUpsert.set, updatedAt: sql`now()` },
        setWhere: seriesUpsert.setWhere,
      });
    for (const site of ["rt", "mc"] as const) {
      const statement = updateConfirmedPaths(latestItems, site);
      if (statement) await tx.execute(statement);
    }
    for (const statement of [
      ...replaceBridgeRows(
        GENRE_BRIDGE,
        seriesIds,
        pairs((s) => s.genres),
      ),
      ...replaceBridgeRows(
        NETWORK_BRIDGE,
        seriesIds,
        pairs((s) => s.networks),
      ),
    ]) {
      await tx.execute(statement);
    }
    await tx
      .insert(ratings)
      .values(unique.map(ratingsRow))
      .onConflictDoUpdate({
        target: [ratings.runId, ratings.seriesId],
        ...upsertChanged(ratings, RATING_COLUMNS),
      });
    await recordFailures(
      tx,
      unique.flatMap((i) => i.failures),
    );
    for (const [runId, ids] of groupIdsByRun(unique)) {
      await tx
        .update(runSeries)
        .set({ outcome: "loaded", finishedAt: sql`now()` })
        .where(
          and(
            eq(runSeries.runId, runId),
            inArray(runSeries.seriesId, ids),
            sql`${runSeries.outcome} is distinct from 'loaded'`,
          ),
        );
    }
  });
}

/** Stores each series' confirmed page path where this run settled it (found or confirmed absent). */
function updateConfirmedPaths(items: LoadItem[], site: "rt" | "mc") {
  const settled = items.flatMap((i) => {
    const path = confirmedPath(i[site]);
    return path === undefined ? [] : [{ seriesId: i.series.seriesId, path }];
  });
  if (settled.length === 0) return null;
  const column = sql.identifier(site === "rt" ? "rt_path" : "mc_path");
  return sql`update series s set ${column} = v.path
    from jsonb_to_recordset(${JSON.stringify(settled)}::jsonb) as v("seriesId" int, path text)
    where s.series_id = v."seriesId" and s.${column} is distinct from v.path`;
}

function groupIdsByRun(items: LoadItem[]): Map<string, number[]> {
  const byRun = new Map<string, number[]>();
  for (const i of items) byRun.set(i.runId, [...(byRun.get(i.runId) ?? []), i.series.seriesId]);
  return byRun;
}
