import { clamp, createRandom, deriveSeed, hashToUnit, type Random, roundTo } from "../random.ts";
import type { SeriesPlan } from "./plan.ts";

/** What the rankings and ratings of one series are in one week. */
export interface SeriesVotes {
  /** TMDB, three decimals as in details. */
  voteAverage: number;
  voteCount: number;
  popularity: number;
  /** IMDb (OMDb), one decimal. */
  imdbRating: number;
  imdbVotes: number;
}

/** Largest move of a TMDB vote average away from its base-week value (the drift is bounded). */
export const VOTE_AVERAGE_DRIFT = 0.1;
/** Largest distance of a generated series' base vote average from its position's centre. */
export const GENERATED_SPREAD = 0.15;
/** Weeks between the anchor points of a series' score drift (linear in between). */
const DRIFT_ANCHOR_WEEKS = 6;
/** Generated series are spread over this many positions below the named ones. */
const GENERATED_SCALE = 50_000;

/**
 * Centre of the base TMDB vote average of the g-th generated series: it falls with g, so a
 * longer world only ever adds series below the ones already there (see world.ts). With the
 * datasets, generated series start below most real shows, as obscure series rank on TMDB.
 */
export function generatedCentre(generatedIndex: number, usesDatasets: boolean): number {
  const top = usesDatasets ? 7.0 : 8.4;
  return top - 2.2 * (generatedIndex / GENERATED_SCALE) ** 0.7;
}

/** The first generated position whose centre is below `value` (the centre falls with the position). */
export function firstGeneratedBelow(value: number, usesDatasets: boolean): number {
  let high = 1;
  while (generatedCentre(high, usesDatasets) >= value) high *= 2;
  let low = 0;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (generatedCentre(middle, usesDatasets) < value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A normal deviate cut at ±limit standard deviations, so bounds hold. */
function boundedNormal(rng: Random, limit: number): number {
  return clamp(rng.normal(), -limit, limit);
}

/**
 * The series' values in the base week, from its own stream: real IMDb rating and votes where
 * the dataset has them; showcase series sit near the top of the list, where such shows are.
 */
export function baseVotes(
  plan: SeriesPlan,
  randomSeed: number,
  generatedIndex: number | null,
  usesDatasets: boolean,
): SeriesVotes {
  const rng = createRandom(deriveSeed(randomSeed, "votes"));
  let voteAverage: number;
  if (plan.source === "showcase") voteAverage = 8.7 + rng.next() * 0.6;
  else if (plan.imdb) voteAverage = clamp(plan.imdb.rating - 0.15 + boundedNormal(rng, 2) * 0.25, 1, 10);
  else
    voteAverage = clamp(
      generatedCentre(generatedIndex ?? 0, usesDatasets) + (boundedNormal(rng, 2) * GENERATED_SPREAD) / 2,
      1,
      9.8,
    );
  const voteCount = plan.imdb
    ? Math.max(20, Math.round(plan.imdb.votes / rng.float(60, 160, 3)))
    : Math.round(Math.exp(Math.log(180) + Math.abs(rng.normal()) * 1.4));
  const popularity = Math.max(4, voteCount ** 0.45 * rng.float(0.8, 3.5, 3));
  const imdbRating = plan.imdb
    ? plan.imdb.rating
    : roundTo(clamp(voteAverage + 0.1 + rng.normal() * 0.3, 1, 10), 1);
  const imdbVotes = plan.imdb ? plan.imdb.votes : voteCount * rng.int(40, 160);
  return {
    voteAverage: roundTo(voteAverage, 3),
    voteCount,
    popularity: roundTo(popularity, 3),
    imdbRating,
    imdbVotes,
  };
}

/** A smooth value in [-1, 1] for week t: anchors every few weeks, linear in between; 0 in the base week. */
function smoothDrift(randomSeed: number, purpose: string, week: number): number {
  const wave = (t: number) => {
    const anchor = Math.floor(t / DRIFT_ANCHOR_WEEKS);
    const at = (k: number) => 2 * hashToUnit(randomSeed, purpose, k) - 1;
    const position = (t - anchor * DRIFT_ANCHOR_WEEKS) / DRIFT_ANCHOR_WEEKS;
    return at(anchor) * (1 - position) + at(anchor + 1) * position;
  };
  return (wave(week) - wave(0)) / 2;
}

/**
 * The series' values `week` weeks after the base week (before it when negative): vote counts
 * grow (0.2-0.8% a week), the TMDB vote average drifts within ±VOTE_AVERAGE_DRIFT, the IMDb
 * rating by at most 0.1, popularity wobbles from week to week.
 */
export function votesInWeek(base: SeriesVotes, randomSeed: number, week: number): SeriesVotes {
  const tmdbGrowth = 0.002 + 0.006 * hashToUnit(randomSeed, "tmdb-growth");
  const imdbGrowth = 0.002 + 0.006 * hashToUnit(randomSeed, "imdb-growth");
  const imdbStep = Math.round(smoothDrift(randomSeed, "imdb-drift", week) * 1.4) / 10;
  return {
    voteAverage: roundTo(
      clamp(base.voteAverage + VOTE_AVERAGE_DRIFT * smoothDrift(randomSeed, "tmdb-drift", week), 1, 10),
      3,
    ),
    voteCount: Math.max(1, Math.round(base.voteCount * Math.exp(tmdbGrowth * week))),
    popularity: roundTo(base.popularity * (0.85 + 0.3 * hashToUnit(randomSeed, "popularity", week)), 3),
    imdbRating: roundTo(clamp(base.imdbRating + imdbStep, 1, 10), 1),
    imdbVotes: Math.max(5, Math.round(base.imdbVotes * Math.exp(imdbGrowth * week))),
  };
}
