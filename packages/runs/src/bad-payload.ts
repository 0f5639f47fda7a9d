import { pipelineRuns } from "@tvr/db";
import { queues as contract } from "@tvr/queues";
import type { BadPayload } from "@tvr/worker";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { completeLoadingIfDone, type RunDeps, TERMINAL_STATUSES } from "./lifecycle.ts";
import { markSeriesFailed, recordFailures } from "./records.ts";

/** Enrichment children: their failure reaches the run through their parent load job. */
const CHILD_QUEUES: ReadonlySet<string> = new Set([
  contract.omdb.name,
  contract.scrapeRt.name,
  contract.scrapeMc.name,
]);

/**
 * Records a job whose payload doesn't parse against its run, so the run still
 * ends. A series job (TMDB details, load) finishes its series as failed (the
 * run ends `partial`); an enrichment child needs nothing here (its parent load
 * job records the failure); anything else (a top-rated page, a stage job)
 * leaves the run unable to know what it lost, so the run ends `failed` with
 * the reason, whatever stage it is in. Idempotent.
 */
export async function recordBadPayload(deps: RunDeps, bad: BadPayload): Promise<void> {
  const { runId, seriesId } = bad;
  if (!runId || CHILD_QUEUES.has(bad.queue)) return;
  const detail = `${bad.queue}/${bad.jobName} job ${bad.jobId ?? "?"}: ${bad.detail}`;
  if (seriesId !== undefined) {
    await recordFailures(deps.db, [
      { runId, seriesId, stage: bad.queue, kind: "failed", reason: "bad_payload", detail },
    ]);
    await markSeriesFailed(deps.db, runId, seriesId);
    await completeLoadingIfDone(deps, runId);
    return;
  }
  await deps.db
    .update(pipelineRuns)
    .set({ status: "failed", error: `bad_payload: ${detail}`, finishedAt: sql`now()` })
    .where(and(eq(pipelineRuns.id, runId), notInArray(pipelineRuns.status, [...TERMINAL_STATUSES])));
}
