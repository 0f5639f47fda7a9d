import { readdirSync, readFileSync } from "node:fs";
import { fixturePath, requireFixtures } from "@tvr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOmdbClient, UpstreamError, type UpstreamErrorKind } from "../src/index.ts";
import { observer, startServer, type TestServer } from "./http-server.ts";

const haveFixtures = requireFixtures();

const KOKITIS = "kokitis_IMDB_API_2018-2020_sortedkeys";

type Expectation = { imdbId: string; status: number } & (
  | { found: { imdbRating: number | null; imdbCount: number | null } }
  | { absent: string }
  | { error: UpstreamErrorKind; message?: RegExp }
);

/** Keyed by path under omdb/. HTTP statuses are the ones SOURCES.md gives. */
const expectations: Record<string, Expectation> = {
  "omdb_series_tt0388629_one_piece.json": {
    imdbId: "tt0388629",
    status: 200,
    found: { imdbRating: 9.0, imdbCount: 265872 },
  },
  "omdb_series_tt1590961_breakout_kings.json": {
    imdbId: "tt1590961",
    status: 200,
    found: { imdbRating: 7.3, imdbCount: 15196 },
  },
  "omdb_series_tt0212671_malcolm_in_the_middle.json": {
    imdbId: "tt0212671",
    status: 200,
    found: { imdbRating: 8.2, imdbCount: 136442 },
  },
  "omdb_series_tt5114356_legion.json": {
    imdbId: "tt5114356",
    status: 200,
    found: { imdbRating: 8.3, imdbCount: 69112 },
  },
  "omdb_season_tt0460649_himym_s1.json": {
    imdbId: "tt0460649",
    status: 200,
    error: "malformed",
    message: /season listing/,
  },
  "omdb_error_invalid_api_key.json": { imdbId: "tt0388629", status: 401, error: "auth" },
  "omdb_error_request_limit_reached.json": { imdbId: "tt0388629", status: 401, error: "quota_exhausted" },
  "omdb_error_incorrect_imdb_id.json": { imdbId: "tt0000000", status: 200, absent: "not_found" },
  // SOURCES.md gives no status for these two; OMDb sends 200 for "not found".
  "omdb_error_movie_not_found.json": { imdbId: "tt9999999", status: 200, absent: "not_found" },
  "omdb_error_no_api_key.json": { imdbId: "tt0388629", status: 401, error: "auth" },
  [`${KOKITIS}/omdb_tt1475582.json`]: {
    imdbId: "tt1475582",
    status: 200,
    found: { imdbRating: 9.1, imdbCount: 765513 },
  },
  [`${KOKITIS}/omdb_tt1898069.json`]: {
    imdbId: "tt1898069",
    status: 200,
    found: { imdbRating: 7.8, imdbCount: 69569 },
  },
  [`${KOKITIS}/omdb_tt2170584.json`]: {
    imdbId: "tt2170584",
    status: 200,
    found: { imdbRating: 7.6, imdbCount: 12452 },
  },
  [`${KOKITIS}/omdb_tt0112159.json`]: {
    imdbId: "tt0112159",
    status: 200,
    found: { imdbRating: 8.5, imdbCount: 44883 },
  },
  [`${KOKITIS}/omdb_tt1910272.json`]: {
    imdbId: "tt1910272",
    status: 200,
    found: { imdbRating: 8.8, imdbCount: 38901 },
  },
  [`${KOKITIS}/omdb_tt5370118.json`]: {
    imdbId: "tt5370118",
    status: 200,
    found: { imdbRating: 7.8, imdbCount: 4279 },
  },
  // A movie: the client does not filter on Type.
  [`${KOKITIS}/omdb_tt4154796.json`]: {
    imdbId: "tt4154796",
    status: 200,
    found: { imdbRating: 8.4, imdbCount: 730943 },
  },
  [`${KOKITIS}/omdb_season.tt1475582.json`]: {
    imdbId: "tt1475582",
    status: 200,
    error: "malformed",
    message: /season listing/,
  },
  [`${KOKITIS}/omdb_season.tt1898069.json`]: {
    imdbId: "tt1898069",
    status: 200,
    error: "malformed",
    message: /season listing/,
  },
  [`${KOKITIS}/omdb_season.tt2170584.json`]: {
    imdbId: "tt2170584",
    status: 200,
    error: "malformed",
    message: /season listing/,
  },
  [`${KOKITIS}/omdb_search.hanna.json`]: {
    imdbId: "tt0993842",
    status: 200,
    error: "malformed",
    message: /search result/,
  },
};

function listOmdbFixtures(): string[] {
  const top = readdirSync(fixturePath("omdb")).filter((f) => f.endsWith(".json"));
  const kokitis = readdirSync(fixturePath("omdb", KOKITIS))
    .filter((f) => f.endsWith(".json"))
    .map((f) => `${KOKITIS}/${f}`);
  return [...top, ...kokitis].sort();
}

describe.runIf(haveFixtures)("OMDb client against recorded responses", () => {
  let server: TestServer;
  const apiKey = "omdbkey9";

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("has expectations for exactly the fixture files present", () => {
    expect(listOmdbFixtures()).toEqual(Object.keys(expectations).sort());
  });

  it.each(Object.entries(expectations))("%s", async (file, expected) => {
    const bytes = readFileSync(fixturePath("omdb", file));
    server.respond = () => ({ status: expected.status, body: bytes });
    const metrics = observer();
    const client = createOmdbClient({ baseUrl: `${server.origin}/`, apiKey, observe: metrics.observe });

    const outcome = await client.byImdbId(expected.imdbId).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    const request = server.lastRequest();
    expect(request.url.pathname).toBe("/");
    expect(request.url.searchParams.get("i")).toBe(expected.imdbId);
    expect(request.url.searchParams.get("apikey")).toBe(apiKey);
    expect(metrics.calls).toEqual([
      { source: "omdb", status: String(expected.status), seconds: expect.any(Number) },
    ]);

    if ("found" in expected) {
      expect(outcome).toEqual({ result: { status: "found", ...expected.found } });
    } else if ("absent" in expected) {
      expect(outcome).toEqual({ result: { status: "absent", reason: expected.absent } });
    } else {
      if (!("error" in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
      const error = outcome.error;
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({
        source: "omdb",
        kind: expected.error,
        status: expected.status,
        permanent: expected.error === "auth",
      });
      if (expected.message) expect(String(error)).toMatch(expected.message);
    }
  });
});
