import { buildCatalog, buildTruth } from "@tvr/sandbox";
import { describe, expect, it } from "vitest";
import { withCachedOmdbAnswers } from "../src/weeks.ts";

const truthOf = (week: string) => buildTruth(buildCatalog({ seed: 5, size: 200, datasets: null, week }));

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
      [{ seriesId: cachedSeries?.series_id as number, fetchedAt: new Date(Date.UTC(2026, 2, 4)) }],
      async (week) => {
        asked.push(week);
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
      [{ seriesId: thisWeek.series[0]?.series_id as number, fetchedAt: new Date(Date.UTC(2026, 2, 10)) }],
      async () => {
        throw new Error("no other week needed");
      },
      weekOf,
    );
    expect(truth).toEqual(thisWeek);
  });
});
