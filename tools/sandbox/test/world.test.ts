import path from "node:path";
import { fixturesDir, requireFixtures } from "@tvr/testing";
import { describe, expect, it } from "vitest";
import {
  buildCatalog,
  buildTruth,
  type Datasets,
  loadDatasets,
  type Truth,
  type TruthSeries,
} from "../src/index.ts";

const datasets: Datasets | null = requireFixtures() ? loadDatasets(path.join(fixturesDir, "datasets")) : null;
const WEEK = "2026-W10";
const SIZES = [100, 400, 1200, 10_000] as const;

const truthOf = (size: number, week = WEEK) => buildTruth(buildCatalog({ seed: 42, size, datasets, week }));
const byId = (truth: Truth) => new Map(truth.series.map((series) => [series.series_id, series]));

describe("one world per seed", () => {
  const truths = new Map(SIZES.map((size) => [size, truthOf(size)]));
  const largest = truths.get(10_000) as Truth;

  it("makes a smaller catalog the first part of a larger one, value by value", () => {
    for (const size of SIZES) {
      const truth = truths.get(size) as Truth;
      // Series past TMDB's 500-page cap are in the catalog but not in the truth.
      expect(truth.series.length + truth.unreachableSeriesIds.length).toBe(size);
      const reachable = largest.series.slice(0, size);
      expect(truth.series.map((series) => series.series_id)).toEqual(
        reachable.map((series) => series.series_id),
      );
      expect(truth.series).toEqual(reachable);
      expect(largest.listing.slice(0, truth.listing.length - 1)).toEqual(truth.listing.slice(0, -1));
    }
  });

  it("never lets an IMDb id or a page path mean two shows across sizes", () => {
    const showOf = new Map<string, string>();
    const claim = (key: string, series: TruthSeries) => {
      const show = `${series.series_id}|${series.title}|${series.release_year}`;
      expect(showOf.get(key) ?? show, key).toBe(show);
      showOf.set(key, show);
    };
    for (const truth of truths.values()) {
      for (const series of truth.series) {
        if (series.imdb_id) claim(`imdb:${series.imdb_id}`, series);
        if (series.rt_path) claim(`rt:${series.rt_path}`, series);
        if (series.mc_path) claim(`mc:${series.mc_path}`, series);
        claim(`tmdb:${series.series_id}`, series);
      }
    }
    // Different seeds are different worlds.
    const otherWorld = buildTruth(buildCatalog({ seed: 43, size: 400, datasets: null, week: WEEK }));
    expect(otherWorld.series.map((s) => s.series_id)).not.toEqual(
      buildTruth(buildCatalog({ seed: 42, size: 400, datasets: null, week: WEEK })).series.map(
        (s) => s.series_id,
      ),
    );
  });
});

describe("weeks move the same world", () => {
  const thisWeek = truthOf(1200, "2026-W10");
  const nextWeek = truthOf(1200, "2026-W11");
  const later = truthOf(1200, "2026-W30");

  it("gives identical truths for the same week", () => {
    expect(JSON.stringify(truthOf(1200, "2026-W10"))).toBe(JSON.stringify(thisWeek));
  });

  it("keeps every series' ids while vote counts grow and scores drift a little", () => {
    const next = byId(nextWeek);
    let drifted = 0;
    let shared = 0;
    for (const series of thisWeek.series) {
      const other = next.get(series.series_id);
      if (!other) continue;
      shared += 1;
      expect([other.imdb_id, other.title, other.release_year, other.rt_path, other.mc_path]).toEqual([
        series.imdb_id,
        series.title,
        series.release_year,
        series.rt_path,
        series.mc_path,
      ]);
      expect(other.tmdb_vote_count).toBeGreaterThanOrEqual(series.tmdb_vote_count);
      expect(Math.abs(other.tmdb_vote_average - series.tmdb_vote_average)).toBeLessThanOrEqual(0.2);
      if (other.tmdb_vote_average !== series.tmdb_vote_average) drifted += 1;
    }
    expect(drifted / shared).toBeGreaterThan(0.5);
    const grown = thisWeek.series.filter(
      (series) => (byId(later).get(series.series_id)?.tmdb_vote_count ?? 0) > series.tmdb_vote_count,
    );
    expect(grown.length).toBeGreaterThan(thisWeek.series.length / 2);
  });

  it("lets a few series enter and leave the top of the list, and some pages change layout", () => {
    const ids = (truth: Truth) => new Set(truth.series.map((series) => series.series_id));
    const left = [...ids(thisWeek)].filter((id) => !ids(nextWeek).has(id));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(thisWeek.series.length * 0.1);
    const laterById = byId(later);
    const relaid = thisWeek.series.filter((series) => {
      const other = laterById.get(series.series_id);
      return other && series.rt_layout !== null && other.rt_layout !== series.rt_layout;
    });
    expect(relaid.length).toBeGreaterThan(0);
  });
});
