import { load } from "cheerio";
import { detectLayout, type LayoutRule } from "../detect.ts";
import type { ParsedPage } from "../types.ts";
import { parseRtLegacy } from "./legacy.ts";
import { parseRtMediaScorecard } from "./mediaScorecard.ts";
import { parseRtScoreBoard } from "./scoreBoard.ts";

/** Newest first: a page caught mid-migration is read with the newest layout it carries. */
export const RT_LAYOUTS = [
  {
    marker: 'script#media-scorecard-json, media-scorecard, rt-text[slot="criticsScore"]',
    parse: parseRtMediaScorecard,
  },
  { marker: "score-board, script#score-details-json", parse: parseRtScoreBoard },
  { marker: "#all-critics-numbers", parse: parseRtLegacy },
] satisfies LayoutRule[];

/** Parses a Rotten Tomatoes series page; throws UnknownLayoutError when no known layout matches. */
export function parseRottenTomatoes(html: string): ParsedPage {
  const $ = load(html);
  const layout = detectLayout("rt", $, html, RT_LAYOUTS);
  return layout.parse($, html);
}
