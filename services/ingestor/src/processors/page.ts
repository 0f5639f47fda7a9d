import type { Logger } from "@tvr/config";
import { queues as contract, jobId, parsePayload } from "@tvr/queues";
import {
  completeLoadingIfDone,
  type RunGate,
  recordDiscoveredSeries,
  recordPageOutcome,
  setTotalPages,
} from "@tvr/runs";
import type { TmdbClient } from "@tvr/upstream";
import type { Job } from "bullmq";
import { callTmdb, type TmdbCallContext } from "../tmdb-calls.ts";

/** TMDB serves at most 500 pages of any list. */
export const TMDB_PAGE_CAP = 500;
const PAGE_SIZE = 20;
/**
 * The pages after the first wait while series' details are waiting (BullMQ takes jobs without a
 * priority first): otherwise all of them are read before the first details, and the enricher
 * and scrapers sit idle for that long (1.5 s at 60 pages and 40/s; 12 s at 500).
 */
const LATER_PAGE_PRIORITY = 10;

export interface PageProcessorDeps extends TmdbCallContext {
  tmdb: TmdbClient;
  gate: RunGate;
  log: Logger;
}

export function lastPageToRead(totalPages: number, maxPages: number | null): number {
  return Math.min(totalPages, TMDB_PAGE_CAP, maxPages ?? Number.POSITIVE_INFINITY);
}

/**
 * Reads one top-rated page: page 1 also fans out the other pages. Series are
 * recorded before the page is marked done, so discovery is complete exactly
 * when every page is.
 */
export function createPageProcessor(deps: PageProcessorDeps) {
  return async (job: Job) => {
    const { runId, page } = parsePayload("tmdb", "page", job.data);
    if (!(await deps.gate.isActive(runId))) return { skipped: "run_not_running" };
    const listing = await callTmdb(deps, runId, () => deps.tmdb.topRated(page));

    if (page === 1) {
      const run = await deps.db.query.pipelineRuns.findFirst({ where: (r, { eq }) => eq(r.id, runId) });
      const lastPage = lastPageToRead(listing.totalPages, run?.maxPages ?? null);
      await setTotalPages(deps.db, runId, Math.max(lastPage, 1));
      const rest = Array.from({ length: Math.max(lastPage - 1, 0) }, (_, i) => i + 2);
      await deps.queues.tmdb.addBulk(
        rest.map((p) => ({
          name: "page",
          data: parsePayload("tmdb", "page", { runId, page: p }),
          opts: { ...contract.tmdb.options, jobId: jobId(runId, "page", p), priority: LATER_PAGE_PRIORITY },
        })),
      );
      deps.log.info({ runId, totalPages: listing.totalPages, pagesToRead: lastPage }, "discovery started");
    }

    const entries = listing.results.map((r, i) => ({ seriesId: r.id, rank: (page - 1) * PAGE_SIZE + i + 1 }));
    await recordDiscoveredSeries(deps.db, runId, page, entries);
    await deps.queues.tmdb.addBulk(
      entries.map((e) => ({
        name: "details",
        data: parsePayload("tmdb", "details", { runId, seriesId: e.seriesId }),
        opts: { ...contract.tmdb.options, jobId: jobId(runId, "details", e.seriesId) },
      })),
    );
    await recordPageOutcome(deps.db, runId, page, { status: "done", seriesCount: entries.length });
    await completeLoadingIfDone(deps, runId);
    return { page, series: entries.length };
  };
}
