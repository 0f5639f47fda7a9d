import {
  type Database,
  genreDim,
  networkDim,
  ratings,
  runFailures,
  series,
  seriesGenre,
  seriesNetwork,
} from "@tvr/db";
import type { Truth, TruthSeries } from "@tvr/sandbox";
import { and, eq, inArray } from "drizzle-orm";

/**
 * Compares what a run loaded with the sandbox's ground truth, series by
 * series and value by value. Returns one line per difference (empty = equal).
 */
export async function diffAgainstTruth(
  db: Database,
  runId: string,
  truth: Truth,
  options: { scraped?: boolean } = {},
): Promise<string[]> {
  const problems: string[] = [];
  const seriesRows = new Map((await db.select().from(series)).map((s) => [s.seriesId, s]));
  const ratingRows = new Map(
    (await db.select().from(ratings).where(eq(ratings.runId, runId))).map((r) => [r.seriesId, r]),
  );
  const genreRows = await db
    .select({ seriesId: seriesGenre.seriesId, genreId: genreDim.genreId, name: genreDim.name })
    .from(seriesGenre)
    .innerJoin(genreDim, eq(genreDim.genreId, seriesGenre.genreId));
  const networkRows = await db
    .select({
      seriesId: seriesNetwork.seriesId,
      networkId: networkDim.networkId,
      name: networkDim.name,
      originCountry: networkDim.originCountry,
    })
    .from(seriesNetwork)
    .innerJoin(networkDim, eq(networkDim.networkId, seriesNetwork.networkId));
  const absences = new Map(
    (
      await db
        .select()
        .from(runFailures)
        .where(
          and(eq(runFailures.runId, runId), eq(runFailures.stage, "omdb"), eq(runFailures.kind, "absent")),
        )
    ).map((f) => [f.seriesId, f.reason]),
  );

  // Scrape stages record "not_found" absences and "parse_failed" failures.
  const siteAbsences = new Map(
    (
      await db
        .select()
        .from(runFailures)
        .where(and(eq(runFailures.runId, runId), inArray(runFailures.stage, ["scrape-rt", "scrape-mc"])))
    ).map((f) => [`${f.stage}/${f.seriesId}`, f.reason === "parse_failed" ? "unparseable" : f.reason]),
  );

  const expectedIds = new Set(truth.series.map((t) => t.series_id));
  if (ratingRows.size !== expectedIds.size) {
    problems.push(`run has ${ratingRows.size} ratings rows, truth has ${expectedIds.size} series`);
  }
  for (const id of ratingRows.keys())
    if (!expectedIds.has(id)) problems.push(`series ${id} loaded but not in truth`);

  const byId = <T extends { seriesId: number }>(rows: T[], id: number) =>
    rows.filter((r) => r.seriesId === id);
  for (const t of truth.series) {
    const s = seriesRows.get(t.series_id);
    const r = ratingRows.get(t.series_id);
    if (!s || !r) {
      problems.push(`series ${t.series_id} (${t.title}) not loaded`);
      continue;
    }
    const actual: Partial<Record<keyof TruthSeries, unknown>> = {
      title: s.title,
      original_title: s.originalTitle,
      first_air_date: s.firstAirDate,
      release_year: s.releaseYear,
      original_language: s.originalLanguage,
      origin_country: s.originCountry,
      plot: s.plot,
      status: s.status,
      series_type: s.seriesType,
      number_of_seasons: s.numberOfSeasons,
      number_of_episodes: s.numberOfEpisodes,
      imdb_id: s.imdbId,
      genres: byId(genreRows, t.series_id)
        .map((g) => ({ genre_id: g.genreId, name: g.name }))
        .sort((a, b) => a.genre_id - b.genre_id),
      networks: byId(networkRows, t.series_id)
        .map((n) => ({ network_id: n.networkId, name: n.name, origin_country: n.originCountry }))
        .sort((a, b) => a.network_id - b.network_id),
      tmdb_vote_average: r.tmdbVoteAverage,
      tmdb_vote_count: r.tmdbVoteCount,
      tmdb_popularity: r.tmdbPopularity,
      imdb_rating: r.imdbRating,
      imdb_count: r.imdbCount,
      imdb_absence: absences.get(t.series_id) ?? null,
      ...(options.scraped
        ? {
            rt_path: s.rtPath,
            mc_path: s.mcPath,
            tomatoes_critic: r.tomatoesCritic,
            tomatoes_critic_count: r.tomatoesCriticCount,
            tomatoes_audience: r.tomatoesAudience,
            tomatoes_audience_count: r.tomatoesAudienceCount,
            tomatoes_audience_count_is_lower_bound: r.tomatoesAudienceCountIsLowerBound,
            metacritic: r.metacritic,
            metacritic_count: r.metacriticCount,
            metauser: r.metauser,
            metauser_count: r.metauserCount,
            rt_absence: siteAbsences.get(`scrape-rt/${t.series_id}`) ?? null,
            mc_absence: siteAbsences.get(`scrape-mc/${t.series_id}`) ?? null,
          }
        : {}),
    };
    const expected: Partial<Record<keyof TruthSeries, unknown>> = {
      ...t,
      // The lower-bound flag only means something next to a count.
      tomatoes_audience_count_is_lower_bound:
        t.tomatoes_audience_count === null ? null : t.tomatoes_audience_count_is_lower_bound,
      genres: [...t.genres].sort((a, b) => a.genre_id - b.genre_id),
      networks: [...t.networks].sort((a, b) => a.network_id - b.network_id),
    };
    for (const [key, value] of Object.entries(actual)) {
      const want = expected[key as keyof TruthSeries];
      if (JSON.stringify(value) !== JSON.stringify(want)) {
        problems.push(
          `series ${t.series_id} ${key}: loaded ${JSON.stringify(value)}, truth ${JSON.stringify(want)}`,
        );
      }
    }
  }
  return problems;
}
