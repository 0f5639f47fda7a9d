import { load } from "cheerio";
import { detectLayout, type LayoutRule } from "../detect.ts";
import type { ParsedPage } from "../types.ts";
import { parseMcLegacy } from "./legacy.ts";
import { parseMc2023 } from "./modern.ts";

export const MC_LAYOUTS = [
  { marker: '.c-productScoreInfo, [class*="c-siteReviewScore_background"]', parse: parseMc2023 },
  { marker: ".metascore_summary, .userscore_wrap", parse: parseMcLegacy },
] satisfies LayoutRule[];

/**
 * Parses a Metacritic product page; throws UnknownLayoutError when no known layout matches.
 * Game and movie pages of the same layouts parse too (the only real old-layout page we
 * have is a game), so callers check `canonicalUrl` for `/tv/` when that matters.
 */
export function parseMetacritic(html: string): ParsedPage {
  const $ = load(html);
  return detectLayout("mc", $, html, MC_LAYOUTS).parse($, html);
}
