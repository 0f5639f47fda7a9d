import { type Database, pipelineRuns, ratings, runFailures, runPages, runSeries } from "@tvr/db";
import { TransformResult, ValidateResult } from "@tvr/queues";
import { count, eq, sql } from "drizzle-orm";
import { periodHolder, type RunStatus, readStages } from "./lifecycle.ts";

export interface SourceCounts {
  tmdb: number;
  imdb: number;
  rottenTomatoes: number;
  metacritic: number;
  metacriticUser: number;
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

type StageOutcome = "passed" | "failed" | "error" | "timed_out" | "skipped" | "running";

/** The data-quality section: Great Expectations suites and what failed, then dbt's marts. */
export interface QualitySummary {
  validation: {
    outcome: StageOutcome;
    error: string | null;
    suites: ValidateResult["suites"];
    expectations: { evaluated: number; failed: number };
    criticalFailures: ValidateResult["criticalFailures"];
    warnings: ValidateResult["warnings"];
  } | null;
  transform: {
    outcome: StageOutcome;
    error: string | null;
    /** Rows per model built (the marts' row counts). */
    models: Record<string, number>;
    failures: TransformResult["failures"];
  } | null;
}

export interface RunSummary {
  id: string;
  mode: string;
  status: RunStatus;
  period: string;
  /** Whether this run holds its week, which run does, and which one this run superseded. */
  holdsPeriod: boolean;
  periodHolderRunId: string | null;
  supersedesRunId: string | null;
  error: string | null;
  startedAt: Date;
  loadedAt: Date | null;
  finishedAt: Date | null;
  durationSeconds: number;
  pages: { total: number | null; done: number; failed: number };
  series: { discovered: number; loaded: number; failed: number; pending: number };
  /** Loaded series with a value from each source. */
  sources: SourceCounts;
  failures: Array<{ stage: string; kind: string; reason: string; count: number }>;
  quality: QualitySummary;
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
    period: run.period,
    holdsPeriod: run.holdsPeriod,
    periodHolderRunId: run.holdsPeriod ? run.id : await periodHolder(db, run.period),
    supersedesRunId: run.supersedesRunId,
    error: run.error,
    startedAt: run.startedAt,
    loadedAt: run.loadedAt,
    finishedAt: run.finishedAt,
    durationSeconds: (end.getTime() - run.startedAt.getTime()) / 1000,
    pages: { total: run.totalPages, done: pages?.done ?? 0, failed: pages?.failed ?? 0 },
    series: { discovered, loaded, failed, pending: discovered - loaded - failed },
    sources,
    failures,
    quality: await summarizeQuality(db, runId),
  };
}

async function summarizeQuality(db: Database, runId: string): Promise<QualitySummary> {
  const stages = await readStages(db, [runId]);
  const quality: QualitySummary = { validation: null, transform: null };
  for (const s of stages) {
    const outcome: StageOutcome = s.outcome ?? "running";
    if (s.stage === "validate") {
      const result = ValidateResult.safeParse(s.result);
      const r = result.success ? result.data : null;
      quality.validation = {
        outcome,
        error: s.error,
        suites: r?.suites ?? [],
        expectations: {
          evaluated: (r?.suites ?? []).reduce((n, x) => n + x.evaluated, 0),
          failed: (r?.suites ?? []).reduce((n, x) => n + x.failed, 0),
        },
        criticalFailures: r?.criticalFailures ?? [],
        warnings: r?.warnings ?? [],
      };
    } else {
      const result = TransformResult.safeParse(s.result);
      quality.transform = {
        outcome,
        error: s.error,
        models: result.success ? result.data.models : {},
        failures: result.success ? result.data.failures : [],
      };
    }
  }
  return quality;
}
