import type { Database } from "@tvr/db";
import {
  finalizeRunIfComplete,
  isFinalAttempt,
  markSeriesFailed,
  parseFailureReason,
  recordFailures,
  recordPageOutcome,
} from "@tvr/pipeline";
import { parsePayload } from "@tvr/queues";
import type { Job } from "bullmq";
import { createDetailsProcessor, type DetailsProcessorDeps } from "./details.ts";
import { createPageProcessor, type PageProcessorDeps } from "./page.ts";

type Deps = PageProcessorDeps & DetailsProcessorDeps;

/**
 * The `tmdb` queue carries both job kinds so one queue limiter bounds every
 * TMDB request. A job's last failed attempt is recorded before BullMQ marks it
 * failed, so the run can still finish.
 */
export function createTmdbProcessor(deps: Deps) {
  const handlers: Record<string, (job: Job) => Promise<unknown>> = {
    page: createPageProcessor(deps),
    details: createDetailsProcessor(deps),
  };
  return async (job: Job) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`unknown job name ${job.name} on the tmdb queue`);
    try {
      return await handler(job);
    } catch (error) {
      if (isFinalAttempt(job, error)) await recordFinalFailure(deps.db, job, error as Error);
      throw error;
    }
  };
}

async function recordFinalFailure(db: Database, job: Job, error: Error) {
  const { reason, detail } = parseFailureReason(error.message);
  if (job.name === "page") {
    const { runId, page } = parsePayload("tmdb", "page", job.data);
    await recordPageOutcome(db, runId, page, { status: "failed", reason: `${reason}: ${detail ?? ""}` });
    await finalizeRunIfComplete(db, runId);
    return;
  }
  const { runId, seriesId } = parsePayload("tmdb", "details", job.data);
  await recordFailures(db, [
    { runId, seriesId, stage: "tmdb", kind: "failed", reason, detail, attempts: job.attemptsMade + 1 },
  ]);
  await markSeriesFailed(db, runId, seriesId);
  await finalizeRunIfComplete(db, runId);
}
