import { esc, scriptJson, startDate, thousands } from "./html.ts";
import {
  METASCORE_MIN_REVIEWS,
  metascoreClass,
  metascoreDescription,
  USER_SCORE_MIN_RATINGS,
  userscore,
  userscoreClass,
} from "./mcShared.ts";
import type { McPageData, PageParts } from "./types.ts";

/**
 * Metacritic TV page before the 2023 redesign, modelled on the saved (game) page with
 * `tvshow` in place of `game`: `.metascore_summary` and `.userscore_wrap` widgets, "tbd"
 * with "Awaiting N more …" when there is no score yet, and a critic-only JSON-LD rating.
 */
export function mcLegacyParts(data: McPageData): PageParts {
  const url = `https://www.metacritic.com/tv/${data.slug}`;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "TVSeries",
    name: data.title,
    url,
    ...(data.year === null ? {} : { startDate: startDate(data.year) }),
    ...(data.metacritic === null
      ? {}
      : {
          aggregateRating: {
            "@type": "AggregateRating",
            bestRating: "100",
            worstRating: "0",
            ratingValue: String(data.metacritic),
            ...(data.metacritic_count === null ? {} : { ratingCount: String(data.metacritic_count) }),
          },
        }),
  };

  return {
    title: `${data.title} - Season 1 Reviews - Metacritic`,
    data: `<script type="application/ld+json">${scriptJson(jsonLd)}</script>`,
    meta: `<meta property="og:title" content="${esc(data.title)}">
<meta property="og:type" content="video.tv_show">
<meta property="og:url" content="${esc(url)}">
<link rel="canonical" href="${esc(url)}">`,
    body: `<div id="site_layout">
<div class="content_head product_content_head tvshow_content_head">
  <div class="product_title">
    <a href="${esc(url)}" class="hover_none"><h1>${esc(data.title)}</h1></a>
  </div>
  <div class="product_data">
    <ul class="summary_details">
      <li class="summary_detail network"><span class="label">Network:</span><span class="data">Sandbox TV</span></li>
      ${data.year === null ? "" : `<li class="summary_detail release_data"><span class="label">Release Date:</span><span class="data">Jan 1, ${data.year}</span></li>`}
    </ul>
  </div>
</div>
<div class="module product_data product_data_summary">
  <div class="module_wrap">
    <div class="summary_wrap">
      <div class="section product_scores">
        <div class="details main_details">
${metascoreWidget(data, url)}
        </div>
        <div class="details side_details">
${userscoreWidget(data, url)}
        </div>
      </div>
    </div>
  </div>
</div>
</div>`,
  };
}

function metascoreWidget(data: McPageData, url: string): string {
  const score = data.metacritic;
  const summary =
    score === null
      ? `<span class="desc">No score yet</span><span class="count"><span class="separator"> - </span>Awaiting ${Math.max(1, METASCORE_MIN_REVIEWS - (data.metacritic_count ?? 0))} more reviews</span>`
      : `<span class="desc">${metascoreDescription(score)}</span>${
          data.metacritic_count === null
            ? ""
            : `<span class="count"><span class="separator"> - </span><span class="based">based on</span> <a href="${esc(url)}/critic-reviews"><span>${thousands(data.metacritic_count)}</span> Critic Reviews</a></span>`
        }`;
  const value = score === null ? "<span>tbd</span>" : `<meta content="100"><span>${score}</span>`;
  return `<div class="score_summary metascore_summary">
    <div class="metascore_wrap highlight_metascore">
        <div class="label">Metascore</div>
        <a class="metascore_anchor" href="${esc(url)}/critic-reviews">
<div class="metascore_w xlarge tvshow ${metascoreClass(score)}">${value}</div>
        </a>
        <div class="summary"><p>${summary}<span class="help"><a href="https://www.metacritic.com/about-metascores">What's this?</a></span></p></div>
    </div>
</div>`;
}

function userscoreWidget(data: McPageData, url: string): string {
  const score = data.metauser;
  const summary =
    score === null
      ? `<span class="desc">No user score yet</span><span class="count"><span class="separator">- </span>Awaiting ${Math.max(1, USER_SCORE_MIN_RATINGS - (data.metauser_count ?? 0))} more ratings</span>`
      : `<span class="desc">${metascoreDescription(Math.round(score * 10))}</span>${
          data.metauser_count === null
            ? ""
            : `<span class="count"><span class="separator">- </span><span class="based">based on</span> <a href="${esc(url)}/user-reviews">${thousands(data.metauser_count)} Ratings</a></span>`
        }`;
  return `<div class="score_summary">
    <div class="userscore_wrap feature_userscore">
        <div class="label">User Score</div>
        <a class="metascore_anchor" href="${esc(url)}/user-reviews">
<div class="metascore_w user large tvshow ${userscoreClass(score)}">${score === null ? "tbd" : userscore(score)}</div>
        </a>
        <div class="summary"><p>${summary}</p></div>
    </div>
</div>`;
}
