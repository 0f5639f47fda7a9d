import type { Logger } from "@tvr/config";
import type { Database } from "@tvr/db";
import { controlQueue, isoWeekOf, ScheduledRunPayload } from "@tvr/queues";
import { type RunMode, startRun } from "@tvr/runs";
import type { PipelineQueues } from "@tvr/worker";
import { type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";

export const WEEKLY_SCHEDULER_ID = "weekly-run";
const JOB_NAME = "scheduled-run";

/** "weekly-2026-W48": the scheduled run's idempotency key, from the ISO week it was scheduled in. */
export const isoWeekKey = (at: Date): string => `weekly-${isoWeekOf(at)}`;

/** When the scheduler meant this job to run (not when a worker got to it). */
export const scheduledFor = (job: Job): Date => new Date(job.opts.prevMillis ?? job.timestamp);

export function createControlQueue(connection: Redis, prefix: string): Queue {
  return new Queue(controlQueue.name, { connection, prefix, defaultJobOptions: controlQueue.options });
}

/**
 * Makes the stored schedule match the configuration: upserted from the cron
 * (UTC) when set, removed when not, so unsetting the variable stops the runs.
 */
export async function syncWeeklySchedule(
  queue: Queue,
  cron: string | undefined,
  mode: RunMode,
): Promise<"scheduled" | "removed"> {
  if (!cron) {
    await queue.removeJobScheduler(WEEKLY_SCHEDULER_ID);
    return "removed";
  }
  await queue.upsertJobScheduler(
    WEEKLY_SCHEDULER_ID,
    { pattern: cron, tz: "UTC" },
    { name: JOB_NAME, data: ScheduledRunPayload.parse({ mode }), opts: controlQueue.options },
  );
  return "scheduled";
}

/** Starts the week's run; the ISO week key makes a second firing in the same week return the same run. */
export function createScheduledRunProcessor(deps: { db: Database; queues: PipelineQueues; log: Logger }) {
  return async (job: Job) => {
    const { mode } = ScheduledRunPayload.parse(job.data);
    const at = scheduledFor(job);
    const idempotencyKey = isoWeekKey(at);
    const { run, created } = await startRun(deps, { mode, idempotencyKey, period: isoWeekOf(at) });
    deps.log.info(
      { runId: run.id, idempotencyKey, created },
      created ? "scheduled run started" : "scheduled run already exists for this week",
    );
    return { runId: run.id, idempotencyKey, created };
  };
}

export function startSchedulerWorker(options: {
  connection: Redis;
  prefix: string;
  processor: (job: Job) => Promise<unknown>;
  log: Logger;
}): Worker {
  const worker = new Worker(controlQueue.name, options.processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 1,
  });
  worker.on("error", (error) => options.log.error({ err: error.message }, "scheduler worker error"));
  worker.on("failed", (job, error) =>
    options.log.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, err: error.message },
      "scheduled run failed",
    ),
  );
  return worker;
}
