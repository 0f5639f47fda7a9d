import type { UpstreamModule } from "../runtime/upstream.ts";
import { createSiteUpstream, type SiteUpstreamOptions } from "./routes.ts";

export { CLEARANCE_COOKIE, clearanceToken, type Delivery, deliveryOf } from "./delivery.ts";
export { firstAirYear } from "./plan.ts";
export { createSiteUpstream, type PageOutcome, type SiteUpstreamOptions } from "./routes.ts";
export { MC_RULES, RT_RULES, SITE_PLAN_SHARES, SITE_RULES, type SiteRules, slugOfPath } from "./rules.ts";

/** Rotten Tomatoes and Metacritic, served next to TMDB and OMDb by default. */
export function siteUpstreams(options: SiteUpstreamOptions): UpstreamModule[] {
  return [createSiteUpstream("rt", options), createSiteUpstream("mc", options)];
}
