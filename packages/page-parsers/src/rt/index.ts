import { loadBlocks } from "../blocks.ts";
import { detectLayout, type LayoutRule, planSiteBlocks } from "../detect.ts";
import type { ParsedPage } from "../types.ts";
import { parseRtLegacy } from "./legacy.ts";
import { parseRtMediaScorecard } from "./mediaScorecard.ts";
import { parseRtScoreBoard } from "./scoreBoard.ts";

/** Newest first: a page caught mid-migration is read with the newest layout it carries. */
export const RT_LAYOUTS = [
  {
    marker: 'script#media-scorecard-json, media-scorecard, rt-text[slot="criticsScore"]',
    reads: [
      'rt-link[slot="criticsReviews"]',
      'rt-text[slot="audienceScore"]',
      'rt-link[slot="audienceReviews"]',
      'media-hero [slot="title"], [slot="titleIntro"]',
      '[slot="metadataProp"]',
    ],
    parse: parseRtMediaScorecard,
  },
  {
    marker: "score-board, script#score-details-json",
    reads: ['[data-qa="tomatometer-review-count"]', '[data-qa="audience-rating-count"]'],
    parse: parseRtScoreBoard,
  },
  {
    marker: "#all-critics-numbers",
    reads: [
      "#series_score_panel .audience-score, .audience-panel, .audience-score",
      "#super_series_header h1, #heroImageContainer h1 .year",
      ".seasonItem .season_info",
    ],
    parse: parseRtLegacy,
  },
] satisfies LayoutRule[];

const RT_BLOCKS = planSiteBlocks(RT_LAYOUTS);

/** Parses a Rotten Tomatoes series page; throws UnknownLayoutError when no known layout matches. */
export function parseRottenTomatoes(html: string): ParsedPage {
  const $ = loadBlocks(html, RT_BLOCKS);
  const layout = detectLayout("rt", $, html, RT_LAYOUTS);
  return layout.parse($, html);
}
