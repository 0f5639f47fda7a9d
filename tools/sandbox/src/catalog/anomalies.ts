import { hashToUnit, roundTo } from "../random.ts";
import type { Genre } from "../reference/genres.ts";
import type { SeriesRecord } from "./types.ts";

/**
 * Bad data the sandbox serves when the `dataAnomalies` knob is on, for the validation suites
 * to catch: scores outside their scale, IMDb ratings missing far more often than usual, and
 * a genre TMDB's TV genre list does not have. The pipeline loads them as served.
 */
export const DATA_ANOMALY_KINDS = [
  "imdb_rating_out_of_range",
  "tomatoes_critic_out_of_range",
  "metacritic_out_of_range",
  "imdb_rating_missing",
  "unknown_genre",
] as const;
export type DataAnomaly = (typeof DATA_ANOMALY_KINDS)[number];

export const DATA_ANOMALY_SHARES = {
  /** Series with one score out of range (IMDb > 10, Tomatometer > 100 or Metascore > 100). */
  outOfRange: 0.02,
  /**
   * Of the series with an IMDb rating, those OMDb sends "N/A" for on top of the usual gaps:
   * about 88% of series have a rating, so the IMDb null share rises by about 25 points.
   */
  imdbRatingMissing: 0.28,
  /** Series with an extra genre outside TMDB's list; the top-ranked series of the week always has one. */
  unknownGenre: 0.01,
} as const;

/** A movie genre TMDB's TV list does not have (TMDB dropped "Foreign" from its lists). */
export const UNKNOWN_GENRE: Genre = { id: 10769, name: "Foreign" };

const OUT_OF_RANGE_ORDER = [
  "imdb_rating_out_of_range",
  "tomatoes_critic_out_of_range",
  "metacritic_out_of_range",
] as const;

/** Injects one out-of-range score where the series has a value to spoil; returns what it injected. */
function injectOutOfRange(record: SeriesRecord): DataAnomaly | null {
  const start = Math.floor(
    hashToUnit(record.randomSeed, "anomaly", "which-score") * OUT_OF_RANGE_ORDER.length,
  );
  const size = hashToUnit(record.randomSeed, "anomaly", "size");
  for (let offset = 0; offset < OUT_OF_RANGE_ORDER.length; offset++) {
    const kind = OUT_OF_RANGE_ORDER[(start + offset) % OUT_OF_RANGE_ORDER.length];
    if (kind === "imdb_rating_out_of_range" && record.omdb?.imdbRating != null) {
      record.omdb.imdbRating = roundTo(10.1 + size * 1.8, 1);
      return kind;
    }
    const rt = record.rtPage?.data;
    if (kind === "tomatoes_critic_out_of_range" && rt && rt.tomatoes_critic != null) {
      rt.tomatoes_critic = 101 + Math.floor(size * 40);
      return kind;
    }
    const mc = record.mcPage?.data;
    if (kind === "metacritic_out_of_range" && mc && mc.metacritic != null) {
      mc.metacritic = 101 + Math.floor(size * 20);
      return kind;
    }
  }
  return null;
}

/**
 * Spoils the catalog's records in place, each series from its own rolls (so a series carries
 * the same anomalies in every catalog size), and records on each what was injected.
 * `ranked` comes best first.
 */
export function injectDataAnomalies(ranked: readonly SeriesRecord[]): void {
  ranked.forEach((record, rank) => {
    const injected: DataAnomaly[] = [];
    const roll = (name: string) => hashToUnit(record.randomSeed, "anomaly", name);
    if (roll("out-of-range") < DATA_ANOMALY_SHARES.outOfRange) {
      const kind = injectOutOfRange(record);
      if (kind) injected.push(kind);
    }
    if (
      roll("imdb-missing") < DATA_ANOMALY_SHARES.imdbRatingMissing &&
      record.omdb?.imdbRating != null &&
      !injected.includes("imdb_rating_out_of_range")
    ) {
      record.omdb.imdbRating = null;
      injected.push("imdb_rating_missing");
    }
    if (rank === 0 || roll("unknown-genre") < DATA_ANOMALY_SHARES.unknownGenre) {
      record.genres = [...record.genres, UNKNOWN_GENRE];
      injected.push("unknown_genre");
    }
    record.anomalies = injected;
  });
}
