import type { Logger } from "@tvr/config";
import type { Metrics } from "@tvr/metrics";
import { queues as contract, type QueueKey } from "@tvr/queues";
import {
  DelayedError,
  type Job,
  type Processor,
  UnrecoverableError,
  Worker,
  type WorkerOptions,
} from "bullmq";
import type { Redis } from "ioredis";
import { stageError } from "./errors.ts";
import { type BadPayload, checkPayload } from "./payload-check.ts";
import { incrementStageCount } from "./stage-counts.ts";

export interface InstrumentedWorkerOptions {
  queue: QueueKey;
  processor: Processor;
  connection: Redis;
  prefix: string;
  concurrency: number;
  log: Logger;
  metrics: Metrics;
  /**
   * Further BullMQ options: `limiter` (a global rate per queue), `maximumRateLimitDelay`
   * (how often a rate-limited worker looks again), `lockDuration` / `stalledInterval`
   * (how soon a dead process's jobs are taken over).
   */
  worker?: Pick<WorkerOptions, "limiter" | "maximumRateLimitDelay" | "lockDuration" | "stalledInterval">;
  /**
   * Records a job's failure once it has failed for good, so its run can still
   * finish. Called before BullMQ marks the job failed, and again from the
   * `failed` event for jobs the stall check failed (their processor never threw
   * here): it must be idempotent.
   */
  onFinalFailure?: (job: Job, error: Error) => Promise<void>;
  /**
   * Records a job whose payload failed its schema against its run (the job
   * itself fails at once, unrecoverable). Without it the failure is only logged.
   */
  onBadPayload?: (failure: BadPayload) => Promise<void>;
  /** Jobs being processed by this process, by queue. */
  inFlight?: { inc(labels: { queue: string }): void; dec(labels: { queue: string }): void };
}

type Outcome = "completed" | "stepped" | "rate_limited" | "retried" | "failed";

const runIdOf = (job: Job): string | undefined =>
  typeof job.data?.runId === "string" ? job.data.runId : undefined;

/**
 * A BullMQ worker with the production defaults every service needs: metrics
 * per outcome, duration histogram, progress counters, and error logging. A
 * DelayedError (a step job queued for its next step) ends a step, not an
 * attempt: it is counted as "stepped" and not logged as a failure.
 */
export function createInstrumentedWorker(options: InstrumentedWorkerOptions): Worker {
  const { queue, log, metrics } = options;
  const name = contract[queue].name;
  const processor: Processor = async (job, token) => {
    const stop = metrics.jobDuration.startTimer({ queue: name, job: job.name });
    options.inFlight?.inc({ queue: name });
    const bad = checkPayload(queue, job);
    if (bad) {
      try {
        await rejectBadPayload(options, bad);
      } finally {
        stop();
        options.inFlight?.dec({ queue: name });
      }
    }
    try {
      const result = await options.processor(job, token);
      metrics.jobsTotal.inc({ queue: name, job: job.name, outcome: "completed" });
      const runId = runIdOf(job);
      if (runId) await incrementStageCount(options.connection, options.prefix, runId, `${name}:${job.name}`);
      return result;
    } catch (error) {
      if (options.onFinalFailure && isFinalAttempt(job, error))
        await options.onFinalFailure(job, error as Error);
      const outcome = classifyOutcome(job, error);
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
      options.inFlight?.dec({ queue: name });
    }
  };
  const worker = new Worker(name, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    ...options.worker,
  });
  worker.on("error", (error) => log.error({ queue: name, err: error.message }, "worker error"));
  worker.on("failed", (job, error) => {
    if (!job || !options.onFinalFailure || !/stalled/i.test(error.message)) return;
    options
      .onFinalFailure(job, error)
      .catch((recordError: Error) =>
        log.error(
          { queue: name, jobId: job.id, err: recordError.message },
          "could not record a stalled job's failure",
        ),
      );
  });
  return worker;
}

/**
 * A payload that doesn't parse will never parse: it fails at once
 * (UnrecoverableError, reason `bad_payload`), recorded against its run when
 * the run id can be read. The recording goes first: if it fails, the job is
 * retried so the run is never left waiting for it.
 */
async function rejectBadPayload(options: InstrumentedWorkerOptions, bad: BadPayload): Promise<never> {
  await options.onBadPayload?.(bad);
  options.metrics.jobsTotal.inc({ queue: bad.queue, job: bad.jobName, outcome: "failed" });
  options.log.error(
    { queue: bad.queue, jobId: bad.jobId, runId: bad.runId, err: bad.detail },
    "job payload does not match its schema; failed without retries",
  );
  throw stageError("bad_payload", bad.detail, true);
}

const isRateLimit = (error: unknown) => error instanceof Error && error.name === "RateLimitError";

function classifyOutcome(job: Job, error: unknown): Outcome {
  if (error instanceof DelayedError) return "stepped";
  if (isRateLimit(error)) return "rate_limited";
  return isFinalAttempt(job, error) ? "failed" : "retried";
}

/** True when this attempt is the job's last (so its failure must be recorded now). */
export function isFinalAttempt(job: Job, error: unknown): boolean {
  if (error instanceof DelayedError || isRateLimit(error)) return false;
  return error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
