import type { Random } from "../random.ts";
import { titleKey } from "./datasets.ts";
import type { SeriesPlan } from "./plan.ts";
import type { AssignedEdgeCase, SeriesRecord } from "./types.ts";

/** Share of the catalog given each assigned edge case (rounded up, so small catalogs still get one). */
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
const EMPTY_STRING_IMDB_ID_EVERY = 3;

/**
 * Picks which series get which edge case. Showcase series are left alone so
 * their names stay clean test subjects. The three IMDb cases exclude each
 * other (a series has at most one reason to lack an IMDb rating); the TMDB
 * cases are drawn independently and may combine.
 */
export function assignEdgeCases(plans: readonly SeriesPlan[], rng: Random): Array<Set<AssignedEdgeCase>> {
  const cases = plans.map(() => new Set<AssignedEdgeCase>());
  const eligible = plans.flatMap((plan, index) => (plan.source === "showcase" ? [] : [index]));
  const countFor = (share: number) => Math.min(eligible.length, Math.ceil(plans.length * share));

  const imdbOrder = rng.shuffle(eligible);
  let cursor = 0;
  const takeImdb = (share: number): number[] => {
    const taken = imdbOrder.slice(cursor, cursor + countFor(share));
    cursor += taken.length;
    return taken;
  };
  takeImdb(EDGE_CASE_SHARES.no_imdb_id).forEach((index, position) => {
    cases[index]?.add("no_imdb_id");
    if (position % EMPTY_STRING_IMDB_ID_EVERY === EMPTY_STRING_IMDB_ID_EVERY - 1)
      cases[index]?.add("empty_imdb_id");
  });
  for (const index of takeImdb(EDGE_CASE_SHARES.imdb_id_unknown_to_omdb))
    cases[index]?.add("imdb_id_unknown_to_omdb");
  for (const index of takeImdb(EDGE_CASE_SHARES.imdb_rating_na)) cases[index]?.add("imdb_rating_na");

  const independent = ["empty_overview", "no_first_air_date", "no_networks", "no_genres"] as const;
  for (const edgeCase of independent) {
    for (const index of rng.sample(eligible, countFor(EDGE_CASE_SHARES[edgeCase])))
      cases[index]?.add(edgeCase);
  }
  return cases;
}

const LEADING_ARTICLE = /^(the|a|an|la|el|los|las|le|les|l'|die|der|das|il|lo)[\s']/i;
const PUNCTUATION = /[&'’:.,!?/]/;

/** Flags the naming oddities the data happens to have (all series, showcase included). */
export function flagNamingEdgeCases(series: readonly SeriesRecord[]): void {
  const titleCounts = new Map<string, number>();
  for (const record of series)
    titleCounts.set(titleKey(record.name), (titleCounts.get(titleKey(record.name)) ?? 0) + 1);
  for (const record of series) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
    if (/[^\u0000-\u007f]/.test(record.name) || /[^\u0000-\u007f]/.test(record.originalName)) {
      record.edgeCases.push("accented_title");
    }
    if (PUNCTUATION.test(record.name)) record.edgeCases.push("punctuated_title");
    if (LEADING_ARTICLE.test(record.name)) record.edgeCases.push("leading_article");
    if (record.originalName !== record.name) record.edgeCases.push("original_title_differs");
    if ((titleCounts.get(titleKey(record.name)) ?? 0) > 1) record.edgeCases.push("shared_title");
  }
}
