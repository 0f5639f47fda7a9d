import type { Logger } from "@tvr/config";
import type { Database } from "@tvr/db";
import type { Metrics } from "@tvr/metrics";
import { type OmdbResult, parsePayload } from "@tvr/queues";
import { failRun, type RunGate } from "@tvr/runs";
import { type OmdbClient, UpstreamError } from "@tvr/upstream";
import { type PipelineQueues, stageError } from "@tvr/worker";
import { type Job, Worker } from "bullmq";
import type { OmdbCache } from "./cache.ts";
import type { DailyQuota } from "./quota.ts";

export interface EnrichProcessorDeps {
  db: Database;
  queues: PipelineQueues;
  omdb: OmdbClient;
  cache: OmdbCache;
  quota: DailyQuota;
  gate: RunGate;
  log: Logger;
  metrics: Pick<Metrics, "counter">;
  onQuotaChange?: () => Promise<void>;
}

/** Looks a series up in OMDb by IMDb id (never by title), within the daily quota. */
export function createEnrichProcessor(deps: EnrichProcessorDeps) {
  const cacheLookups = deps.metrics.counter("omdb_cache_lookups_total", "OMDb cache lookups by result", [
    "result",
  ]);

  const waitForQuota = async (waitMs: number): Promise<never> => {
    deps.log.warn({ resumeInMs: waitMs }, "OMDb daily quota spent; lookups wait for the next UTC day");
    await deps.onQuotaChange?.();
    await deps.queues.omdb.rateLimit(waitMs);
    throw Worker.RateLimitError();
  };

  return async (job: Job): Promise<OmdbResult | { skipped: string }> => {
    const { runId, imdbId } = parsePayload("omdb", "lookup", job.data);
    if (!(await deps.gate.isActive(runId))) return { skipped: "run_not_running" };

    const cached = await deps.cache.get(imdbId);
    cacheLookups.inc({ result: cached ? "hit" : "miss" });
    if (cached) return cached;

    const reservation = await deps.quota.reserve();
    if (!reservation.ok) return waitForQuota(reservation.waitMs);

    let result: OmdbResult;
    try {
      result = await deps.omdb.byImdbId(imdbId);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.kind === "quota_exhausted") return waitForQuota(await deps.quota.markSpent());
      if (error.kind === "auth") {
        const message = "OMDb rejected the key in OMDB_API_KEY";
        await failRun(deps.db, runId, message);
        throw stageError("auth", message, true);
      }
      throw stageError(error.kind, error.message, error.permanent);
    } finally {
      await deps.onQuotaChange?.();
    }
    await deps.cache.set(imdbId, result);
    return result;
  };
}
