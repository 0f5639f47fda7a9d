import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ConfigError } from "@tvr/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCatalog,
  buildTruth,
  type Catalog,
  type StatsSnapshot,
  sandboxConfigFromEnv,
  type Truth,
  type TruthSeries,
} from "../src/index.ts";
import {
  fetchAllPages,
  get,
  getJson,
  OMDB_KEY,
  omdbUrl,
  type RunningSandbox,
  startSandbox,
  tmdbUrl,
} from "./helpers.ts";

let catalog: Catalog;
let running: RunningSandbox;

beforeAll(async () => {
  catalog = buildCatalog({ seed: 42, size: 400 });
  running = await startSandbox({ catalog });
});
afterAll(() => running.close());

interface TvDetails {
  id: number;
  name: string;
  original_name: string;
  first_air_date: string;
  original_language: string;
  origin_country: string[];
  overview: string;
  status: string;
  type: string;
  number_of_seasons: number;
  number_of_episodes: number;
  genres: Array<{ id: number; name: string }>;
  networks: Array<{ id: number; name: string; origin_country: string }>;
  vote_average: number;
  vote_count: number;
  popularity: number;
  external_ids: { imdb_id: string | null };
}

interface OmdbAnswer {
  Response: "True" | "False";
  imdbRating: string;
  imdbVotes: string;
}

/** The columns TMDB and OMDb fill (the page fields are checked in sites.test.ts). */
const TMDB_OMDB_COLUMNS = [
  "series_id",
  "title",
  "original_title",
  "first_air_date",
  "release_year",
  "original_language",
  "origin_country",
  "plot",
  "status",
  "series_type",
  "number_of_seasons",
  "number_of_episodes",
  "imdb_id",
  "genres",
  "networks",
  "tmdb_vote_average",
  "tmdb_vote_count",
  "tmdb_popularity",
  "imdb_rating",
  "imdb_count",
  "imdb_absence",
] as const satisfies ReadonlyArray<keyof TruthSeries>;
type TmdbOmdbColumns = Pick<TruthSeries, (typeof TMDB_OMDB_COLUMNS)[number]>;

/** What a correct pipeline would load for one series, read from the served responses alone. */
async function loadLikeThePipeline(seriesId: number): Promise<TmdbOmdbColumns> {
  const { body: tv } = await getJson<TvDetails>(
    tmdbUrl(running.urls, `/tv/${seriesId}`, { append_to_response: "external_ids" }),
  );
  const imdbId = tv.external_ids.imdb_id || null;
  let omdb: OmdbAnswer | null = null;
  if (imdbId) {
    const { body } = await getJson<OmdbAnswer>(omdbUrl(running.urls, { i: imdbId, apikey: OMDB_KEY }));
    omdb = body.Response === "True" ? body : null;
  }
  return {
    series_id: tv.id,
    title: tv.name,
    original_title: tv.original_name,
    first_air_date: tv.first_air_date || null,
    release_year: tv.first_air_date ? Number(tv.first_air_date.slice(0, 4)) : null,
    original_language: tv.original_language,
    origin_country: tv.origin_country,
    plot: tv.overview || null,
    status: tv.status,
    series_type: tv.type,
    number_of_seasons: tv.number_of_seasons,
    number_of_episodes: tv.number_of_episodes,
    imdb_id: imdbId,
    genres: tv.genres.map((genre) => ({ genre_id: genre.id, name: genre.name })),
    networks: tv.networks.map((network) => ({
      network_id: network.id,
      name: network.name,
      origin_country: network.origin_country || null,
    })),
    tmdb_vote_average: tv.vote_average,
    tmdb_vote_count: tv.vote_count,
    tmdb_popularity: tv.popularity,
    imdb_rating: omdb && omdb.imdbRating !== "N/A" ? Number(omdb.imdbRating) : null,
    imdb_count: omdb && omdb.imdbVotes !== "N/A" ? Number(omdb.imdbVotes.replaceAll(",", "")) : null,
    imdb_absence: imdbId === null ? "no_imdb_id" : omdb === null ? "not_found" : null,
  };
}

describe("/__sandbox/truth", () => {
  it("has the documented format", async () => {
    const { status, body } = await getJson<Truth>(`${running.urls.control}/truth`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual([
      "seed",
      "catalogSize",
      "usesDatasets",
      "listing",
      "series",
      "unreachableSeriesIds",
      "sites",
    ]);
    expect(body).toMatchObject({ seed: 42, catalogSize: 400, usesDatasets: false, unreachableSeriesIds: [] });
    expect(body.series).toHaveLength(400);
  });

  it("matches what the TMDB and OMDb routes serve", async () => {
    const { body: truth } = await getJson<Truth>(`${running.urls.control}/truth`);
    const pages = await fetchAllPages(running.urls);
    expect(pages.flatMap((page) => page.results.map((result) => result.id))).toEqual(truth.listing);

    // Every edge case plus a spread of ordinary series.
    const sample = truth.series.filter(
      (series, index) =>
        index % 9 === 0 ||
        series.edge_cases.some((c) => !["leading_article", "punctuated_title"].includes(c)),
    );
    expect(sample.length).toBeGreaterThan(60);
    for (const expected of sample) {
      const columns = Object.fromEntries(TMDB_OMDB_COLUMNS.map((column) => [column, expected[column]]));
      expect(await loadLikeThePipeline(expected.series_id), `series ${expected.series_id}`).toEqual(columns);
    }
  });

  it("is byte-identical across sandboxes built from the same seed", async () => {
    const twin = await startSandbox({ seed: 42, catalogSize: 400 });
    try {
      for (const path of ["/__sandbox/truth"]) {
        expect((await get(`${twin.urls.base}${path}`)).text).toBe(
          (await get(`${running.urls.base}${path}`)).text,
        );
      }
      const id = catalog.series[10]?.id;
      const imdbId = catalog.series.find((series) => series.omdb)?.omdb?.imdbId as string;
      for (const build of [
        (urls: typeof running.urls) => tmdbUrl(urls, "/tv/top_rated", { page: 3 }),
        (urls: typeof running.urls) => tmdbUrl(urls, `/tv/${id}`, { append_to_response: "external_ids" }),
        (urls: typeof running.urls) => omdbUrl(urls, { i: imdbId, apikey: OMDB_KEY }),
      ]) {
        expect((await get(build(twin.urls))).text).toBe((await get(build(running.urls))).text);
      }
    } finally {
      await twin.close();
    }
  });

  it("is what `main.ts truth` prints", async () => {
    const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", main, "truth"], {
      env: { ...process.env, SANDBOX_SEED: "9", SANDBOX_CATALOG_SIZE: "50", SANDBOX_USE_DATASETS: "false" },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toBe(`${JSON.stringify(buildTruth(buildCatalog({ seed: 9, size: 50 })))}\n`);
  });
});

describe("/__sandbox/config, stats and reset", () => {
  it("changes knobs at runtime and rejects bad input with a reason", async () => {
    const put = (body: unknown) =>
      fetch(`${running.urls.control}/config`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await put({ faults: { rate: 0.25, kinds: ["http500", "empty"] }, omdb: { dailyQuota: 7 } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      faults: { rate: 0.25, kinds: ["http500", "empty"], maxFaultsPerRequest: 2 },
      omdb: { dailyQuota: 7 },
    });

    for (const [bad, field] of [
      [{ faults: { rate: 1.5 } }, "faults.rate"],
      [{ faults: { kinds: ["explode"] } }, "faults.kinds.0"],
      [{ faults: { kinds: [] } }, "faults.kinds"],
      [{ latency: { fixedMs: -1 } }, "latency.fixedMs"],
      [{ tmdb: { rateLimit: 3 } }, "tmdb"],
      [{ unknownKnob: true }, "(body)"],
    ] as const) {
      const response = await put(bad);
      const body = (await response.json()) as { error: string };
      expect([response.status, body.error]).toEqual([400, expect.stringContaining(field)]);
    }
    const current = await getJson(`${running.urls.control}/config`);
    expect(current.body).toMatchObject({ faults: { rate: 0.25 }, omdb: { dailyQuota: 7 } });
    running.sandbox.setKnobs({ faults: { rate: 0, kinds: ["http500"] }, omdb: { dailyQuota: 100_000 } });
  });

  it("counts upstream requests per route and status, and resets", async () => {
    await fetch(`${running.urls.control}/reset`, { method: "POST" });
    await get(tmdbUrl(running.urls, "/tv/top_rated"));
    await get(tmdbUrl(running.urls, "/tv/999999999"));
    await get(`${running.urls.tmdb}/tv/top_rated`);
    const { body: stats } = await getJson<StatsSnapshot>(`${running.urls.control}/stats`);
    expect(stats.totalRequests).toBe(3);
    expect(stats.byStatus).toEqual({ "200": 1, "401": 1, "404": 1 });
    expect(stats.families.tmdb).toEqual({ requests: 3, byStatus: { "200": 1, "401": 1, "404": 1 } });
    expect(stats.families.omdb).toBeUndefined();
    expect(stats.routes["tmdb.top_rated"]?.requests).toBe(2);
    expect(stats.omdb.requestsByKeyByDay).toEqual({});

    const reset = await fetch(`${running.urls.control}/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect((await getJson<StatsSnapshot>(`${running.urls.control}/stats`)).body.totalRequests).toBe(0);
  });
});

describe("environment", () => {
  it("maps SANDBOX_* variables to options and knobs", () => {
    const config = sandboxConfigFromEnv({
      SANDBOX_SEED: "7",
      SANDBOX_CATALOG_SIZE: "2500",
      SANDBOX_USE_DATASETS: "false",
      SANDBOX_PORT: "4999",
      SANDBOX_OMDB_API_KEY: "a, b",
      SANDBOX_FAULT_RATE: "0.1",
      SANDBOX_FAULT_KINDS: "timeout,empty",
      SANDBOX_TMDB_RATE_LIMIT: "40",
      SANDBOX_LATENCY_MS: "",
    });
    expect(config.port).toBe(4999);
    expect(config.host).toBe("127.0.0.1");
    expect(config.options).toMatchObject({
      seed: 7,
      catalogSize: 2500,
      datasetsDir: null,
      credentials: { omdbApiKeys: ["a", "b"], tmdbApiKeys: ["sandbox-tmdb-key"] },
      knobs: {
        faults: { rate: 0.1, kinds: ["timeout", "empty"] },
        tmdb: { rateLimitPerSecond: 40 },
        latency: {},
      },
    });
  });

  it("names the bad variable", () => {
    expect(() => sandboxConfigFromEnv({ SANDBOX_FAULT_RATE: "2" })).toThrow(ConfigError);
    expect(() => sandboxConfigFromEnv({ SANDBOX_FAULT_KINDS: "http500,boom" })).toThrow(
      /SANDBOX_FAULT_KINDS/,
    );
    expect(() => sandboxConfigFromEnv({ SANDBOX_CATALOG_SIZE: "lots" })).toThrow(/SANDBOX_CATALOG_SIZE/);
  });
});
