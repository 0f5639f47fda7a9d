import { hashToUnit } from "../random.ts";
import { titleKey } from "./datasets.ts";
import type { SeriesPlan } from "./plan.ts";
import type { AssignedEdgeCase, SeriesRecord } from "./types.ts";

/** Share of the series given each assigned edge case (each series rolls for itself). */
export const EDGE_CASE_SHARES = {
  no_imdb_id: 0.05,
  imdb_id_unknown_to_omdb: 0.04,
  imdb_rating_na: 0.03,
  empty_overview: 0.02,
  no_first_air_date: 0.01,
  no_networks: 0.02,
  no_genres: 0.02,
} as const;

/** One in this many series without an IMDb id gets "" instead of null, as TMDB sometimes sends. */
const EMPTY_STRING_IMDB_ID_SHARE = 1 / 3;

/** Step of each roll's sequence over world positions (distinct irrationals, so rolls don't align). */
const ROLL_STEPS = {
  imdb: (Math.sqrt(5) - 1) / 2,
  empty_imdb_id: Math.SQRT2 - 1,
  empty_overview: Math.sqrt(3) - 1,
  no_first_air_date: Math.sqrt(7) - 2,
  no_networks: Math.sqrt(11) - 3,
  no_genres: Math.sqrt(13) - 3,
} as const;

/**
 * A roll in [0, 1) for the series at world position `position`: a seeded start plus position
 * times an irrational step. Consecutive positions spread evenly over [0, 1), so any run of
 * the world, and so any catalog (the top of the list is close to a run of it), gets very
 * nearly the share asked for, while each series' roll is its own and never moves.
 */
function roll(seed: number, name: keyof typeof ROLL_STEPS, position: number): number {
  const value = hashToUnit(seed, "edge-case", name) + position * ROLL_STEPS[name];
  return value - Math.floor(value);
}

/**
 * The edge cases of one series, from the seed and its world position, so they are the same in
 * every catalog that holds it. Showcase series are left alone so their names stay clean test
 * subjects. The three IMDb cases exclude each other (one roll: a series has at most one
 * reason to lack an IMDb rating); the TMDB cases roll independently and may combine.
 */
export function edgeCasesFor(plan: SeriesPlan, seed: number, position: number): Set<AssignedEdgeCase> {
  const cases = new Set<AssignedEdgeCase>();
  if (plan.source === "showcase") return cases;
  const imdbRoll = roll(seed, "imdb", position);
  const { no_imdb_id, imdb_id_unknown_to_omdb, imdb_rating_na } = EDGE_CASE_SHARES;
  if (imdbRoll < no_imdb_id) {
    cases.add("no_imdb_id");
    if (roll(seed, "empty_imdb_id", position) < EMPTY_STRING_IMDB_ID_SHARE) cases.add("empty_imdb_id");
  } else if (imdbRoll < no_imdb_id + imdb_id_unknown_to_omdb) cases.add("imdb_id_unknown_to_omdb");
  else if (imdbRoll < no_imdb_id + imdb_id_unknown_to_omdb + imdb_rating_na) cases.add("imdb_rating_na");

  const independent = ["empty_overview", "no_first_air_date", "no_networks", "no_genres"] as const;
  for (const edgeCase of independent) {
    if (roll(seed, edgeCase, position) < EDGE_CASE_SHARES[edgeCase]) cases.add(edgeCase);
  }
  return cases;
}

const LEADING_ARTICLE = /^(the|a|an|la|el|los|las|le|les|l'|die|der|das|il|lo)[\s']/i;
const PUNCTUATION = /[&'’:.,!?/]/;

/**
 * Flags the naming oddities the data happens to have (all series, showcase included).
 * `sharedTitles`: title keys more than one series of the world has.
 */
export function flagNamingEdgeCases(
  series: readonly SeriesRecord[],
  sharedTitles: ReadonlySet<string>,
): void {
  for (const record of series) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
    if (/[^\u0000-\u007f]/.test(record.name) || /[^\u0000-\u007f]/.test(record.originalName)) {
      record.edgeCases.push("accented_title");
    }
    if (PUNCTUATION.test(record.name)) record.edgeCases.push("punctuated_title");
    if (LEADING_ARTICLE.test(record.name)) record.edgeCases.push("leading_article");
    if (record.originalName !== record.name) record.edgeCases.push("original_title_differs");
    if (sharedTitles.has(titleKey(record.name))) record.edgeCases.push("shared_title");
  }
}
