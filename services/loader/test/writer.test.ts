import { pipelineRuns, runSeries } from "@tvr/db";
import type { SeriesRecord } from "@tvr/queues";
import { createTestDatabase, type TestDatabase } from "@tvr/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoadItem } from "../src/model.ts";
import { writeBatch } from "../src/writer.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("writer");
});
afterAll(async () => {
  await database?.drop();
});

const series = (id: number, overrides: Partial<SeriesRecord> = {}): SeriesRecord => ({
  seriesId: id,
  title: `Series ${id}`,
  originalTitle: `Original ${id}`,
  firstAirDate: "2011-04-17",
  originalLanguage: "en",
  originCountry: ["US"],
  plot: "A plot.",
  status: "Ended",
  seriesType: "Scripted",
  numberOfSeasons: 8,
  numberOfEpisodes: 73,
  imdbId: `tt${1_000_000 + id}`,
  genres: [
    { id: 18, name: "Drama" },
    { id: 10765, name: "Sci-Fi & Fantasy" },
  ],
  networks: [{ id: 49, name: "HBO", originCountry: "US" }],
  voteAverage: 8.4,
  voteCount: 21_000,
  popularity: 123.456,
  ...overrides,
});

async function newRun(ids: number[]) {
  const [run] = await database.db.insert(pipelineRuns).values({ mode: "sandbox" }).returning();
  if (!run) throw new Error("no run");
  await database.db
    .insert(runSeries)
    .values(ids.map((seriesId, i) => ({ runId: run.id, seriesId, page: 1, rank: i + 1 })));
  return run.id;
}

const FETCHED_AT = "2026-03-02T10:00:00.000Z";

const item = (runId: string, s: SeriesRecord, imdbRating: number | null = 8.9): LoadItem => ({
  runId,
  series: s,
  omdb: { status: "found", imdbRating, imdbCount: 2_000_000, fetchedAt: FETCHED_AT },
  rt: null,
  mc: null,
  failures: [],
});

/** Every table's rows, with volatile identity columns left out. */
async function snapshot() {
  const tables = [
    "series",
    "genre_dim",
    "network_dim",
    "series_genre",
    "series_network",
    "ratings",
    "run_series",
    "run_failures",
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const result = await database.db.execute(sql.raw(`select * from ${t} order by 1, 2`));
    out[t] = result.rows;
  }
  return out;
}

describe("writeBatch", () => {
  it("writes series, dims, bridges and one snapshot, and a replay changes nothing (not even updated_at)", async () => {
    const runId = await newRun([1, 2]);
    const batch = [item(runId, series(1)), item(runId, series(2, { genres: [], networks: [] }), null)];
    await writeBatch(database.db, batch);
    const first = await snapshot();
    expect(first.series).toHaveLength(2);
    expect(first.series_genre).toHaveLength(2);
    expect(first.series_network).toHaveLength(1);
    expect(first.ratings).toHaveLength(2);
    expect(first.run_series).toEqual(
      expect.arrayContaining([expect.objectContaining({ series_id: 1, outcome: "loaded" })]),
    );

    await writeBatch(database.db, batch);
    expect(await snapshot()).toEqual(first);
  });

  it("keeps one row per key when a batch holds the same series twice", async () => {
    const runId = await newRun([3]);
    await writeBatch(database.db, [item(runId, series(3)), item(runId, series(3, { title: "Renamed" }))]);
    const rows = await database.db.execute(sql`select title from series where series_id = 3`);
    expect(rows.rows).toEqual([{ title: "Renamed" }]);
  });

  it("a second run adds one snapshot per series, replaces changed bridges and adds no duplicate dims", async () => {
    const runA = await newRun([10, 11]);
    await writeBatch(database.db, [item(runA, series(10)), item(runA, series(11))]);
    const runB = await newRun([10, 11]);
    await writeBatch(database.db, [
      item(runB, series(10, { genres: [{ id: 35, name: "Comedy" }], voteCount: 22_000 }), 9.0),
      item(runB, series(11)),
    ]);
    const ratings = await database.db.execute<{ run_id: string; imdb_rating: string }>(
      sql`select run_id, imdb_rating from ratings where series_id = 10 order by collected_at`,
    );
    expect(ratings.rows.map((r) => [r.run_id, Number(r.imdb_rating)])).toEqual([
      [runA, 8.9],
      [runB, 9.0],
    ]);
    const genres = await database.db.execute(sql`select genre_id from series_genre where series_id = 10`);
    expect(genres.rows).toEqual([{ genre_id: 35 }]);
    const dims = await database.db.execute(
      sql`select count(*)::int as n, count(distinct genre_id)::int as d from genre_dim`,
    );
    expect(dims.rows[0]).toEqual({ n: 3, d: 3 });
  });

  it("records absences and failures with the series still loaded", async () => {
    const runId = await newRun([20]);
    await writeBatch(database.db, [
      {
        runId,
        series: series(20, { imdbId: null }),
        omdb: null,
        rt: null,
        mc: null,
        failures: [{ runId, seriesId: 20, stage: "omdb", kind: "absent", reason: "no_imdb_id" }],
      },
    ]);
    const failures = await database.db.execute(
      sql`select stage, kind, reason from run_failures where series_id = 20`,
    );
    expect(failures.rows).toEqual([{ stage: "omdb", kind: "absent", reason: "no_imdb_id" }]);
    const rating = await database.db.execute(sql`select imdb_rating from ratings where series_id = 20`);
    expect(rating.rows).toEqual([{ imdb_rating: null }]);
  });
});

describe("confirmed page paths", () => {
  const found = (path: string) =>
    ({
      status: "found",
      path,
      layout: "rt-legacy-2018",
      fetchedWith: "http",
      scores: {
        tomatoes_critic: 97,
        tomatoes_critic_count: null,
        tomatoes_audience: 94,
        tomatoes_audience_count: 250_000,
        tomatoes_audience_count_is_lower_bound: true,
        metacritic: null,
        metacritic_count: null,
        metauser: null,
        metauser_count: null,
      },
    }) as const;

  it("stores a found path and its scores, clears a path confirmed absent, keeps it when the scrape failed", async () => {
    const runA = await newRun([30, 31]);
    await writeBatch(database.db, [
      { ...item(runA, series(30)), rt: found("/tv/series_30") },
      {
        ...item(runA, series(31)),
        rt: found("/tv/series_31"),
        mc: { status: "absent", reason: "not_found", tried: [] },
      },
    ]);
    const paths = async () =>
      (
        await database.db.execute(
          sql`select series_id, rt_path from series where series_id in (30, 31) order by 1`,
        )
      ).rows;
    expect(await paths()).toEqual([
      { series_id: 30, rt_path: "/tv/series_30" },
      { series_id: 31, rt_path: "/tv/series_31" },
    ]);
    const scores = await database.db.execute(
      sql`select tomatoes_critic, tomatoes_audience, tomatoes_audience_count, tomatoes_audience_count_is_lower_bound from ratings where series_id = 30`,
    );
    expect(scores.rows).toEqual([
      {
        tomatoes_critic: 97,
        tomatoes_audience: 94,
        tomatoes_audience_count: 250_000,
        tomatoes_audience_count_is_lower_bound: true,
      },
    ]);

    const runB = await newRun([30, 31]);
    await writeBatch(database.db, [
      { ...item(runB, series(30)), rt: null }, // the scrape failed for good: keep what we knew
      { ...item(runB, series(31)), rt: { status: "absent", reason: "not_found", tried: [] } },
    ]);
    expect(await paths()).toEqual([
      { series_id: 30, rt_path: "/tv/series_30" },
      { series_id: 31, rt_path: null },
    ]);
  });
});

// Last: it adds a genre and ratings the tests above count.
describe("raw values", () => {
  it("loads out-of-range scores and unknown genres as served, with when the OMDb answer was fetched", async () => {
    const runId = await newRun([30]);
    const odd = series(30, { genres: [{ id: 10769, name: "Foreign" }] });
    const scores = {
      tomatoes_critic: 104,
      tomatoes_critic_count: 12,
      tomatoes_audience: 80,
      tomatoes_audience_count: 900,
      tomatoes_audience_count_is_lower_bound: false,
      metacritic: 112,
      metacritic_count: 9,
      metauser: 7.1,
      metauser_count: 40,
    };
    const found = (path: string) => ({
      status: "found" as const,
      path,
      layout: "x",
      fetchedWith: "http" as const,
      scores,
    });
    await writeBatch(database.db, [
      { ...item(runId, odd, 11.4), rt: found("/tv/odd"), mc: found("/tv/odd/") },
    ]);
    const rows = await database.db.execute<Record<string, unknown>>(
      sql`select imdb_rating, tomatoes_critic, metacritic, omdb_fetched_at from ratings where run_id = ${runId}`,
    );
    expect(rows.rows[0]).toMatchObject({ imdb_rating: "11.4", tomatoes_critic: 104, metacritic: 112 });
    expect(new Date(rows.rows[0]?.omdb_fetched_at as string).toISOString()).toBe(FETCHED_AT);
    const genre = await database.db.execute(sql`select name from genre_dim where genre_id = 10769`);
    expect(genre.rows).toEqual([{ name: "Foreign" }]);
    const negative = await database.db
      .execute(sql`update ratings set metacritic = -1 where run_id = ${runId}`)
      .catch((error: unknown) => error);
    expect(negative).toMatchObject({ cause: { constraint: "ratings_scores_not_negative" } });
  });
});
