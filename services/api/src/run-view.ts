import type { Database } from "@tvr/db";
import { estimateRunEta, getRun, qualityJobId, type Run, readQuotaState, summarizeRun } from "@tvr/runs";
import { readStageCounts } from "@tvr/worker";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { RunDetail, RunItem } from "./schemas.ts";

export function toRunItem(run: Run): RunItem {
  return {
    id: run.id,
    mode: run.mode,
    status: run.status,
    period: run.period,
    holdsPeriod: run.holdsPeriod,
    supersedesRunId: run.supersedesRunId,
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
  /** The quality queue, to say when a validating/transforming run waits for the quality worker. */
  quality: Queue;
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
    periodHolderRunId: summary.periodHolderRunId,
    loadedAt: run.loadedAt?.toISOString() ?? null,
    durationSeconds: summary.durationSeconds,
    pages: summary.pages,
    series: summary.series,
    stages,
    sources: summary.sources,
    waiting:
      run.status === "running" && quota?.exhausted
        ? { reason: "omdb_daily_quota", until: quota.resetsAt, used: quota.used, limit: quota.limit }
        : await qualityWait(deps, run),
    quality: summary.quality,
    failures: summary.failures.map((f) => ({ ...f, kind: f.kind === "absent" ? "absent" : "failed" })),
    eta: eta && { ...eta, estimatedFinishAt: eta.estimatedFinishAt?.toISOString() ?? null },
  };
}

/** A run in validating/transforming whose quality job nobody has taken yet waits for the quality worker. */
async function qualityWait(deps: RunViewDeps, run: Run): Promise<RunDetail["waiting"]> {
  const stage = run.status === "validating" ? "validate" : run.status === "transforming" ? "transform" : null;
  if (!stage) return null;
  const jobId = qualityJobId(run.id, stage);
  const job = await deps.quality.getJob(jobId);
  const jobState = job ? await job.getState() : "not added yet";
  if (jobState === "active") return null;
  const workers = (await deps.quality.getWorkers()).length;
  return {
    reason: "quality_worker",
    stage,
    jobId,
    jobState,
    workers,
    message: `waiting for the quality worker (services/quality) to ${stage} this run: job ${jobId} is ${jobState}, ${workers} worker(s) connected`,
  };
}
