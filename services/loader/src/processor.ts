import type { Logger } from "@tvr/config";
import { parsePayload } from "@tvr/queues";
import {
  completeLoadingIfDone,
  markSeriesFailed,
  type RunDeps,
  type RunGate,
  recordFailures,
} from "@tvr/runs";
import { parseFailureReason } from "@tvr/worker";
import type { Job, Queue } from "bullmq";
import { failureRecords, readChildOutcomes } from "./children.ts";
import type { LoadItem } from "./model.ts";

export interface LoadProcessorDeps {
  gate: RunGate;
  /** Adds the item to the current batch; resolves once the batch is committed. */
  write: (item: LoadItem) => Promise<void>;
  /** Child queues by name, to read the attempts of children that failed for good. */
  childQueues: Record<string, Queue>;
  log: Logger;
}

/**
 * Loads one series once its enrichment children are done: what they returned
 * becomes the ratings snapshot; what they failed with, or found absent, is
 * recorded. One failing source never blocks the series.
 */
export function createLoadProcessor(deps: LoadProcessorDeps) {
  return async (job: Job) => {
    const { runId, series } = parsePayload("load", "series", job.data);
    if (!(await deps.gate.isActive(runId))) return { skipped: "run_not_running" };
    const outcomes = await readChildOutcomes(job, deps.childQueues);
    const failures = failureRecords(runId, series.seriesId, series.imdbId !== null, outcomes);
    await deps.write({ runId, series, omdb: outcomes.omdb, rt: outcomes.rt, mc: outcomes.mc, failures });
    return { seriesId: series.seriesId, failures: failures.length };
  };
}

/** A series whose load failed for good is finished as failed, so its run can end (partial). */
export async function recordLoadFailure(deps: RunDeps, job: Job, error: Error): Promise<void> {
  const { db } = deps;
  const { runId, series } = parsePayload("load", "series", job.data);
  const { reason, detail } = parseFailureReason(error.message);
  await recordFailures(db, [
    {
      runId,
      seriesId: series.seriesId,
      stage: "load",
      kind: "failed",
      reason,
      detail,
      attempts: job.attemptsMade + 1,
    },
  ]);
  await markSeriesFailed(db, runId, series.seriesId);
  await completeLoadingIfDone(deps, runId);
}
