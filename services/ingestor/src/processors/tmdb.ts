import { parsePayload } from "@tvr/queues";
import {
  completeLoadingIfDone,
  failRun,
  markSeriesFailed,
  type RunDeps,
  recordFailures,
  recordPageOutcome,
} from "@tvr/runs";
import { parseFailureReason } from "@tvr/worker";
import type { Job } from "bullmq";
import { createDetailsProcessor, type DetailsProcessorDeps } from "./details.ts";
import { createPageProcessor, type PageProcessorDeps } from "./page.ts";

type Deps = PageProcessorDeps & DetailsProcessorDeps;

/**
 * The `tmdb` queue carries both job kinds so one queue limiter bounds every
 * TMDB request.
 */
export function createTmdbProcessor(deps: Deps) {
  const handlers: Record<string, (job: Job) => Promise<unknown>> = {
    page: createPageProcessor(deps),
    details: createDetailsProcessor(deps),
  };
  return async (job: Job) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`unknown job name ${job.name} on the tmdb queue`);
    return handler(job);
  };
}

/**
 * A page or series that failed for good is recorded, so the run can finish.
 * Without page 1 the run can't know how many pages there are: it fails.
 */
export async function recordTmdbFailure(deps: RunDeps, job: Job, error: Error) {
  const { db } = deps;
  const { reason, detail } = parseFailureReason(error.message);
  if (job.name === "page") {
    const { runId, page } = parsePayload("tmdb", "page", job.data);
    await recordPageOutcome(db, runId, page, { status: "failed", reason: `${reason}: ${detail ?? ""}` });
    if (page === 1) await failRun(db, runId, `top_rated page 1 failed: ${reason}: ${detail ?? ""}`);
    await completeLoadingIfDone(deps, runId);
    return;
  }
  const { runId, seriesId } = parsePayload("tmdb", "details", job.data);
  await recordFailures(db, [
    { runId, seriesId, stage: "tmdb", kind: "failed", reason, detail, attempts: job.attemptsMade + 1 },
  ]);
  await markSeriesFailed(db, runId, seriesId);
  await completeLoadingIfDone(deps, runId);
}
