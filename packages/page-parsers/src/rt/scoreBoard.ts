import type { CheerioAPI } from "cheerio/slim";
import { z } from "zod";
import {
  attrOf,
  canonicalUrlOf,
  embeddedJson,
  findJsonLd,
  metaProperty,
  stripSiteSuffix,
  textOf,
} from "../html.ts";
import { emptyScores, type ParsedPage } from "../types.ts";
import { parseCount, parsePercent, parseYear } from "../values.ts";
import { RT_ORIGIN } from "./origin.ts";
import { audienceCount, numeric, optionalString } from "./shared.ts";

const scoreDetailsSchema = z.object({
  scoreboard: z
    .object({
      title: optionalString,
      info: optionalString,
      tomatometerScore: numeric,
      tomatometerCount: numeric,
      audienceScore: numeric,
      audienceCount: numeric,
      audienceBandedRatingCount: optionalString,
    })
    .partial()
    .nullish()
    .catch(undefined),
});

/**
 * Rotten Tomatoes 2021–2023 layout: `<score-board tomatometerscore audiencescore>` plus
 * `script#score-details-json`. The embedded JSON is read first, the element's attributes
 * and count slots are the fallback.
 */
export function parseRtScoreBoard($: CheerioAPI): ParsedPage {
  const board = embeddedJson($, "script#score-details-json", scoreDetailsSchema)?.scoreboard ?? {};
  const work = findJsonLd($, ["TVSeries", "Movie"]);

  const scores = emptyScores();
  scores.tomatoes_critic =
    parsePercent(board.tomatometerScore) ?? parsePercent(attrOf($, "score-board", "tomatometerscore"));
  scores.tomatoes_critic_count =
    (
      parseCount(board.tomatometerCount) ??
      parseCount(textOf($, 'score-board [slot="critics-count"], [data-qa="tomatometer-review-count"]'))
    )?.value ?? null;
  scores.tomatoes_audience =
    parsePercent(board.audienceScore) ?? parsePercent(attrOf($, "score-board", "audiencescore"));
  const audience = audienceCount(
    board.audienceCount,
    board.audienceBandedRatingCount,
    textOf($, 'score-board [slot="audience-count"], [data-qa="audience-rating-count"]'),
  );
  scores.tomatoes_audience_count = audience?.value ?? null;
  scores.tomatoes_audience_count_is_lower_bound = audience?.lowerBound ?? false;

  return {
    site: "rt",
    layout: "rt-score-board-2022",
    title:
      board.title?.trim() ||
      textOf($, 'score-board [slot="title"]') ||
      work?.name?.trim() ||
      stripSiteSuffix(metaProperty($, "og:title")),
    year:
      parseYear(work?.startDate) ??
      parseYear(work?.datePublished) ??
      parseYear(board.info) ??
      parseYear(textOf($, 'score-board [slot="info"]')),
    scores,
    canonicalUrl: canonicalUrlOf($, RT_ORIGIN),
  };
}
