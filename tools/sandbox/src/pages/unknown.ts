import { esc, thousands } from "./html.ts";
import type { McPageData, PageParts, RtPageData } from "./types.ts";

/*
 * A redesign no parser knows yet: the same facts in new markup, with none of the layout
 * markers the page parsers look for (no #all-critics-numbers, score-board, media-scorecard,
 * rt-text slots, .metascore_w, .c-productScoreInfo or c-siteReviewScore_*), no JSON-LD rating
 * and enough text that it reads as a finished page rather than a script shell.
 */

const ABOUT =
  "Critics and audiences weigh in on every season. Scores are updated as new reviews arrive, " +
  "and the series page collects the latest episodes, cast interviews, where to watch and the " +
  "full list of reviews from approved critics and verified viewers.";

function scoreTile(kind: string, label: string, value: string, detail: string): string {
  return `<li class="score-tiles__tile" data-kind="${kind}">
        <span class="score-tiles__value">${value}</span>
        <span class="score-tiles__label">${label}</span>
        <span class="score-tiles__detail">${detail}</span>
      </li>`;
}

export function rtUnknownParts(data: RtPageData): PageParts {
  const critic = data.tomatoes_critic === null ? "--" : `${data.tomatoes_critic}%`;
  const audience =
    data.tomatoes_audience === null || data.audienceMode === "want_to_see"
      ? "--"
      : `${data.tomatoes_audience}%`;
  const criticDetail =
    data.tomatoes_critic_count === null ? "" : `${thousands(data.tomatoes_critic_count)} Reviews`;
  const audienceDetail =
    data.tomatoes_audience_count === null ? "" : `${thousands(data.tomatoes_audience_count)}+ Ratings`;
  const url = `https://www.rottentomatoes.com/tv/${data.slug}`;
  return {
    title: `${data.title} | Rotten Tomatoes`,
    data: "",
    meta: `<link rel="canonical" href="${esc(url)}">
<meta property="og:title" content="${esc(data.title)} | Rotten Tomatoes">
<meta property="og:type" content="video.tv_show">`,
    body: `<header class="site-header"><a href="/" class="site-header__logo">Rotten Tomatoes</a></header>
<main class="title-page title-page--series">
  <section class="title-hero">
    <h1 class="title-hero__name">${esc(data.title)}</h1>
    <p class="title-hero__facts">${data.year ?? ""} · TV-14 · Drama</p>
  </section>
  <section class="score-tiles" aria-label="Scores">
    <ul class="score-tiles__list">
      ${scoreTile("critics", "Tomatometer", critic, criticDetail)}
      ${scoreTile("audience", "Popcornmeter", audience, audienceDetail)}
    </ul>
  </section>
  <section class="title-about"><h2>About ${esc(data.title)}</h2><p>${ABOUT}</p></section>
</main>`,
  };
}

export function mcUnknownParts(data: McPageData): PageParts {
  const url = `https://www.metacritic.com/tv/${data.slug}/`;
  const metascore = data.metacritic === null ? "tbd" : String(data.metacritic);
  const userscore = data.metauser === null ? "tbd" : data.metauser.toFixed(1);
  return {
    title: `${data.title} | Metacritic`,
    data: "",
    meta: `<link rel="canonical" href="${esc(url)}">
<meta property="og:title" content="${esc(data.title)} reviews">
<meta property="og:type" content="video.tv_show">`,
    body: `<header class="mc-header"><a href="/" class="mc-header__logo">Metacritic</a></header>
<main class="product-page">
  <section class="product-hero">
    <h1 class="product-hero__title">${esc(data.title)}</h1>
    <p class="product-hero__meta">${data.year ?? ""} · TV-14</p>
  </section>
  <section class="score-tiles" aria-label="Scores">
    <ul class="score-tiles__list">
      ${scoreTile("critics", "Metascore", metascore, data.metacritic_count === null ? "" : `${thousands(data.metacritic_count)} Critic Reviews`)}
      ${scoreTile("users", "User Score", userscore, data.metauser_count === null ? "" : `${thousands(data.metauser_count)} User Ratings`)}
    </ul>
  </section>
  <section class="product-about"><h2>Summary</h2><p>${ABOUT}</p></section>
</main>`,
  };
}
