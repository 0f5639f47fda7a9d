import { type Database, pipelineRuns, ratings, runFailures, runPages, runSeries } from "@tvr/db";
import { count, eq, sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import {
  countOmdbCacheUse,
  countRatingsBySource,
  type OmdbCacheUse,
  type SourceCounts,
} from "./run-control.ts";

const progressKey = (prefix: string, runId: string) => `${prefix}:run-progress:${runId}`;
const PROGRESS_TTL_SECONDS = 14 * 24 * 3600;

/** Live per-stage counters (jobs completed per queue/job name) for progress displays. */
export async function incrementStageCount(redis: Redis, prefix: string, runId: string, stage: string) {
  const key = progressKey(prefix, runId);
  await redis.multi().hincrby(key, stage, 1).expire(key, PROGRESS_TTL_SECONDS).exec();
}

export async function readStageCounts(redis: Redis, prefix: string, runId: string) {
  const raw = await redis.hgetall(progressKey(prefix, runId));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}

export interface RunSummary {
  id: string;
  mode: string;
  status: string;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationSeconds: number;
  pages: { total: number | null; done: number; failed: number };
  series: { discovered: number; loaded: number; failed: number; pending: number };
  /** Loaded series with a value from each source. */
  sources: SourceCounts;
  /** OMDb answers from the enricher's cache (fetched before the run) and the oldest one's age. */
  omdbCache: OmdbCacheUse;
  failures: Array<{ stage: string; kind: string; reason: string; count: number }>;
}

/** Everything the CLI, the API and `make run` report about a run, from the database. */
export async function summarizeRun(db: Database, runId: string): Promise<RunSummary | undefined> {
  const run = await db.query.pipelineRuns.findFirst({ where: eq(pipelineRuns.id, runId) });
  if (!run) return undefined;
  const [pages] = await db
    .select({
      done: count(),
      failed: sql<number>`count(*) filter (where ${runPages.status} = 'failed')::int`,
    })
    .from(runPages)
    .where(eq(runPages.runId, runId));
  const [series] = await db
    .select({
      discovered: count(),
      loaded: sql<number>`count(*) filter (where ${runSeries.outcome} = 'loaded')::int`,
      failed: sql<number>`count(*) filter (where ${runSeries.outcome} = 'failed')::int`,
    })
    .from(runSeries)
    .where(eq(runSeries.runId, runId));
  const sources = await countRatingsBySource(db, runId);
  const omdbCache = await countOmdbCacheUse(db, runId, run.startedAt);
  const failures = await db
    .select({ stage: runFailures.stage, kind: runFailures.kind, reason: runFailures.reason, count: count() })
    .from(runFailures)
    .where(eq(runFailures.runId, runId))
    .groupBy(runFailures.stage, runFailures.kind, runFailures.reason)
    .orderBy(runFailures.stage, runFailures.kind, runFailures.reason);
  const discovered = series?.discovered ?? 0;
  const loaded = series?.loaded ?? 0;
  const failed = series?.failed ?? 0;
  const end = run.finishedAt ?? new Date();
  return {
    id: run.id,
    mode: run.mode,
    status: run.status,
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationSeconds: (end.getTime() - run.startedAt.getTime()) / 1000,
    pages: { total: run.totalPages, done: pages?.done ?? 0, failed: pages?.failed ?? 0 },
    series: { discovered, loaded, failed, pending: discovered - loaded - failed },
    sources,
    omdbCache,
    failures,
  };
}
