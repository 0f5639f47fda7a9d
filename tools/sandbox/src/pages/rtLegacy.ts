import { esc, scriptJson, startDate } from "./html.ts";
import type { PageParts, RtPageData } from "./types.ts";

const SEASONS = 3;
/** Season scores differ from the series average on purpose: a parser reading them is wrong. */
const SEASON_OFFSETS = [4, -7, 2];
const FALLBACK_SEASON_SCORES = [88, 100, 71];

function clamp(score: number): number {
  return Math.max(0, Math.min(100, score));
}

function tomatoClass(score: number): string {
  return score >= 75 ? "certified_fresh" : score >= 60 ? "fresh" : "rotten";
}

/**
 * Rotten Tomatoes TV series page as it was in September 2018 (modelled on the saved
 * pages): JSON-LD whose counts are one season's, a series score panel with All/Top critics
 * tabs, an audience meter reading "liked it" or "want to see", and per-season rows.
 */
export function rtLegacyParts(data: RtPageData): PageParts {
  const seasons = Array.from({ length: SEASONS }, (_, index) => {
    const number = SEASONS - index;
    const offset = SEASON_OFFSETS[index] ?? 0;
    return {
      number,
      year: data.year === null ? null : data.year + number - 1,
      score:
        data.tomatoes_critic === null
          ? (FALLBACK_SEASON_SCORES[index] ?? 90)
          : clamp(data.tomatoes_critic + offset),
    };
  });
  const latestSeasonReviews =
    data.tomatoes_critic_count === null ? 0 : Math.max(1, Math.round(data.tomatoes_critic_count / SEASONS));
  const aggregateRating: Record<string, unknown> = {
    "@type": "AggregateRating",
    name: "Tomatometer",
    reviewCount: data.tomatoes_critic === null ? 0 : latestSeasonReviews,
    ratingCount: data.tomatoes_critic === null ? 0 : latestSeasonReviews,
    bestRating: 100,
    worstRating: 0,
  };
  if (data.tomatoes_critic !== null) aggregateRating.ratingValue = data.tomatoes_critic;

  const jsonLd = {
    "@context": "http://schema.org",
    "@type": "TVSeries",
    url: `www.rottentomatoes.com/tv/${data.slug}`,
    name: data.title,
    startDate: startDate(data.year),
    aggregateRating,
    containsSeason: seasons.map((season) => ({
      "@type": "TVSeason",
      name: `Season ${season.number}`,
      url: `www.rottentomatoes.com/tv/${data.slug}/s${String(season.number).padStart(2, "0")}`,
    })),
  };
  const years = (className: string) =>
    data.year === null ? "" : `<span class="${className}"> (${data.year} - )</span>`;

  return {
    title: `${data.title} - Rotten Tomatoes`,
    data: `<script type="application/ld+json" id="jsonLdSchema">${scriptJson(jsonLd)}</script>`,
    meta: `<meta property="og:title" content="${esc(data.title)}" />
<meta property="og:type" content="video.tv_show" />
<meta property="og:url" content="/tv/${esc(data.slug)}" />
<link href="https://www.rottentomatoes.com/tv/${esc(data.slug)}/" rel="canonical" />`,
    body: `<div id="header_and_leaderboard"><nav id="navbar" class="navbar navbar-rt"><a href="/" class="navbar-brand">Rotten Tomatoes</a></nav></div>
<div id="main_container" class="container ">
  <div id="heroImageContainer">
    <h1 class="title no-trailer-title" data-type="title">${esc(data.title)}${years("h3 year no-trailer-year")}</h1>
  </div>
  <div id="super_series_header" class="seriesHeader">
    <h1>${esc(data.title)}${years("h3 subtle")}</h1>
  </div>
  <div class="col-left-center col-full-xs tv-container">
    <section id="topSection">
      <div id="series_score_panel" class="score_panel col-sm-19 col-xs-15">
        <div class="col-full-xs">
          <div class="tmeter-panel col-sm-16 col-xs-12">
            <ul class="pull-right hidden-xs" role="tablist">
              <li class="active pull-left critics-score"><a href="#all-critics-numbers" role="tab" data-toggle="tab" class="articleLink unstyled smaller gray superPageFontColor">All Critics</a></li>
              <li class="pull-left superPageFontColor">&nbsp;|&nbsp;</li>
              <li class="pull-left critics-score"><a href="#top-critics-numbers" role="tab" data-toggle="tab" class="articleLink unstyled smaller gray superPageFontColor">Top Critics</a></li>
            </ul>
            <h3 class="scoreTitle superPageFontColor">AVERAGE TOMATOMETER</h3>
            <div class="tab-content">
              <div id="all-critics-numbers" class="tab-pane active">${criticsTab(data.tomatoes_critic)}</div>
              <div id="top-critics-numbers" class="tab-pane">${criticsTab(data.tomatoes_critic === null ? 100 : clamp(data.tomatoes_critic - 5))}</div>
            </div>
          </div>
          <div class="col-sm-8 col-xs-12 audience-panel">${audiencePanel(data)}</div>
        </div>
        <div class="col-full-xs visible-xs clearfix">
          <p class="critic_consensus tomato-info noSpacing superPageFontColor"><span class="subtle superPageFontColor">Critic Consensus:</span> No consensus yet.</p>
        </div>
      </div>
      <div id="series_info"><h2>Series Info</h2><div class="movie_info"><div id="movieSynopsis" class="movie_synopsis clamp clamp-6 clearfix">A sandbox series.</div></div></div>
    </section>
    <section id="seasonList" class="panel panel-rt panel-box ">
      <h2 class="panel-heading">Seasons</h2>
      <div class="panel-body content_body">${seasons.map((season) => seasonItem(data, season)).join("")}
      </div>
    </section>
  </div>
  <div class="col-right col-full-xs pull-right">
    <section id="detail_panel" class="panel panel-rt panel-box "><h2 class="panel-heading">Series Details</h2>
      <div class="panel-body content_body"><table><tr><td>TV Network:</td><td>Sandbox TV</td></tr></table></div>
    </section>
  </div>
</div>
<div id="photos-carousel-root"></div>
<script>var mps=mps||{}; mps._queue=mps._queue||{}; mps._queue.gptloaded=mps._queue.gptloaded||[];</script>`,
  };
}

function criticsTab(score: number | null): string {
  if (score === null) {
    return `
                <p class="noReviewText superPageFontColor hidden-xs">Tomatometer Not Available...</p>
                <p class="visible-xs superPageFontColor">&mdash;&mdash;</p>
                <div class="row"><div class="col-xs-12"><div class="tomato-left"></div></div></div>`;
  }
  const state = score >= 60 ? "fresh" : "rotten";
  return `
                <div class="row">
                  <div class="col-sm-12"><div class="tomato-left"><div class="critic-score meter">
                    <span class="meter-tomato icon big medium-xs ${state} pull-left"></span>
                    <span class="meter-value superPageFontColor"><span>${score}</span>%</span>
                  </div></div></div>
                  <div class="col-sm-12 tomato-info hidden-xs" style="padding-left:0"><div class="progress"><div class="progress-bar ${state}" style="width:${score}%;"></div></div></div>
                </div>`;
}

function audiencePanel(data: RtPageData): string {
  const value = data.tomatoes_audience === null ? "--" : `${data.tomatoes_audience}%`;
  if (data.audienceMode === "want_to_see") {
    return `
            <h3 class="scoreTitle superPageFontColor">Want to See</h3>
            <div class="audience-score meter"><a href="#audience_reviews" class="unstyled articleLink">
              <div class="wts media"><div class="meter-tomato icon big medium-xs wts pull-left"></div>
                <div class="media-body"><div class="meter-value superPageFontColor">
                  <span class="superPageFontColor" style="vertical-align:top">${value}</span>
                  <div class="smaller bold hidden-xs superPageFontColor" style="padding-left:5px">want to see</div>
                </div></div>
              </div>
            </a></div>`;
  }
  const state =
    data.tomatoes_audience === null ? "noScore" : data.tomatoes_audience >= 60 ? "upright" : "spilled";
  const caption = data.tomatoes_audience === null ? "No Score Yet" : "liked it";
  return `
            <h3 class="scoreTitle superPageFontColor">AVERAGE AUDIENCE SCORE</h3>
            <div class="audience-score meter"><div class="meter media">
              <div class="meter-tomato icon big medium-xs ${state} pull-left"></div>
              <div class="media-body" style="line-height:36px">
                <div class="meter-value"><span class="superPageFontColor" style="vertical-align:top">${value}</span></div>
                <div class="smaller bold hidden-xs superPageFontColor" style="padding-left:5px;line-height:12px">${caption}</div>
              </div>
            </div></div>`;
}

function seasonItem(
  data: RtPageData,
  season: { number: number; year: number | null; score: number },
): string {
  const path = `/tv/${esc(data.slug)}/s${String(season.number).padStart(2, "0")}`;
  const info = season.year === null ? "Sandbox TV" : `${season.year}, Sandbox TV, 10 episodes`;
  return `
        <div class="bottom_divider media seasonItem" id="season${season.number}">
          <div class="media-body">
            <div><a href="${path}" class="bold">${esc(data.title)}: Season ${season.number}</a></div>
            <div>
              <div class="inlineBlock" style="vertical-align:top">
                <span class="meter-tomato icon small ${tomatoClass(season.score)}"></span>
                <span class="meter-value">${season.score}%</span>
              </div>
              <div class="season_info"><p class="subtle noSpacing">${info}</p></div>
            </div>
          </div>
        </div>`;
}
