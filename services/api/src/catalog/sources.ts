/**
 * The rating sources the read API reports, each with the ratings columns that
 * hold its score (on the source's own scale) and its vote count.
 */
export const SOURCES = {
  tmdb: { label: "TMDB", score: "tmdb_vote_average", votes: "tmdb_vote_count", scale: 10 },
  imdb: { label: "IMDb", score: "imdb_rating", votes: "imdb_count", scale: 10 },
  rtCritic: { label: "Tomatometer", score: "tomatoes_critic", votes: "tomatoes_critic_count", scale: 100 },
  rtAudience: {
    label: "RT audience",
    score: "tomatoes_audience",
    votes: "tomatoes_audience_count",
    scale: 100,
  },
  metacritic: { label: "Metascore", score: "metacritic", votes: "metacritic_count", scale: 100 },
  metauser: { label: "Metacritic users", score: "metauser", votes: "metauser_count", scale: 10 },
} as const;
export type SourceKey = keyof typeof SOURCES;
export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];

/**
 * The dbt marts the read API is built on: the marts own the holder of each
 * period and the composite formula, the API only reads them.
 * - `fct_series_ratings`: one row per series and period (from the run that
 *   holds the period) with the raw scores, their counts and `composite_score`.
 * - `dim_series`: one row per series with its latest period, the run holding
 *   it, and that snapshot's scores and vote counts (`latest_<ratings column>`,
 *   `latest_composite_score`).
 */
export const MARTS = {
  facts: "fct_series_ratings",
  series: "dim_series",
} as const;

export const pageLinks = (s: {
  seriesId: number;
  imdbId: string | null;
  rtPath: string | null;
  mcPath: string | null;
}) => ({
  tmdb: `https://www.themoviedb.org/tv/${s.seriesId}`,
  imdb: s.imdbId ? `https://www.imdb.com/title/${s.imdbId}/` : null,
  rottenTomatoes: s.rtPath ? `https://www.rottentomatoes.com${s.rtPath}` : null,
  metacritic: s.mcPath ? `https://www.metacritic.com${s.mcPath}` : null,
});
