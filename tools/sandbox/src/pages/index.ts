import { documentOf } from "./html.ts";
import { jsShellOf } from "./jsShell.ts";
import { mc2023Parts } from "./mc2023.ts";
import { mcLegacyParts } from "./mcLegacy.ts";
import { rtLegacyParts } from "./rtLegacy.ts";
import { rtMediaScorecardParts } from "./rtMediaScorecard.ts";
import { rtScoreBoardParts } from "./rtScoreBoard.ts";
import type { McLayout, McPageData, PageParts, RtLayout, RtPageData } from "./types.ts";
import { mcUnknownParts, rtUnknownParts } from "./unknown.ts";

export type { McLayout, McPageData, RtLayout, RtPageData } from "./types.ts";

export const RT_LAYOUTS: readonly RtLayout[] = [
  "rt-legacy-2018",
  "rt-score-board-2022",
  "rt-media-scorecard-2024",
];
export const MC_LAYOUTS: readonly McLayout[] = ["mc-legacy", "mc-2023"];

function rtParts(layout: RtLayout, data: RtPageData): PageParts {
  switch (layout) {
    case "rt-legacy-2018":
      return rtLegacyParts(data);
    case "rt-score-board-2022":
      return rtScoreBoardParts(data);
    case "rt-media-scorecard-2024":
      return rtMediaScorecardParts(data);
  }
}

function mcParts(layout: McLayout, data: McPageData): PageParts {
  return layout === "mc-legacy" ? mcLegacyParts(data) : mc2023Parts(data);
}

/** A Rotten Tomatoes TV series page in the given layout. */
export function renderRtPage(layout: RtLayout, data: RtPageData): string {
  return documentOf(rtParts(layout, data));
}

/** A Metacritic TV page in the given layout. */
export function renderMcPage(layout: McLayout, data: McPageData): string {
  return documentOf(mcParts(layout, data));
}

export type JsShellPage =
  | { site: "rt"; layout: RtLayout; data: RtPageData }
  | { site: "mc"; layout: McLayout; data: McPageData };

/**
 * The same page as renderRtPage/renderMcPage would give, but client-rendered: its scores
 * exist only after the inline script has run (after `delayMs`, default 100 ms).
 */
export function renderJsShell(page: JsShellPage, options: { delayMs?: number } = {}): string {
  const parts = page.site === "rt" ? rtParts(page.layout, page.data) : mcParts(page.layout, page.data);
  return jsShellOf(parts, options.delayMs ?? 100);
}

export type UnknownLayoutPage = { site: "rt"; data: RtPageData } | { site: "mc"; data: McPageData };

/**
 * The page in a redesigned layout no parser knows (same facts, new markup, no layout
 * markers), as plain HTML or, with `jsShell`, client-rendered like renderJsShell.
 */
export function renderUnknownLayoutPage(
  page: UnknownLayoutPage,
  options: { jsShell?: boolean; delayMs?: number } = {},
): string {
  const parts = page.site === "rt" ? rtUnknownParts(page.data) : mcUnknownParts(page.data);
  return options.jsShell ? jsShellOf(parts, options.delayMs ?? 100) : documentOf(parts);
}
