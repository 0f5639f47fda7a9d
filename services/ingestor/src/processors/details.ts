import type { Database } from "@tvr/db";
import { queues as contract, jobId, parsePayload, type ScrapeSite } from "@tvr/queues";
import type { RunGate } from "@tvr/runs";
import type { TmdbClient } from "@tvr/upstream";
import type { PipelineQueues } from "@tvr/worker";
import type { Job } from "bullmq";
import { callTmdb, type TmdbCallContext } from "../tmdb-calls.ts";
import { enrichmentChildren } from "./children.ts";

export interface DetailsProcessorDeps extends TmdbCallContext {
  db: Database;
  queues: PipelineQueues;
  tmdb: TmdbClient;
  gate: RunGate;
  scrapeSites: readonly ScrapeSite[];
}

/**
 * Fetches a series' details (external_ids appended, one request) and hands it
 * on as a flow: a load job that waits for its enrichment children. A child
 * that fails for good doesn't block the load (ignoreDependencyOnFailure).
 */
export function createDetailsProcessor(deps: DetailsProcessorDeps) {
  return async (job: Job) => {
    const { runId, seriesId } = parsePayload("tmdb", "details", job.data);
    if (!(await deps.gate.isActive(runId))) return { skipped: "run_not_running" };
    const series = await callTmdb(deps, runId, () => deps.tmdb.seriesDetails(seriesId));

    const children = await enrichmentChildren(deps.db, runId, series, deps.scrapeSites);
    const loadId = jobId(runId, "load", seriesId);
    // A retried details job must not add the flow twice.
    if (!(await deps.queues.load.getJob(loadId))) {
      await deps.queues.flow.add({
        name: "series",
        queueName: contract.load.name,
        data: parsePayload("load", "series", { runId, series }),
        opts: { ...contract.load.options, jobId: loadId },
        children,
      });
    }
    return { seriesId, imdbId: series.imdbId };
  };
}
