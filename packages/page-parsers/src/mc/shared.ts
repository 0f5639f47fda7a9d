import type { CheerioAPI } from "cheerio/slim";
import { findJsonLd, type JsonLdWork, metaProperty, stripSiteSuffix } from "../html.ts";
import { parseCount } from "../values.ts";

export const MC_ORIGIN = "https://www.metacritic.com";

/** TV pages carry TVSeries; VideoGame/Movie are accepted so the non-TV reference page parses too. */
export function metacriticWork($: CheerioAPI): JsonLdWork | null {
  return findJsonLd($, ["TVSeries", "TVSeason", "VideoGame", "Movie", "CreativeWork"]);
}

/** og:title, or the <title> ("Factorio for PC Reviews - Metacritic") without the site suffix. */
export function fallbackTitle($: CheerioAPI): string | null {
  return (
    stripSiteSuffix(metaProperty($, "og:title")) ?? stripSiteSuffix($("title").first().text().trim() || null)
  );
}

/**
 * "based on 17 Critic Reviews" / "Based on 1,234 User Ratings" -> the count. Other figures
 * near the widget ("Awaiting 3 more ratings", "Available after 4 ratings") are not counts.
 */
export function countBefore(text: string, noun: RegExp): number | null {
  const match = new RegExp(`based on\\s+(\\d[\\d,]*)\\s+${noun.source}`, "i").exec(text);
  return match?.[1] ? (parseCount(match[1])?.value ?? null) : null;
}
