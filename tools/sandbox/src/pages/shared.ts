import { thousands } from "./html.ts";
import type { RtPageData } from "./types.ts";

/** The audience score the page shows: none before release in the post-2019 layouts. */
export function shownAudience(data: RtPageData): number | null {
  return data.audienceMode === "want_to_see" ? null : data.tomatoes_audience;
}

/** Counts appear only next to a score, as on the sites. */
export function shownCount(score: number | null, count: number | null): number | null {
  return score === null ? null : count;
}

/** "250,000+" for a banded count, "1,234" otherwise. */
export function audienceCountText(data: RtPageData, count: number): string {
  return data.audience_banded ? `${thousands(count)}+` : thousands(count);
}

export function tomatometerState(score: number | null): string {
  if (score === null) return "";
  return score >= 75 ? "certified-fresh" : score >= 60 ? "fresh" : "rotten";
}

export function sentiment(score: number | null): string {
  if (score === null) return "";
  return score >= 60 ? "POSITIVE" : "NEGATIVE";
}
