import { esc, scriptJson, startDate, thousands } from "./html.ts";
import { metascoreDescription, USER_SCORE_MIN_RATINGS, userscore } from "./mcShared.ts";
import type { McPageData, PageParts } from "./types.ts";

function colour(score: number | null, green: number, yellow: number): string {
  if (score === null) return "c-siteReviewScore_tbd";
  return score >= green
    ? "c-siteReviewScore_green"
    : score >= yellow
      ? "c-siteReviewScore_yellow"
      : "c-siteReviewScore_red";
}

/**
 * Metacritic 2023+ page: `.c-productHero` with two `.c-productScoreInfo` blocks
 * (critic, user) and a JSON-LD aggregateRating. No real page was saved; the classes follow
 * the scrapers cited in SOURCES.md. A user-review card below reuses the user score class,
 * as the real page does, so a parser that is not scoped to the hero reads the wrong score.
 */
export function mc2023Parts(data: McPageData): PageParts {
  const path = `/tv/${data.slug}/`;
  const url = `https://www.metacritic.com${path}`;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "TVSeries",
    name: data.title,
    url,
    ...(data.year === null ? {} : { datePublished: startDate(data.year) }),
    ...(data.metacritic === null
      ? {}
      : {
          aggregateRating: {
            "@type": "AggregateRating",
            bestRating: 100,
            worstRating: 0,
            ratingValue: data.metacritic,
            ...(data.metacritic_count === null ? {} : { reviewCount: data.metacritic_count }),
          },
        }),
  };
  const critic = scoreInfo({
    testId: "critic-score-info",
    label: "Metascore",
    score: data.metacritic === null ? null : String(data.metacritic),
    sentiment: data.metacritic === null ? "No score yet" : metascoreDescription(data.metacritic),
    total:
      data.metacritic === null || data.metacritic_count === null
        ? null
        : `Based on ${thousands(data.metacritic_count)} Critic Reviews`,
    href: `${path}critic-reviews/`,
    background: "c-siteReviewScore_background-critic_medium",
    colour: colour(data.metacritic, 61, 40),
  });
  const user = scoreInfo({
    testId: "user-score-info",
    label: "User Score",
    score: data.metauser === null ? null : userscore(data.metauser),
    sentiment:
      data.metauser === null ? "No user score yet" : metascoreDescription(Math.round(data.metauser * 10)),
    total:
      data.metauser === null
        ? `Available after ${USER_SCORE_MIN_RATINGS} ratings`
        : data.metauser_count === null
          ? null
          : `Based on ${thousands(data.metauser_count)} User Ratings`,
    href: `${path}user-reviews/`,
    background: "c-siteReviewScore_background-user",
    colour: colour(data.metauser === null ? null : data.metauser * 10, 75, 50),
  });

  return {
    title: `${data.title} | Metacritic`,
    data: `<script type="application/ld+json">${scriptJson(jsonLd)}</script>`,
    meta: `<meta property="og:title" content="${esc(data.title)} reviews">
<meta property="og:type" content="video.tv_show">
<meta property="og:url" content="${esc(url)}">
<link rel="canonical" href="${esc(url)}">`,
    body: `<div id="__nuxt"><div id="__layout"><div class="c-layoutDefault_page">
  <div class="c-productHero g-grid-container">
    <div class="c-productHero_title g-inner-spacing-bottom-medium g-outer-spacing-top-medium"><div><h1>${esc(data.title)}</h1></div></div>
    <ul class="c-heroMetadata u-inline-block g-text-xsmall">
      ${data.year === null ? "" : `<li class="c-heroMetadata_item u-inline"><span>${data.year}</span></li>`}
      <li class="c-heroMetadata_item u-inline"><span>TV-14</span></li>
    </ul>
    <div class="c-productHero_scoreInfo g-inner-spacing-top-medium g-outer-spacing-bottom-medium">
${critic}
${user}
    </div>
  </div>
  <div class="c-reviewsSection">
    <div class="c-siteReview g-bg-gray10">
      <div class="c-siteReviewHeader_reviewScore"><div class="c-siteReviewScore_background c-siteReviewScore_background-user"><div class="c-siteReviewScore c-siteReviewScore_green c-siteReviewScore_xsmall"><span>10</span></div></div></div>
      <div class="c-siteReview_quote"><span>Loved every episode.</span></div>
    </div>
  </div>
</div></div></div>`,
  };
}

function scoreInfo(block: {
  testId: string;
  label: string;
  score: string | null;
  sentiment: string;
  total: string | null;
  href: string;
  background: string;
  colour: string;
}): string {
  const total =
    block.total === null
      ? ""
      : `<span class="c-productScoreInfo_reviewsTotal u-block g-color-gray70 g-text-xsmall">${
          block.total.startsWith("Based on")
            ? `<a href="${esc(block.href)}"><span>${block.total}</span></a>`
            : `<span>${block.total}</span>`
        }</span>`;
  return `      <div class="c-productScoreInfo u-clearfix" data-testid="${block.testId}">
        <div class="c-productScoreInfo_scoreContent u-flexbox u-flexbox-alignCenter u-flexbox-justifyFlexEnd g-width-100 u-flexbox-nowrap">
          <div class="c-productScoreInfo_text g-outer-spacing-right-auto">
            <div class="c-productScoreInfo_title g-text-bold u-text-uppercase g-text-xsmall">${block.label}</div>
            <div class="c-productScoreInfo_scoreSentiment g-text-medium">${block.sentiment}</div>
            ${total}
          </div>
          <div class="c-productScoreInfo_scoreNumber u-float-right">
            <a href="${esc(block.href)}"><div title="${block.label} ${block.score ?? "tbd"}" class="c-siteReviewScore_background ${block.background}"><div class="c-siteReviewScore u-flexbox-column u-flexbox-alignCenter u-flexbox-justifyCenter g-text-bold ${block.colour} g-color-gray90 c-siteReviewScore_medium"><span>${block.score ?? "tbd"}</span></div></div></a>
          </div>
        </div>
      </div>`;
}
