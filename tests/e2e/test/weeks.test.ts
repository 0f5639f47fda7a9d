import { buildCatalog, buildTruth, type Truth } from "@tvr/sandbox";
import { describe, expect, it } from "vitest";
import { type CachedAnswer, withCachedOmdbAnswers } from "../src/weeks.ts";

const truthOf = (week: string, dataAnomalies = false) =>
  buildTruth(buildCatalog({ seed: 5, size: 200, datasets: null, week, dataAnomalies }));

/** The answer as the given truth has it for the series, fetched at `fetchedAt`. */
function cachedAnswer(truth: Truth, seriesId: number | undefined, fetchedAt: Date): CachedAnswer {
  const series = truth.series.find((entry) => entry.series_id === seriesId);
  return {
    seriesId: seriesId as number,
    fetchedAt,
    imdbRating: series?.imdb_rating ?? null,
    imdbCount: series?.imdb_count ?? null,
  };
}

describe("cached OMDb answers against the week they were fetched in", () => {
  const thisWeek = truthOf("2026-W11");
  const lastWeek = truthOf("2026-W10");
  const weekOf = (at: Date) => (at.getTime() < Date.UTC(2026, 2, 9) ? "2026-W10" : "2026-W11");

  it("takes the IMDb values of cached answers from their week and leaves the rest alone", async () => {
    const rated = thisWeek.series.filter((series) => series.imdb_count !== null);
    const changed = rated.filter((series) => {
      const before = lastWeek.series.find((other) => other.series_id === series.series_id);
      return before && before.imdb_count !== series.imdb_count;
    });
    expect(changed.length).toBeGreaterThan(10);
    const [cachedSeries, freshSeries] = changed;
    const asked: string[] = [];
    const { truth, weeks } = await withCachedOmdbAnswers(
      thisWeek,
      [cachedAnswer(lastWeek, cachedSeries?.series_id, new Date(Date.UTC(2026, 2, 4)))],
      async (week, flip) => {
        asked.push(`${week}${flip ? " flipped" : ""}`);
        return lastWeek;
      },
      weekOf,
    );
    expect(weeks).toEqual(["2026-W10"]);
    expect(asked).toEqual(["2026-W10"]);
    const byId = (id: number | undefined) => truth.series.find((series) => series.series_id === id);
    const then = lastWeek.series.find((series) => series.series_id === cachedSeries?.series_id);
    expect(byId(cachedSeries?.series_id)?.imdb_count).toBe(then?.imdb_count);
    expect(byId(cachedSeries?.series_id)?.imdb_count).not.toBe(cachedSeries?.imdb_count);
    expect(byId(freshSeries?.series_id)).toEqual(freshSeries);
  });

  it("asks for no other week when the cached answers are from this one", async () => {
    const { truth } = await withCachedOmdbAnswers(
      thisWeek,
      [cachedAnswer(thisWeek, thisWeek.series[0]?.series_id, new Date(Date.UTC(2026, 2, 10)))],
      async () => {
        throw new Error("no other week needed");
      },
      weekOf,
    );
    expect(truth).toEqual(thisWeek);
  });

  it("accepts an answer cached while the dataAnomalies knob was the other way, and nothing else", async () => {
    const spoiled = truthOf("2026-W11", true);
    const missing = spoiled.series.find((series) => series.anomalies.includes("imdb_rating_missing"));
    expect(missing).toBeDefined();
    const clean = thisWeek.series.find((series) => series.series_id === missing?.series_id);
    const flips: boolean[] = [];
    const check = (answer: CachedAnswer) =>
      withCachedOmdbAnswers(
        spoiled,
        [answer],
        async (_week, flip) => {
          flips.push(flip);
          return flip ? thisWeek : spoiled;
        },
        weekOf,
      );
    const fetchedAt = new Date(Date.UTC(2026, 2, 10));
    const fromClean = await check(cachedAnswer(thisWeek, missing?.series_id, fetchedAt));
    const loadedAs = fromClean.truth.series.find((series) => series.series_id === missing?.series_id);
    expect([loadedAs?.imdb_rating, loadedAs?.imdb_count]).toEqual([clean?.imdb_rating, clean?.imdb_count]);
    expect(flips).toEqual([true]);
    const bogus = { ...cachedAnswer(thisWeek, missing?.series_id, fetchedAt), imdbCount: 1 };
    const fromNowhere = await check(bogus);
    expect(fromNowhere.truth.series.find((series) => series.series_id === missing?.series_id)).toEqual(
      missing,
    );
  });
});
