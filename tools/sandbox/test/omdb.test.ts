import { fixturesAvailable, readFixture, readFixtureJson } from "@tvr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog, type Catalog, type SeriesRecord } from "../src/index.ts";
import { get, getJson, OMDB_KEY, omdbUrl, type RunningSandbox, startSandbox } from "./helpers.ts";

const OMDB_KEYS = [
  "Title",
  "Year",
  "Rated",
  "Released",
  "Runtime",
  "Genre",
  "Director",
  "Writer",
  "Actors",
  "Plot",
  "Language",
  "Country",
  "Awards",
  "Poster",
  "Ratings",
  "Metascore",
  "imdbRating",
  "imdbVotes",
  "imdbID",
  "Type",
  "totalSeasons",
  "Response",
];
const INCORRECT_ID = '{"Response":"False","Error":"Incorrect IMDb ID."}';
const NO_KEY = '{"Response":"False","Error":"No API key provided."}';
const INVALID_KEY = '{"Response":"False","Error":"Invalid API key!"}';
const LIMIT_REACHED = '{"Response":"False","Error":"Request limit reached!"}';

const SECOND_KEY = "secondk";
let catalog: Catalog;
let running: RunningSandbox;
let clock = Date.parse("2024-03-01T23:58:00Z");

const seriesWith = (predicate: (series: SeriesRecord) => boolean): SeriesRecord => {
  const found = catalog.series.find(predicate);
  if (!found) throw new Error("no such series in the test catalog");
  return found;
};
const lookup = (imdbId: string, extra: Record<string, string> = {}) =>
  get(omdbUrl(running.urls, { i: imdbId, apikey: OMDB_KEY, ...extra }));

beforeAll(async () => {
  catalog = buildCatalog({ seed: 42, size: 300 });
  running = await startSandbox({
    catalog,
    now: () => clock,
    credentials: { omdbApiKeys: [OMDB_KEY, SECOND_KEY] },
  });
});
afterAll(() => running.close());

describe("OMDb lookups by IMDb id", () => {
  it("answers in OMDb's series shape and key order", async () => {
    const series = seriesWith((record) => record.omdb?.imdbRating != null);
    const response = await getJson<Record<string, unknown>>(
      omdbUrl(running.urls, { i: series.externalIds.imdbId as string, apikey: OMDB_KEY, r: "json" }),
    );
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(OMDB_KEYS);
    const omdb = series.omdb;
    expect(response.body).toMatchObject({
      Title: series.name,
      imdbID: series.externalIds.imdbId,
      Type: "series",
      Metascore: "N/A",
      Response: "True",
      totalSeasons: String(series.numberOfSeasons),
      imdbRating: omdb?.imdbRating?.toFixed(1),
      Ratings: [{ Source: "Internet Movie Database", Value: `${omdb?.imdbRating?.toFixed(1)}/10` }],
    });
    expect(response.body.imdbVotes).toMatch(/^\d{1,3}(,\d{3})*$/);
    expect(Number((response.body.imdbVotes as string).replaceAll(",", ""))).toBe(omdb?.imdbVotes);
    expect(response.body.Year).toMatch(/^\d{4}(–(\d{4})?)?$/);
    expect(response.body.Released).toMatch(/^\d{2} [A-Z][a-z]{2} \d{4}$/);
  });

  it.runIf(fixturesAvailable)("has the recorded One Piece response's keys, in order", async () => {
    const recorded = readFixtureJson<Record<string, unknown>>("omdb", "omdb_series_tt0388629_one_piece.json");
    const series = seriesWith((record) => record.omdb !== null);
    const response = await getJson(
      omdbUrl(running.urls, { i: series.externalIds.imdbId as string, apikey: OMDB_KEY }),
    );
    expect(Object.keys(response.body)).toEqual(Object.keys(recorded));
  });

  it("sends a short plot by default and the full one with plot=full", async () => {
    const series = seriesWith((record) => (record.omdb?.plotFull.split(". ").length ?? 0) > 1);
    const short = JSON.parse((await lookup(series.externalIds.imdbId as string)).text);
    const full = JSON.parse((await lookup(series.externalIds.imdbId as string, { plot: "full" })).text);
    expect(full.Plot).toBe(series.omdb?.plotFull);
    expect(full.Plot.startsWith(short.Plot)).toBe(true);
    expect(short.Plot.length).toBeLessThan(full.Plot.length);
  });

  it('answers "N/A" ratings with an empty Ratings list', async () => {
    const series = seriesWith((record) => record.edgeCases.includes("imdb_rating_na"));
    const body = JSON.parse((await lookup(series.externalIds.imdbId as string)).text);
    expect(body).toMatchObject({ Response: "True", imdbRating: "N/A", imdbVotes: "N/A", Ratings: [] });
  });

  it("answers unknown and ill-formed ids with HTTP 200 Incorrect IMDb ID", async () => {
    const unknown = seriesWith((record) => record.edgeCases.includes("imdb_id_unknown_to_omdb"));
    for (const id of [unknown.externalIds.imdbId as string, "tt", "nm0000001", "tt12", "", "tt0000000000"]) {
      const response = await lookup(id);
      expect([id, response.status, response.text]).toEqual([id, 200, INCORRECT_ID]);
    }
  });

  it.runIf(fixturesAvailable)("sends the recorded error bodies byte for byte", async () => {
    const unknown = seriesWith((record) => record.edgeCases.includes("imdb_id_unknown_to_omdb"));
    expect((await lookup(unknown.externalIds.imdbId as string)).text).toBe(
      readFixture("omdb", "omdb_error_incorrect_imdb_id.json").trim(),
    );
    expect((await get(omdbUrl(running.urls, { i: "tt0000001", apikey: "wrong" }))).text).toBe(
      readFixture("omdb", "omdb_error_invalid_api_key.json").trim(),
    );
    expect((await get(omdbUrl(running.urls, { i: "tt0000001" }))).text).toBe(
      readFixture("omdb", "omdb_error_no_api_key.json").trim(),
    );
  });
});

describe("OMDb keys and quota", () => {
  it("answers a missing key and a wrong key with 401", async () => {
    const missing = await get(omdbUrl(running.urls, { i: "tt0000001" }));
    expect([missing.status, missing.text]).toEqual([401, NO_KEY]);
    const wrong = await get(omdbUrl(running.urls, { i: "tt0000001", apikey: "wrong" }));
    expect([wrong.status, wrong.text]).toEqual([401, INVALID_KEY]);
  });

  it("enforces the daily quota per key and per UTC day", async () => {
    running.sandbox.reset();
    running.sandbox.setKnobs({ omdb: { dailyQuota: 2 } });
    try {
      const id = seriesWith((record) => record.omdb !== null).externalIds.imdbId as string;
      const ask = (apikey: string) => get(omdbUrl(running.urls, { i: id, apikey }));
      expect((await ask(OMDB_KEY)).status).toBe(200);
      expect((await ask(OMDB_KEY)).status).toBe(200);
      const limited = await ask(OMDB_KEY);
      expect([limited.status, limited.text]).toEqual([401, LIMIT_REACHED]);
      expect((await ask(SECOND_KEY)).status).toBe(200);

      clock += 3 * 60_000; // past UTC midnight
      expect((await ask(OMDB_KEY)).status).toBe(200);

      const stats = running.sandbox.stats.snapshot();
      expect(stats.omdb.requestsByKeyByDay).toEqual({
        [OMDB_KEY]: { "2024-03-01": 3, "2024-03-02": 1 },
        [SECOND_KEY]: { "2024-03-01": 1 },
      });
      expect(stats.routes["omdb.title"]?.byStatus).toEqual({ "200": 4, "401": 1 });
    } finally {
      running.sandbox.setKnobs({ omdb: { dailyQuota: 100_000 } });
    }
  });
});
