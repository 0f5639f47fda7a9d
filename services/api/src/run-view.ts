import type { Database } from "@tvr/db";
import {
  estimateRunEta,
  getRun,
  type Run,
  readQuotaState,
  readStageCounts,
  summarizeRun,
} from "@tvr/pipeline";
import type { Redis } from "ioredis";
import type { RunDetail, RunItem } from "./schemas.ts";

export function toRunItem(run: Run): RunItem {
  return {
    id: run.id,
    mode: run.mode,
    status: run.status,
    idempotencyKey: run.idempotencyKey,
    maxPages: run.maxPages,
    totalPages: run.totalPages,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}

export interface RunViewDeps {
  db: Database;
  redis: Redis;
  prefix: string;
  now?: () => Date;
}

/** Everything GET /runs/{id} reports: counts from Postgres, live stage counters from Redis, an ETA. */
export async function buildRunDetail(deps: RunViewDeps, idOrLatest: string): Promise<RunDetail | undefined> {
  const run = await getRun(deps.db, idOrLatest);
  if (!run) return undefined;
  const [summary, stages, quota] = await Promise.all([
    summarizeRun(deps.db, run.id),
    readStageCounts(deps.redis, deps.prefix, run.id),
    readQuotaState(deps.redis, deps.prefix),
  ]);
  if (!summary) return undefined;
  const now = deps.now?.() ?? new Date();
  const eta =
    run.status === "running"
      ? estimateRunEta({
          startedAt: run.startedAt,
          now,
          totalPages: run.totalPages,
          pagesDone: summary.pages.done,
          discovered: summary.series.discovered,
          finished: summary.series.loaded + summary.series.failed,
        })
      : null;
  return {
    ...toRunItem(run),
    durationSeconds: summary.durationSeconds,
    pages: summary.pages,
    series: summary.series,
    stages,
    sources: summary.sources,
    omdbCache: summary.omdbCache,
    waiting:
      run.status === "running" && quota?.exhausted
        ? { reason: "omdb_daily_quota", until: quota.resetsAt, used: quota.used, limit: quota.limit }
        : null,
    failures: summary.failures.map((f) => ({ ...f, kind: f.kind === "absent" ? "absent" : "failed" })),
    eta: eta && { ...eta, estimatedFinishAt: eta.estimatedFinishAt?.toISOString() ?? null },
  };
}
