import { esc, scriptJson, startDate, thousands } from "./html.ts";
import { audienceCountText, shownAudience, shownCount, tomatometerState } from "./shared.ts";
import type { PageParts, RtPageData } from "./types.ts";

/**
 * Rotten Tomatoes 2021–2023 page: `<score-board>` with score attributes and count slots,
 * plus `script#score-details-json`. Modelled on the saved 2022 movie page, with the TV
 * title slot (`score-panel-series-title`). A banded audience count shows only the band,
 * with no exact `audienceCount` in the JSON.
 */
export function rtScoreBoardParts(data: RtPageData): PageParts {
  const audience = shownAudience(data);
  const criticCount = shownCount(data.tomatoes_critic, data.tomatoes_critic_count);
  const audienceCount = shownCount(audience, data.tomatoes_audience_count);
  const audienceState = audience === null ? "" : audience >= 60 ? "upright" : "spilled";
  const info = data.year === null ? "Drama" : `${data.year} - , Drama`;
  const reviewsHref = `/tv/${data.slug}/reviews?intcmp=rt-scorecard_tomatometer-reviews`;
  const ratingsHref = `/tv/${data.slug}/reviews?type=user&intcmp=rt-scorecard_audience-score-reviews`;

  const scoreDetails = {
    scoreboard: {
      audienceBandedRatingCount: audienceCount === null ? "" : audienceCountText(data, audienceCount),
      audienceCount: data.audience_banded ? null : audienceCount,
      audienceCountHref: ratingsHref,
      audienceRatingCopy: "Ratings",
      audienceScore: audience,
      audienceState,
      hasVerifiedAudienceScore: false,
      info,
      rating: "TV-14",
      title: data.title,
      tomatometerCount: criticCount,
      tomatometerCountHref: reviewsHref,
      tomatometerScore: data.tomatoes_critic,
      tomatometerState: tomatometerState(data.tomatoes_critic),
    },
    modal: {
      hasTomatometerScoreAll: data.tomatoes_critic !== null,
      hasAudienceScoreAll: audience !== null,
      tomatometerScoreAll: {
        score: data.tomatoes_critic,
        reviewCount: criticCount,
        ratingCount: criticCount,
      },
    },
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
    title: `${data.title} - Rotten Tomatoes`,
    data: `<script type="application/ld+json">${scriptJson(jsonLd)}</script>`,
    meta: `<link rel="canonical" href="https://www.rottentomatoes.com/tv/${esc(data.slug)}">
<meta property="og:title" content="${esc(data.title)}">
<meta property="og:type" content="video.tv_show">
<meta property="og:url" content="https://www.rottentomatoes.com/tv/${esc(data.slug)}">`,
    body: `<div id="main-page-content">
  <div class="thumbnail-scoreboard-wrap">
    <score-board
        audiencestate="${audienceState}"
        audiencescore="${audience ?? ""}"
        class="scoreboard"
        rating="TV-14"
        skeleton="panel"
        tomatometerstate="${tomatometerState(data.tomatoes_critic)}"
        tomatometerscore="${data.tomatoes_critic ?? ""}"
        data-qa="score-panel"
    >
        <h1 slot="title" class="scoreboard__title" data-qa="score-panel-series-title">${esc(data.title)}</h1>
        <p slot="info" class="scoreboard__info">${esc(info)}</p>
        ${criticCount === null ? "" : `<a slot="critics-count" href="${esc(reviewsHref)}" class="scoreboard__link scoreboard__link--tomatometer" data-qa="tomatometer-review-count">${thousands(criticCount)} Reviews</a>`}
        ${audienceCount === null ? "" : `<a slot="audience-count" href="${esc(ratingsHref)}" class="scoreboard__link scoreboard__link--audience" data-qa="audience-rating-count">${audienceCountText(data, audienceCount)} Ratings</a>`}
        <div slot="sponsorship" id="tomatometer_sponsorship_ad"></div>
    </score-board>
  </div>
</div>
<script id="score-details-json" type="application/json">${scriptJson(scoreDetails)}</script>
<score-details-manager></score-details-manager>`,
  };
}
