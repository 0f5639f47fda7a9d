import type { Logger } from "@tvr/config";
import type { Metrics } from "@tvr/metrics";
import { incrementStageCount } from "@tvr/pipeline";
import { queues as contract } from "@tvr/queues";
import { DelayedError, type Job, type Processor, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";

export interface ScrapeWorkerOptions {
  queue: "scrapeRt" | "scrapeMc";
  processor: (job: Job, token?: string) => Promise<unknown>;
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** Site requests per second: BullMQ's limiter counts processings, and each makes one request. */
  ratePerSecond: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  log: Logger;
  metrics: Metrics;
  /** Steps being processed by this process, labelled by queue. */
  inFlight: { inc(labels: { queue: string }): void; dec(labels: { queue: string }): void };
}

type Outcome = "completed" | "stepped" | "rate_limited" | "retried" | "failed";

/**
 * Like the pipeline's createInstrumentedWorker (same metrics, progress counter and logs),
 * plus what step jobs need: a DelayedError ends a step, not an attempt, so it is counted as
 * "stepped" and not logged as a failure; and lock/stalled intervals are configurable, so a
 * killed process's jobs are taken over quickly in tests.
 */
export function createScrapeWorker(options: ScrapeWorkerOptions): Worker {
  const { log, metrics } = options;
  const name = contract[options.queue].name;
  const processor: Processor = async (job, token) => {
    const stop = metrics.jobDuration.startTimer({ queue: name, job: job.name });
    options.inFlight.inc({ queue: name });
    try {
      const result = await options.processor(job, token);
      metrics.jobsTotal.inc({ queue: name, job: job.name, outcome: "completed" });
      const runId = typeof job.data?.runId === "string" ? job.data.runId : undefined;
      if (runId) await incrementStageCount(options.connection, options.prefix, runId, `${name}:${job.name}`);
      return result;
    } catch (error) {
      const outcome = outcomeOf(job, error);
      metrics.jobsTotal.inc({ queue: name, job: job.name, outcome });
      if (outcome === "retried" || outcome === "failed") {
        log.warn(
          {
            queue: name,
            jobId: job.id,
            attempt: job.attemptsMade + 1,
            outcome,
            err: (error as Error).message,
          },
          "job attempt failed",
        );
      }
      throw error;
    } finally {
      stop();
      options.inFlight.dec({ queue: name });
    }
  };
  const worker = new Worker(name, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    limiter: { max: options.ratePerSecond, duration: 1_000 },
    // After a 429 pause, look again within a few seconds of its end.
    maximumRateLimitDelay: 2_000,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
  });
  worker.on("error", (error) => log.error({ queue: name, err: error.message }, "worker error"));
  return worker;
}

function outcomeOf(job: Job, error: unknown): Outcome {
  if (error instanceof DelayedError) return "stepped";
  if (error instanceof Error && error.name === "RateLimitError") return "rate_limited";
  if (error instanceof UnrecoverableError) return "failed";
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1) ? "failed" : "retried";
}
