import { type Database, pipelineRuns, ratings } from "@tvr/db";
import { count, eq, sql } from "drizzle-orm";
import { endRunEarly, type RunStatus } from "./runs.ts";

export type CancelOutcome =
  | { outcome: "cancelled" }
  | { outcome: "not_found" }
  | { outcome: "already_ended"; status: RunStatus };

/**
 * Cancels a running run. Workers skip the run's remaining jobs through their
 * run gate; jobs already in flight finish. Only a running run can be cancelled.
 */
export async function cancelRun(db: Database, runId: string, reason = "cancelled"): Promise<CancelOutcome> {
  if (await endRunEarly(db, runId, "cancelled", reason)) return { outcome: "cancelled" };
  const run = await db.query.pipelineRuns.findFirst({
    columns: { status: true },
    where: eq(pipelineRuns.id, runId),
  });
  return run ? { outcome: "already_ended", status: run.status } : { outcome: "not_found" };
}

export interface EtaInput {
  startedAt: Date;
  now: Date;
  /** Pages the run will read (known once page 1 is in), or null before that. */
  totalPages: number | null;
  pagesDone: number;
  discovered: number;
  /** Series loaded or failed so far. */
  finished: number;
}

export interface RunEta {
  /** Series the run will end with: exact once discovery is complete, extrapolated before. */
  expectedSeries: number | null;
  seriesPerSecond: number;
  remainingSeconds: number | null;
  estimatedFinishAt: Date | null;
}

/** Estimates when a running run will finish from its average throughput so far. */
export function estimateRunEta(input: EtaInput): RunEta {
  const elapsedSeconds = Math.max((input.now.getTime() - input.startedAt.getTime()) / 1000, 0);
  const seriesPerSecond = elapsedSeconds > 0 ? input.finished / elapsedSeconds : 0;
  const expectedSeries = expectedSeriesCount(input);
  if (expectedSeries === null || seriesPerSecond === 0) {
    return { expectedSeries, seriesPerSecond, remainingSeconds: null, estimatedFinishAt: null };
  }
  const remainingSeconds = Math.max(expectedSeries - input.finished, 0) / seriesPerSecond;
  return {
    expectedSeries,
    seriesPerSecond,
    remainingSeconds,
    estimatedFinishAt: new Date(input.now.getTime() + remainingSeconds * 1000),
  };
}

function expectedSeriesCount(input: EtaInput): number | null {
  if (input.totalPages === null || input.pagesDone === 0) return null;
  if (input.pagesDone >= input.totalPages) return input.discovered;
  return Math.max(Math.round((input.discovered / input.pagesDone) * input.totalPages), input.discovered);
}

export interface SourceCounts {
  tmdb: number;
  imdb: number;
  rottenTomatoes: number;
  metacritic: number;
  metacriticUser: number;
}

/** OMDb answers a run loaded, and how many of them the enricher served from its cache. */
export interface OmdbCacheUse {
  answers: number;
  fromCache: number;
  /** Age, when loaded, of the oldest answer that came from the cache; null when none did. */
  oldestCachedAgeSeconds: number | null;
}

/**
 * A cached answer was fetched before the run started; in live mode it can disagree with what
 * OMDb says today (the cache keeps answers for OMDB_CACHE_TTL_SECONDS), so summaries say so.
 */
export async function countOmdbCacheUse(
  db: Database,
  runId: string,
  runStartedAt: Date,
): Promise<OmdbCacheUse> {
  const cached = sql`${ratings.omdbFetchedAt} < ${runStartedAt.toISOString()}::timestamptz`;
  const [row] = await db
    .select({
      answers: count(ratings.omdbFetchedAt),
      fromCache: sql<number>`count(*) filter (where ${cached})::int`,
      oldestCachedAgeSeconds: sql<
        number | null
      >`max(extract(epoch from ${ratings.collectedAt} - ${ratings.omdbFetchedAt})) filter (where ${cached})`,
    })
    .from(ratings)
    .where(eq(ratings.runId, runId));
  const age = row?.oldestCachedAgeSeconds;
  return {
    answers: row?.answers ?? 0,
    fromCache: row?.fromCache ?? 0,
    oldestCachedAgeSeconds: age === null || age === undefined ? null : Math.round(Number(age)),
  };
}

/** How many of a run's loaded series carry a rating from each source. */
export async function countRatingsBySource(db: Database, runId: string): Promise<SourceCounts> {
  const [row] = await db
    .select({
      tmdb: count(ratings.tmdbVoteAverage),
      imdb: count(ratings.imdbRating),
      rottenTomatoes: count(ratings.tomatoesCritic),
      metacritic: count(ratings.metacritic),
      metacriticUser: count(ratings.metauser),
    })
    .from(ratings)
    .where(eq(ratings.runId, runId));
  return row ?? { tmdb: 0, imdb: 0, rottenTomatoes: 0, metacritic: 0, metacriticUser: 0 };
}
