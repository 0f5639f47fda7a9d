import type { ParsedPage } from "@tvr/page-parsers";
import {
  type ScrapedScores,
  type ScrapeResult,
  ScrapeResult as ScrapeResultSchema,
  type ScrapeSite,
} from "@tvr/queues";
import type { Tried } from "./plan.ts";

/** The site's own score fields as parsed, the other site's fields null. Values are not touched. */
export function siteScores(site: ScrapeSite, scores: ParsedPage["scores"]): ScrapedScores {
  const rt = site === "rt";
  return {
    tomatoes_critic: rt ? scores.tomatoes_critic : null,
    tomatoes_critic_count: rt ? scores.tomatoes_critic_count : null,
    tomatoes_audience: rt ? scores.tomatoes_audience : null,
    tomatoes_audience_count: rt ? scores.tomatoes_audience_count : null,
    tomatoes_audience_count_is_lower_bound: rt ? scores.tomatoes_audience_count_is_lower_bound : false,
    metacritic: rt ? null : scores.metacritic,
    metacritic_count: rt ? null : scores.metacritic_count,
    metauser: rt ? null : scores.metauser,
    metauser_count: rt ? null : scores.metauser_count,
  };
}

/**
 * A confirmed page. Validated against the queue contract, so a value outside the
 * contract's range fails here (as a parse failure) and never reaches the loader.
 */
export function foundResult(
  site: ScrapeSite,
  path: string,
  page: ParsedPage,
  fetchedWith: "http" | "browser",
): ScrapeResult {
  return ScrapeResultSchema.parse({
    status: "found",
    path,
    layout: page.layout,
    fetchedWith,
    scores: siteScores(site, page.scores),
  });
}

export function absentResult(tried: readonly Tried[]): ScrapeResult {
  return { status: "absent", reason: "not_found", tried: [...tried] };
}
