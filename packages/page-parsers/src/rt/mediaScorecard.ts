import type { CheerioAPI } from "cheerio/slim";
import { z } from "zod";
import { canonicalUrlOf, embeddedJson, findJsonLd, metaProperty, stripSiteSuffix, textOf } from "../html.ts";
import { emptyScores, type ParsedPage } from "../types.ts";
import { parseCount, parsePercent, parseYear } from "../values.ts";
import { RT_ORIGIN } from "./origin.ts";
import { audienceCount, numeric, optionalString } from "./shared.ts";

const scoreSchema = z
  .object({
    score: numeric,
    reviewCount: numeric,
    ratingCount: numeric,
    bandedRatingCount: optionalString,
  })
  .partial();

const scorecardSchema = z.object({
  criticsScore: scoreSchema.nullish().catch(undefined),
  audienceScore: scoreSchema.nullish().catch(undefined),
});

/**
 * Rotten Tomatoes 2024+ layout (`<media-scorecard>` + `script#media-scorecard-json`).
 * No saved page exists; this follows the structure documented in SOURCES.md: JSON
 * criticsScore/audienceScore first, `rt-text[slot=criticsScore]` and the
 * "N Reviews" / "N+ Verified Ratings" links as fallback.
 */
export function parseRtMediaScorecard($: CheerioAPI): ParsedPage {
  const card = embeddedJson($, "script#media-scorecard-json", scorecardSchema) ?? {};
  const critics = card.criticsScore ?? {};
  const audienceJson = card.audienceScore ?? {};
  const work = findJsonLd($, ["TVSeries", "Movie"]);

  const scores = emptyScores();
  scores.tomatoes_critic =
    parsePercent(critics.score) ?? parsePercent(textOf($, 'rt-text[slot="criticsScore"]'));
  scores.tomatoes_critic_count =
    (parseCount(critics.reviewCount) ?? parseCount(textOf($, 'rt-link[slot="criticsReviews"]')))?.value ??
    null;
  scores.tomatoes_audience =
    parsePercent(audienceJson.score) ?? parsePercent(textOf($, 'rt-text[slot="audienceScore"]'));
  const audience = audienceCount(
    audienceJson.ratingCount,
    audienceJson.bandedRatingCount,
    textOf($, 'rt-link[slot="audienceReviews"]'),
  );
  scores.tomatoes_audience_count = audience?.value ?? null;
  scores.tomatoes_audience_count_is_lower_bound = audience?.lowerBound ?? false;

  return {
    site: "rt",
    layout: "rt-media-scorecard-2024",
    title:
      work?.name?.trim() ||
      textOf($, 'media-hero [slot="title"], [slot="titleIntro"]') ||
      stripSiteSuffix(metaProperty($, "og:title")),
    year: parseYear(work?.startDate) ?? parseYear(work?.datePublished) ?? metadataYear($),
    scores,
    canonicalUrl: canonicalUrlOf($, RT_ORIGIN),
  };
}

/** The hero's metadata line ("TV-MA", "2022 - ", "Comedy") holds the years. */
function metadataYear($: CheerioAPI): number | null {
  for (const element of $('[slot="metadataProp"]').toArray()) {
    const year = parseYear($(element).text());
    if (year !== null) return year;
  }
  return null;
}
