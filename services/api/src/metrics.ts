import { type Database, pipelineRuns, RUN_STATUSES, runFailures, runSeries } from "@tvr/db";
import { METRIC_PREFIX, type Metrics } from "@tvr/metrics";
import type { Queue } from "bullmq";
import { and, count, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import client from "prom-client";

export const QUEUE_STATES = [
  "waiting",
  // Waiting in a queue paused through BullMQ (Queue.pause): no worker takes them until it resumes.
  "paused",
  "active",
  "delayed",
  "failed",
  "completed",
  "prioritized",
  "waiting-children",
] as const;
/** How many earlier runs the "run takes far longer than usual" comparison looks at. */
export const DURATION_BASELINE_RUNS = 5;

export interface QueueFigures {
  queue: string;
  counts: Record<string, number>;
  oldestWaitingAgeSeconds: number;
}

export interface RunFigures {
  /** The newest run, finished or not; its duration and loaded count grow while it runs. */
  latest: { status: string; durationSeconds: number; seriesLoaded: number } | null;
  lastFinishedAt: Date | null;
  lastSucceededAt: Date | null;
  /** Median duration of the last completed (succeeded or partial) runs before the newest one. */
  baselineDurationSeconds: number | null;
  /** The newest run's failures and absences, counted by stage, kind and reason code. */
  failures: { stage: string; kind: string; reason: string; count: number }[];
}

/** One Lua call for the counts and one read of the oldest waiting job per list. */
export async function readQueueFigures(queue: Queue, now: Date): Promise<QueueFigures> {
  const raw = await queue.getJobCounts(...QUEUE_STATES);
  const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, raw[s] ?? 0]));
  // The oldest of each list (a paused queue holds its waiting jobs in the paused list), and the
  // next prioritized job (scrape jobs all carry a priority): when nothing takes jobs it stays
  // first and ages, as the head of a list does.
  const oldestPerList = await queue.getJobs(["wait", "paused", "prioritized"], 0, 0, true);
  const oldest = Math.min(...oldestPerList.map((job) => job.timestamp));
  const oldestWaitingAgeSeconds = Number.isFinite(oldest) ? Math.max((now.getTime() - oldest) / 1000, 0) : 0;
  return { queue: queue.name, counts, oldestWaitingAgeSeconds };
}

export async function readRunFigures(db: Database, now: Date): Promise<RunFigures> {
  const latest = await db.query.pipelineRuns.findFirst({ orderBy: desc(pipelineRuns.startedAt) });
  const lastFinished = await db.query.pipelineRuns.findFirst({
    columns: { finishedAt: true },
    where: isNotNull(pipelineRuns.finishedAt),
    orderBy: desc(pipelineRuns.finishedAt),
  });
  const lastSucceeded = await db.query.pipelineRuns.findFirst({
    columns: { finishedAt: true },
    where: and(eq(pipelineRuns.status, "succeeded"), isNotNull(pipelineRuns.finishedAt)),
    orderBy: desc(pipelineRuns.finishedAt),
  });
  const base = {
    lastFinishedAt: lastFinished?.finishedAt ?? null,
    lastSucceededAt: lastSucceeded?.finishedAt ?? null,
  };
  if (!latest) return { latest: null, ...base, baselineDurationSeconds: null, failures: [] };
  const [loaded] = await db
    .select({ n: count() })
    .from(runSeries)
    .where(and(eq(runSeries.runId, latest.id), eq(runSeries.outcome, "loaded")));
  const failures = await db
    .select({ stage: runFailures.stage, kind: runFailures.kind, reason: runFailures.reason, count: count() })
    .from(runFailures)
    .where(eq(runFailures.runId, latest.id))
    .groupBy(runFailures.stage, runFailures.kind, runFailures.reason);
  const earlier = await db.query.pipelineRuns.findMany({
    columns: { startedAt: true, finishedAt: true },
    where: and(
      ne(pipelineRuns.id, latest.id),
      inArray(pipelineRuns.status, ["succeeded", "partial"]),
      isNotNull(pipelineRuns.finishedAt),
    ),
    orderBy: desc(pipelineRuns.finishedAt),
    limit: DURATION_BASELINE_RUNS,
  });
  const end = latest.finishedAt ?? now;
  return {
    latest: {
      status: latest.status,
      durationSeconds: (end.getTime() - latest.startedAt.getTime()) / 1000,
      seriesLoaded: loaded?.n ?? 0,
    },
    ...base,
    baselineDurationSeconds: median(
      earlier.map((r) => ((r.finishedAt ?? now).getTime() - r.startedAt.getTime()) / 1000),
    ),
    failures,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Shares one read between the gauges of a scrape (prom-client collects them concurrently). */
function perScrape<T>(read: () => Promise<T>, maxAgeMs = 1_000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > maxAgeMs) {
      const value = read();
      cached = { at: Date.now(), value };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
}

/**
 * Gauges computed on scrape from BullMQ and Postgres, so they are right in
 * every API replica without any bookkeeping.
 */
export function registerControlPlaneMetrics(options: {
  metrics: Metrics;
  db: Database;
  queues: readonly Queue[];
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  const registers = [options.metrics.registry];
  const queueFigures = perScrape(() => Promise.all(options.queues.map((q) => readQueueFigures(q, now()))));
  const runFigures = perScrape(() => readRunFigures(options.db, now()));

  new client.Gauge({
    name: `${METRIC_PREFIX}queue_jobs`,
    help: "Jobs per queue and state",
    labelNames: ["queue", "state"],
    registers,
    async collect() {
      this.reset();
      for (const q of await queueFigures()) {
        for (const state of QUEUE_STATES) this.set({ queue: q.queue, state }, q.counts[state] ?? 0);
      }
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}queue_oldest_waiting_age_seconds`,
    help: "Age of the oldest waiting job per queue (0 when none is waiting)",
    labelNames: ["queue"],
    registers,
    async collect() {
      this.reset();
      for (const q of await queueFigures()) this.set({ queue: q.queue }, q.oldestWaitingAgeSeconds);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}last_run_status`,
    help: "Status of the newest run, one-hot by status",
    labelNames: ["status"],
    registers,
    async collect() {
      this.reset();
      const { latest } = await runFigures();
      if (!latest) return;
      for (const status of RUN_STATUSES) this.set({ status }, latest.status === status ? 1 : 0);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}last_run_duration_seconds`,
    help: "Duration of the newest run (so far, while it runs)",
    registers,
    async collect() {
      this.reset();
      const { latest } = await runFigures();
      if (latest) this.set(latest.durationSeconds);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}last_run_series_loaded`,
    help: "Series loaded by the newest run (so far, while it runs)",
    registers,
    async collect() {
      this.reset();
      const { latest } = await runFigures();
      if (latest) this.set(latest.seriesLoaded);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}last_run_finished_timestamp_seconds`,
    help: "Unix time the most recent finished run ended (alert when it is older than a week)",
    registers,
    async collect() {
      this.reset();
      const { lastFinishedAt } = await runFigures();
      if (lastFinishedAt) this.set(lastFinishedAt.getTime() / 1000);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}last_succeeded_run_finished_timestamp_seconds`,
    help: "Unix time the most recent succeeded run ended (freshness: alert when it is too old)",
    registers,
    async collect() {
      this.reset();
      const { lastSucceededAt } = await runFigures();
      if (lastSucceededAt) this.set(lastSucceededAt.getTime() / 1000);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}runs_baseline_duration_seconds`,
    help: `Median duration of the last ${DURATION_BASELINE_RUNS} completed runs before the newest one`,
    registers,
    async collect() {
      this.reset();
      const { baselineDurationSeconds } = await runFigures();
      if (baselineDurationSeconds !== null) this.set(baselineDurationSeconds);
    },
  });
  new client.Gauge({
    name: `${METRIC_PREFIX}last_run_failures`,
    help: "Failures (kind failed) and absences (kind absent) of the newest run, by stage and reason code",
    labelNames: ["stage", "kind", "reason"],
    registers,
    async collect() {
      this.reset();
      const { failures } = await runFigures();
      for (const f of failures) this.set({ stage: f.stage, kind: f.kind, reason: f.reason }, f.count);
    },
  });
}
