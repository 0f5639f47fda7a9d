import type { Logger } from "@tvr/config";
import type { Metrics } from "@tvr/metrics";
import { queues as contract, type QueueKey } from "@tvr/queues";
import { type Job, type Processor, UnrecoverableError, Worker, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import { incrementStageCount } from "./progress.ts";

export interface InstrumentedWorkerOptions {
  queue: QueueKey;
  processor: Processor;
  connection: Redis;
  prefix: string;
  concurrency: number;
  limiter?: WorkerOptions["limiter"];
  /** How often a rate-limited worker looks again (BullMQ's default is 30 s). */
  maximumRateLimitDelay?: number;
  log: Logger;
  metrics: Metrics;
}

const runIdOf = (job: Job): string | undefined =>
  typeof job.data?.runId === "string" ? job.data.runId : undefined;

/**
 * A BullMQ worker with the production defaults every service needs: metrics
 * per outcome, duration histogram, progress counters, and error logging.
 */
export function createInstrumentedWorker(options: InstrumentedWorkerOptions): Worker {
  const { queue, log, metrics } = options;
  const name = contract[queue].name;
  const processor: Processor = async (job, token) => {
    const stop = metrics.jobDuration.startTimer({ queue: name, job: job.name });
    try {
      const result = await options.processor(job, token);
      metrics.jobsTotal.inc({ queue: name, job: job.name, outcome: "completed" });
      const runId = runIdOf(job);
      if (runId) await incrementStageCount(options.connection, options.prefix, runId, `${name}:${job.name}`);
      return result;
    } catch (error) {
      const outcome = classifyOutcome(job, error);
      metrics.jobsTotal.inc({ queue: name, job: job.name, outcome });
      if (outcome !== "rate_limited") {
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
    }
  };
  const worker = new Worker(name, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.maximumRateLimitDelay ? { maximumRateLimitDelay: options.maximumRateLimitDelay } : {}),
  });
  worker.on("error", (error) => log.error({ queue: name, err: error.message }, "worker error"));
  return worker;
}

function classifyOutcome(job: Job, error: unknown): "retried" | "failed" | "rate_limited" {
  if (error instanceof Error && error.name === "RateLimitError") return "rate_limited";
  if (error instanceof UnrecoverableError) return "failed";
  const attempts = job.opts.attempts ?? 1;
  return job.attemptsMade + 1 >= attempts ? "failed" : "retried";
}

/** True when this attempt is the job's last (so its failure must be recorded now). */
export function isFinalAttempt(job: Job, error: unknown): boolean {
  if (error instanceof Error && error.name === "RateLimitError") return false;
  return error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
