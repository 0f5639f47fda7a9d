import { type ChildOutcomes, failureRecords, type LoadItem } from "@tvr/loader";
import { queues as contract, OmdbResult, ScrapeResult, SeriesRecord } from "@tvr/queues";
import { buildCatalog, type TruthSeries, truthForSeries } from "@tvr/sandbox";

/** When every OMDb answer of the bench was fetched: fixed, so the rows are the same on every run. */
const FETCHED_AT = "2026-03-02T10:00:00.000Z";

/**
 * What the enrichment children of a series return when the scrapers and the enricher read the
 * sandbox correctly: the truth's values as job results (parsed with the contract's schemas).
 */
export function childOutcomesOf(truth: TruthSeries): ChildOutcomes {
  const outcomes: ChildOutcomes = { omdb: null, rt: null, mc: null, failed: [] };
  if (truth.imdb_id !== null) {
    outcomes.omdb = OmdbResult.parse(
      truth.imdb_absence === null
        ? {
            status: "found",
            imdbRating: truth.imdb_rating,
            imdbCount: truth.imdb_count,
            fetchedAt: FETCHED_AT,
          }
        : { status: "absent", reason: truth.imdb_absence, fetchedAt: FETCHED_AT },
    );
  }
  const scores = {
    tomatoes_critic: truth.tomatoes_critic,
    tomatoes_critic_count: truth.tomatoes_critic_count,
    tomatoes_audience: truth.tomatoes_audience,
    tomatoes_audience_count: truth.tomatoes_audience_count,
    tomatoes_audience_count_is_lower_bound: truth.tomatoes_audience_count_is_lower_bound,
    metacritic: truth.metacritic,
    metacritic_count: truth.metacritic_count,
    metauser: truth.metauser,
    metauser_count: truth.metauser_count,
  };
  const sites = [
    { site: "rt", stage: contract.scrapeRt.name, path: truth.rt_path, absence: truth.rt_absence },
    { site: "mc", stage: contract.scrapeMc.name, path: truth.mc_path, absence: truth.mc_absence },
  ] as const;
  for (const { site, stage, path, absence } of sites) {
    if (absence === "unparseable") {
      // The scraper fails such a page for good; the load sees a failed child.
      outcomes.failed.push({ stage, reason: "parse_failed", detail: `${path} unknown layout`, attempts: 1 });
    } else if (path === null) {
      outcomes[site] = ScrapeResult.parse({
        status: "absent",
        reason: "not_found",
        tried: [{ path: `/tv/series-${truth.series_id}`, outcome: "not_found" }],
      });
    } else {
      outcomes[site] = ScrapeResult.parse({
        status: "found",
        path,
        layout: "bench",
        fetchedWith: "http",
        scores,
      });
    }
  }
  return outcomes;
}

export function seriesRecordOf(truth: TruthSeries): SeriesRecord {
  return SeriesRecord.parse({
    seriesId: truth.series_id,
    title: truth.title,
    originalTitle: truth.original_title,
    firstAirDate: truth.first_air_date,
    originalLanguage: truth.original_language,
    originCountry: truth.origin_country,
    plot: truth.plot,
    status: truth.status,
    seriesType: truth.series_type,
    numberOfSeasons: truth.number_of_seasons,
    numberOfEpisodes: truth.number_of_episodes,
    imdbId: truth.imdb_id,
    genres: truth.genres.map((genre) => ({ id: genre.genre_id, name: genre.name })),
    networks: truth.networks.map((network) => ({
      id: network.network_id,
      name: network.name,
      originCountry: network.origin_country,
    })),
    voteAverage: truth.tmdb_vote_average,
    voteCount: truth.tmdb_vote_count,
    popularity: truth.tmdb_popularity,
  });
}

/** The item the loader's processor builds for a series from its payload and its children's outcomes. */
export function loadItemOf(runId: string, series: SeriesRecord, outcomes: ChildOutcomes): LoadItem {
  const { omdb, rt, mc } = outcomes;
  const failures = failureRecords(runId, series.seriesId, series.imdbId !== null, outcomes);
  return { runId, series, omdb, rt, mc, failures };
}

/** What a load job without enrichment children yields (as the bench queues them). */
export const NO_CHILDREN: ChildOutcomes = { omdb: null, rt: null, mc: null, failed: [] };

export interface BenchSeries {
  series: SeriesRecord;
  outcomes: ChildOutcomes;
}

/** The first `size` series of the sandbox catalog (seed, week): the same every time. */
export function benchSeries(options: { size: number; seed: number; week: string }): BenchSeries[] {
  const catalog = buildCatalog({ seed: options.seed, size: options.size, week: options.week });
  return catalog.series.map((record) => {
    const truth = truthForSeries(record);
    return { series: seriesRecordOf(truth), outcomes: childOutcomesOf(truth) };
  });
}
