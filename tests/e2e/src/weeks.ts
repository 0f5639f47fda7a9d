import type { Truth, TruthSeries } from "@tvr/sandbox";

/** A loaded OMDb answer that the enricher served from its cache. */
export interface CachedAnswer {
  seriesId: number;
  fetchedAt: Date;
  imdbRating: number | null;
  imdbCount: number | null;
}

/** The truth of a week, with the dataAnomalies knob as it is now (false) or flipped (true). */
export type TruthOfWeek = (week: string, flipAnomalies: boolean) => Promise<Truth>;

/**
 * The run's truth with the IMDb values of cached OMDb answers taken from the truth of the
 * week each answer was fetched in (the sandbox's week follows the calendar by default), so a
 * run served from a warm cache checks out in the weeks after. The cache cannot know whether
 * the dataAnomalies knob was on when it was filled, so an answer equal to that week's truth
 * with the knob flipped is accepted too. Returns the weeks consulted.
 */
export async function withCachedOmdbAnswers(
  truth: Truth,
  cached: readonly CachedAnswer[],
  truthOfWeek: TruthOfWeek,
  weekOf: (at: Date) => string,
): Promise<{ truth: Truth; weeks: string[] }> {
  const answers = new Map(cached.map((answer) => [answer.seriesId, answer]));
  const weeks = [...new Set(cached.map((answer) => weekOf(answer.fetchedAt)))].sort();
  const truths = new Map<string, Map<number, TruthSeries>>();
  const seriesOf = async (week: string, flip: boolean) => {
    const key = `${week}|${flip}`;
    let series = truths.get(key);
    if (!series) {
      const other = week === truth.week && !flip ? truth : await truthOfWeek(week, flip);
      series = new Map(other.series.map((entry) => [entry.series_id, entry]));
      truths.set(key, series);
    }
    return series;
  };
  const series: TruthSeries[] = [];
  for (const current of truth.series) {
    const answer = answers.get(current.series_id);
    if (!answer) {
      series.push(current);
      continue;
    }
    const week = weekOf(answer.fetchedAt);
    const then = (await seriesOf(week, false)).get(current.series_id);
    const equals = (candidate: TruthSeries | undefined) =>
      candidate !== undefined &&
      candidate.imdb_rating === answer.imdbRating &&
      candidate.imdb_count === answer.imdbCount;
    let chosen = then;
    if (!equals(then)) {
      const flipped = (await seriesOf(week, true)).get(current.series_id);
      if (equals(flipped)) chosen = flipped;
    }
    // A series outside that week's list keeps today's values (and shows up as a difference).
    series.push(
      chosen ? { ...current, imdb_rating: chosen.imdb_rating, imdb_count: chosen.imdb_count } : current,
    );
  }
  return { truth: { ...truth, series }, weeks };
}
