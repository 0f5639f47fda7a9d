import { esc, scriptJson, startDate, thousands } from "./html.ts";
import { audienceCountText, sentiment, shownAudience, shownCount } from "./shared.ts";
import type { PageParts, RtPageData } from "./types.ts";

/**
 * Rotten Tomatoes 2024+ page: `<media-scorecard>` with `rt-text`/`rt-link` slots and
 * `script#media-scorecard-json`. No real page was saved; this follows the structure
 * third-party parsers rely on (see SOURCES.md). A banded audience count appears only as
 * "N+ Ratings", without `ratingCount` in the JSON.
 */
export function rtMediaScorecardParts(data: RtPageData): PageParts {
  const audience = shownAudience(data);
  const criticCount = shownCount(data.tomatoes_critic, data.tomatoes_critic_count);
  const audienceCount = shownCount(audience, data.tomatoes_audience_count);
  const audienceText = audienceCount === null ? "" : `${audienceCountText(data, audienceCount)} Ratings`;

  const scorecard = {
    audienceScore: {
      bandedRatingCount: audienceCount === null ? null : audienceCountText(data, audienceCount),
      certified: false,
      ...(data.audience_banded ? {} : { ratingCount: audienceCount }),
      score: audience === null ? null : String(audience),
      scorePercent: audience === null ? null : `${audience}%`,
      scoreType: "ALL",
      sentiment: sentiment(audience),
      title: "Popcornmeter",
    },
    criticsScore: {
      certified: data.tomatoes_critic !== null && data.tomatoes_critic >= 75 && (criticCount ?? 0) >= 40,
      ratingCount: criticCount,
      reviewCount: criticCount,
      score: data.tomatoes_critic === null ? null : String(data.tomatoes_critic),
      scorePercent: data.tomatoes_critic === null ? null : `${data.tomatoes_critic}%`,
      sentiment: sentiment(data.tomatoes_critic),
      title: "Tomatometer",
    },
    description: "",
  };
  const jsonLd = {
    "@context": "http://schema.org",
    "@type": "TVSeries",
    name: data.title,
    url: `https://www.rottentomatoes.com/tv/${data.slug}`,
    startDate: startDate(data.year) || null,
    ...(data.tomatoes_critic === null
      ? {}
      : {
          aggregateRating: {
            "@type": "AggregateRating",
            bestRating: "100",
            name: "Tomatometer",
            ratingCount: criticCount,
            ratingValue: String(data.tomatoes_critic),
            reviewCount: criticCount,
            worstRating: "0",
          },
        }),
  };

  return {
    title: `${data.title} | Rotten Tomatoes`,
    data: `<script type="application/ld+json">${scriptJson(jsonLd)}</script>`,
    meta: `<link rel="canonical" href="https://www.rottentomatoes.com/tv/${esc(data.slug)}">
<meta property="og:title" content="${esc(data.title)} | Rotten Tomatoes">
<meta property="og:type" content="video.tv_show">
<meta property="og:url" content="https://www.rottentomatoes.com/tv/${esc(data.slug)}">`,
    body: `<div id="main-page-content">
  <media-hero averagecolor="20,20,20" mediatype="TvSeries" scrolly="0" scrollystart="0">
    <rt-text slot="title" context="heading" size="1.25">${esc(data.title)}</rt-text>
    <rt-text slot="metadataProp" context="label" size="0.75">TV-14</rt-text>
    ${data.year === null ? "" : `<rt-text slot="metadataProp" context="label" size="0.75">${data.year} - </rt-text>`}
    <rt-text slot="metadataGenre" context="label" size="0.75">Drama</rt-text>
  </media-hero>
  <media-scorecard hideaudiencescore="${audience === null}" skeleton="panel" data-qa="score-panel">
    <rt-button slot="criticsScoreIcon" theme="transparent" tabindex="-1"><score-icon-critics sentiment="${sentiment(data.tomatoes_critic).toLowerCase()}" size="2.5"></score-icon-critics></rt-button>
    <rt-text slot="criticsScore" context="label" role="button" size="1.375" tabindex="0">${data.tomatoes_critic === null ? "- -" : `${data.tomatoes_critic}%`}</rt-text>
    <rt-text slot="criticsScoreType" class="critics-score-type" context="label" role="button" size="0.75" tabindex="0">Avg. Tomatometer</rt-text>
    <rt-link slot="criticsReviews" size="0.75" href="/tv/${esc(data.slug)}/reviews">${criticCount === null ? "" : `${thousands(criticCount)} Reviews`}</rt-link>
    <rt-button slot="audienceScoreIcon" theme="transparent" tabindex="-1"><score-icon-audience sentiment="${sentiment(audience).toLowerCase()}" size="2.5"></score-icon-audience></rt-button>
    <rt-text slot="audienceScore" context="label" role="button" size="1.375" tabindex="0">${audience === null ? "- -" : `${audience}%`}</rt-text>
    <rt-text slot="audienceScoreType" class="audience-score-type" context="label" role="button" size="0.75" tabindex="0">Avg. Popcornmeter</rt-text>
    <rt-link slot="audienceReviews" size="0.75" href="/tv/${esc(data.slug)}/reviews?type=user">${audienceText}</rt-link>
  </media-scorecard>
</div>
<script id="media-scorecard-json" data-json="mediaScorecard" type="application/json">${scriptJson(scorecard)}</script>`,
  };
}
