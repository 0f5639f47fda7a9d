import type { SeriesRecord } from "../catalog/types.ts";
import { USER_SCORE_MIN_RATINGS } from "../pages/mcShared.ts";
import type { McLayout, McPageData, RtLayout, RtPageData } from "../pages/types.ts";
import { clamp, type Random, roundTo } from "../random.ts";
import { SITE_PLAN_SHARES } from "./rules.ts";

type Identity = { title: string; year: number; slug: string };

/** Bands Rotten Tomatoes shows instead of an exact audience count ("2,500+ Ratings"). */
const AUDIENCE_BANDS = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000];

function bandFloor(count: number): number {
  return AUDIENCE_BANDS.filter((band) => band <= count).pop() ?? 50;
}

const lognormal = (rng: Random, median: number, spread: number) =>
  Math.round(Math.exp(Math.log(median) + rng.normal() * spread));

/** Scores as a Rotten Tomatoes page of `layout` shows them, loosely following the TMDB rating. */
export function rtPageData(rng: Random, layout: RtLayout, quality: number, page: Identity): RtPageData {
  const shares = SITE_PLAN_SHARES.rt;
  const critic = clamp(Math.round(62 + (quality - 7) * 14 + rng.normal() * 14), 0, 100);
  const audience = clamp(Math.round(70 + (quality - 7) * 12 + rng.normal() * 11), 0, 100);
  const criticCount = clamp(lognormal(rng, 28, 0.9), 5, 900);
  const audienceCount = clamp(lognormal(rng, 3_000, 1.6), 50, 3_000_000);
  const data: RtPageData = {
    ...page,
    tomatoes_critic: critic,
    tomatoes_critic_count: criticCount,
    tomatoes_audience: audience,
    tomatoes_audience_count: audienceCount,
  };
  if (layout === "rt-legacy-2018") {
    if (rng.chance(shares.legacyCriticNotAvailable)) data.tomatoes_critic = null;
    if (rng.chance(shares.legacyWantToSee)) {
      data.audienceMode = "want_to_see";
      data.tomatoes_audience = rng.int(60, 99);
    }
    return data;
  }
  if (rng.chance(shares.noCritic)) {
    data.tomatoes_critic = null;
    data.tomatoes_critic_count = null;
  }
  if (rng.chance(shares.noAudience)) {
    data.tomatoes_audience = null;
    data.tomatoes_audience_count = null;
  } else if (audienceCount >= 250_000 || rng.chance(shares.bandedAudienceCount)) {
    data.audience_banded = true;
    data.tomatoes_audience_count = bandFloor(audienceCount);
  }
  return data;
}

/** Scores for a Metacritic page: the dataset's when the series has a row, generated otherwise. */
export function mcPageData(
  rng: Random,
  record: SeriesRecord | null,
  quality: number,
  page: Identity,
): McPageData {
  const entry = record?.metacritic ?? null;
  if (entry) {
    const metauser = entry.userscore === null ? null : roundTo(entry.userscore / 10, 1);
    // Metacritic shows "tbd" until a score has USER_SCORE_MIN_RATINGS ratings.
    const tbd =
      metauser === null || (entry.userscoreCount !== null && entry.userscoreCount < USER_SCORE_MIN_RATINGS);
    return {
      ...page,
      metacritic: entry.metascore === null ? null : Math.round(entry.metascore),
      metacritic_count: entry.metascoreCount,
      metauser: tbd ? null : metauser,
      metauser_count: entry.userscoreCount,
    };
  }
  const shares = SITE_PLAN_SHARES.mc;
  const metascore = clamp(Math.round(60 + (quality - 7) * 12 + rng.normal() * 11), 5, 99);
  const metascoreCount = clamp(lognormal(rng, 14, 0.6), 4, 60);
  const userscore = roundTo(clamp(metascore / 10 + 0.3 + rng.normal() * 0.9, 0.3, 9.8), 1);
  const userCount = clamp(lognormal(rng, 120, 1.4), USER_SCORE_MIN_RATINGS, 250_000);
  const tbdMetascore = rng.chance(shares.tbdMetascore);
  const tbdUser = rng.chance(shares.tbdUserScore);
  return {
    ...page,
    metacritic: tbdMetascore ? null : metascore,
    metacritic_count: tbdMetascore ? rng.int(0, 3) : metascoreCount,
    metauser: tbdUser ? null : userscore,
    metauser_count: tbdUser ? rng.int(0, USER_SCORE_MIN_RATINGS - 1) : userCount,
  };
}

export interface RtTruthScores {
  tomatoes_critic: number | null;
  tomatoes_critic_count: number | null;
  tomatoes_audience: number | null;
  tomatoes_audience_count: number | null;
  tomatoes_audience_count_is_lower_bound: boolean;
}

export interface McTruthScores {
  metacritic: number | null;
  metacritic_count: number | null;
  metauser: number | null;
  metauser_count: number | null;
}

export const NO_RT_SCORES: RtTruthScores = {
  tomatoes_critic: null,
  tomatoes_critic_count: null,
  tomatoes_audience: null,
  tomatoes_audience_count: null,
  tomatoes_audience_count_is_lower_bound: false,
};

export const NO_MC_SCORES: McTruthScores = {
  metacritic: null,
  metacritic_count: null,
  metauser: null,
  metauser_count: null,
};

/**
 * What a correct parser reads from a Rotten Tomatoes page: no counts on 2018 series pages,
 * no audience score from a "want to see" meter, counts only next to a score, and a banded
 * count as its floor flagged as a lower bound.
 */
export function rtTruthScores(layout: RtLayout, data: RtPageData): RtTruthScores {
  const audience = data.audienceMode === "want_to_see" ? null : data.tomatoes_audience;
  if (layout === "rt-legacy-2018") {
    return { ...NO_RT_SCORES, tomatoes_critic: data.tomatoes_critic, tomatoes_audience: audience };
  }
  const audienceCount = audience === null ? null : data.tomatoes_audience_count;
  return {
    tomatoes_critic: data.tomatoes_critic,
    tomatoes_critic_count: data.tomatoes_critic === null ? null : data.tomatoes_critic_count,
    tomatoes_audience: audience,
    tomatoes_audience_count: audienceCount,
    tomatoes_audience_count_is_lower_bound: audienceCount !== null && data.audience_banded === true,
  };
}

/** What a correct parser reads from a Metacritic page: "tbd" is null, and so is its count. */
export function mcTruthScores(_layout: McLayout, data: McPageData): McTruthScores {
  return {
    metacritic: data.metacritic,
    metacritic_count: data.metacritic === null ? null : data.metacritic_count,
    metauser: data.metauser,
    metauser_count: data.metauser === null ? null : data.metauser_count,
  };
}
