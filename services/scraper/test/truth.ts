import { queues as contract, type ScrapePayload, type ScrapeSite } from "@tvr/queues";
import type { TruthSeries } from "@tvr/sandbox";
import type { Queue } from "bullmq";
import { expect } from "vitest";
import { planPaths } from "../src/plan.ts";
import { queueKeyOf, scrapeJobId } from "./helpers.ts";

/** Scrape jobs and expected results built from the sandbox truth. */
export function payloadOf(
  runId: string,
  series: TruthSeries,
  knownPath: string | null = null,
): ScrapePayload {
  return {
    runId,
    seriesId: series.series_id,
    title: series.title,
    originalTitle: series.original_title,
    firstAirYear: series.release_year,
    knownPath,
  };
}

/** Adds scrape jobs the way a producer would: contract options, deterministic ids. */
export async function addScrapeJobs(
  queue: Queue,
  site: ScrapeSite,
  runId: string,
  series: readonly TruthSeries[],
  knownPath: (series: TruthSeries) => string | null = () => null,
): Promise<string[]> {
  const options = contract[queueKeyOf(site)].options;
  await queue.addBulk(
    series.map((entry) => ({
      name: "scrape",
      data: payloadOf(runId, entry, knownPath(entry)),
      opts: { ...options, jobId: scrapeJobId(runId, site, entry.series_id) },
    })),
  );
  return series.map((entry) => scrapeJobId(runId, site, entry.series_id));
}

/** What the scraper must return for a series, from the sandbox truth. */
export function expectedResult(site: ScrapeSite, series: TruthSeries) {
  const path = site === "rt" ? series.rt_path : series.mc_path;
  if (path === null) {
    return {
      status: "absent",
      reason: "not_found",
      tried: planPaths(site, payloadOf("00000000-0000-4000-8000-000000000000", series)).map((tried) => ({
        path: tried,
        outcome: expect.any(String),
      })),
    };
  }
  const delivery = site === "rt" ? series.rt_delivery : series.mc_delivery;
  return {
    status: "found",
    path,
    layout: site === "rt" ? series.rt_layout : series.mc_layout,
    // A walled page is read by the browser until a challenge has cleared the site's wall, and
    // by plain HTTP with the clearance cookie after that: which comes first depends on timing.
    fetchedWith: { html: "http", js_only: "browser", blocked: expect.stringMatching(/^(http|browser)$/) }[
      delivery ?? "html"
    ],
    scores: {
      tomatoes_critic: site === "rt" ? series.tomatoes_critic : null,
      tomatoes_critic_count: site === "rt" ? series.tomatoes_critic_count : null,
      tomatoes_audience: site === "rt" ? series.tomatoes_audience : null,
      tomatoes_audience_count: site === "rt" ? series.tomatoes_audience_count : null,
      tomatoes_audience_count_is_lower_bound:
        site === "rt" ? series.tomatoes_audience_count_is_lower_bound : false,
      metacritic: site === "mc" ? series.metacritic : null,
      metacritic_count: site === "mc" ? series.metacritic_count : null,
      metauser: site === "mc" ? series.metauser : null,
      metauser_count: site === "mc" ? series.metauser_count : null,
    },
  };
}
