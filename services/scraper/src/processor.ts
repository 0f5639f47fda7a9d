import type { Logger } from "@tvr/config";
import { SCRAPE_PRIORITY, ScrapePayload, type ScrapeResult, type ScrapeSite } from "@tvr/queues";
import type { RunGate } from "@tvr/runs";
import { stageError } from "@tvr/worker";
import { DelayedError, type Job, type Queue, Worker } from "bullmq";
import type { BrowserFetcher } from "./browser.ts";
import type { ClearanceStore } from "./clearance.ts";
import type { Diagnostics } from "./diagnostics.ts";
import type { HttpFetcher } from "./http.ts";
import type { ScrapeMetrics } from "./metrics.ts";
import { readCursor } from "./plan.ts";
import type { SiteUrls } from "./site.ts";
import { runStep } from "./step.ts";

export interface ScrapeProcessorDeps {
  site: SiteUrls;
  /** The site's queue, paused as a whole when the site answers 429 with Retry-After. */
  queue: Pick<Queue, "rateLimit">;
  http: HttpFetcher;
  browser: BrowserFetcher | null;
  diagnostics: Diagnostics;
  clearance?: ClearanceStore;
  /** Skips the jobs of runs that ended (cancelled, failed); omitted in tests without a database. */
  gate?: Pick<RunGate, "isActive">;
  log: Logger;
  metrics: ScrapeMetrics;
}

export type ScrapeJobResult = ScrapeResult | { skipped: "run_not_running" };

/**
 * One processing = one site request. A series is resolved over several processings (BullMQ's
 * step-job pattern): the cursor is saved in the job's data and the job goes back through the
 * queue, so the queue's rate limiter, which counts processings, bounds the requests per second
 * to the site across every scraper process.
 */
export function createScrapeProcessor(deps: ScrapeProcessorDeps) {
  const site: ScrapeSite = deps.site.site;
  return async (job: Job, token?: string): Promise<ScrapeJobResult> => {
    const parsed = ScrapePayload.safeParse(job.data);
    if (!parsed.success) throw stageError("bad_payload", parsed.error.message, true);
    const payload = parsed.data;
    if (deps.gate && !(await deps.gate.isActive(payload.runId))) return { skipped: "run_not_running" };

    const cursor = readCursor(job.data);
    const started = performance.now();
    const outcome = await runStep(deps, payload, cursor);
    deps.log.debug(
      {
        site,
        jobId: job.id,
        step: cursor.steps,
        via: cursor.via,
        outcome: outcome.kind,
        ms: Math.round(performance.now() - started),
      },
      "scrape step",
    );
    switch (outcome.kind) {
      case "done": {
        const { result } = outcome;
        deps.metrics.result(site, result.status, result.status === "found" ? result.fetchedWith : "none");
        deps.log.debug({ site, jobId: job.id, status: result.status }, "series resolved");
        return result;
      }
      case "next":
        await job.updateData({ ...payload, cursor: outcome.cursor });
        // Applies when the job leaves `delayed`: ahead of the series not started yet.
        await job.changePriority({ priority: SCRAPE_PRIORITY.nextStep });
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      case "pause":
        deps.log.warn({ site, pauseMs: outcome.ms }, "site answered 429: pausing its queue");
        await deps.queue.rateLimit(outcome.ms);
        throw Worker.RateLimitError();
      case "retry":
        await job.updateData({ ...payload, cursor: outcome.cursor });
        throw outcome.error;
    }
  };
}
