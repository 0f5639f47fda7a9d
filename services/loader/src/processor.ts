import type { Logger } from "@tvr/config";
import { type FailureRecord, parseFailureReason, type RunGate } from "@tvr/pipeline";
import { queues as contract, OmdbResult, parsePayload } from "@tvr/queues";
import type { Job, Queue } from "bullmq";
import type { LoadItem } from "./model.ts";

export interface LoadProcessorDeps {
  gate: RunGate;
  /** Adds the item to the current batch; resolves once the batch is committed. */
  write: (item: LoadItem) => Promise<void>;
  /** Reads attempts of children that failed for good. */
  childQueues: Record<string, Queue>;
  log: Logger;
}

const jobIdFromKey = (key: string) => key.slice(key.lastIndexOf(":") + 1);
const queueNameFromKey = (key: string) => {
  const parts = key.split(":");
  return parts[parts.length - 2] ?? "";
};

/**
 * Loads one series once its enrichment children are done: what they returned
 * becomes the ratings snapshot, and what they failed with becomes a failure
 * record; absences (no IMDb id, unknown to OMDb) are recorded as absences.
 */
export function createLoadProcessor(deps: LoadProcessorDeps) {
  return async (job: Job) => {
    const { runId, series } = parsePayload("load", "series", job.data);
    if (!(await deps.gate.isActive(runId))) return { skipped: "run_not_running" };

    const failures: FailureRecord[] = [];
    let omdb: OmdbResult | null = null;
    const values = await job.getChildrenValues();
    for (const [key, value] of Object.entries(values)) {
      if (queueNameFromKey(key) !== contract.omdb.name) continue;
      const parsed = OmdbResult.safeParse(value);
      if (parsed.success) omdb = parsed.data;
    }
    for (const [key, failedReason] of Object.entries(await job.getIgnoredChildrenFailures())) {
      const stage = queueNameFromKey(key);
      const child = await deps.childQueues[stage]?.getJob(jobIdFromKey(key));
      const { reason, detail } = parseFailureReason(failedReason);
      failures.push({
        runId,
        seriesId: series.seriesId,
        stage,
        kind: "failed",
        reason,
        detail,
        attempts: child?.attemptsMade ?? 1,
      });
    }

    if (!series.imdbId) {
      failures.push({
        runId,
        seriesId: series.seriesId,
        stage: "omdb",
        kind: "absent",
        reason: "no_imdb_id",
      });
    } else if (omdb?.status === "absent") {
      failures.push({ runId, seriesId: series.seriesId, stage: "omdb", kind: "absent", reason: omdb.reason });
    }

    await deps.write({ runId, series, omdb, failures });
    return { seriesId: series.seriesId, imdb: omdb?.status ?? "none", failures: failures.length };
  };
}
