import { loadBlocks } from "../blocks.ts";
import { detectLayout, type LayoutRule, planSiteBlocks } from "../detect.ts";
import type { ParsedPage } from "../types.ts";
import { parseMcLegacy } from "./legacy.ts";
import { parseMc2023 } from "./modern.ts";

export const MC_LAYOUTS = [
  {
    marker: '.c-productScoreInfo, [class*="c-siteReviewScore_background"]',
    reads: [
      '[data-testid="critic-score-info"], [data-testid="user-score-info"]',
      ".c-productHero_title h1, .c-productHero_title, .c-heroMetadata_item",
    ],
    parse: parseMc2023,
  },
  {
    marker: ".metascore_summary, .userscore_wrap",
    reads: [".product_title h1", ".release_data .data"],
    parse: parseMcLegacy,
  },
] satisfies LayoutRule[];

const MC_BLOCKS = planSiteBlocks(MC_LAYOUTS);

/**
 * Parses a Metacritic product page; throws UnknownLayoutError when no known layout matches.
 * Game and movie pages of the same layouts parse too (the only real old-layout page we
 * have is a game), so callers check `canonicalUrl` for `/tv/` when that matters.
 */
export function parseMetacritic(html: string): ParsedPage {
  const $ = loadBlocks(html, MC_BLOCKS);
  return detectLayout("mc", $, html, MC_LAYOUTS).parse($, html);
}
