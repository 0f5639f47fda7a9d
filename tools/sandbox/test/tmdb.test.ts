import { fixturesAvailable, readFixtureJson } from "@tvr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog, type Catalog, listingVoteAverage } from "../src/index.ts";
import {
  fetchAllPages,
  get,
  getJson,
  type RunningSandbox,
  startSandbox,
  TMDB_KEY,
  TMDB_TOKEN,
  type TopRatedPage,
  tmdbUrl,
} from "./helpers.ts";

const INVALID_KEY_BODY =
  '{"status_code":7,"status_message":"Invalid API key: You must be granted a valid key.","success":false}';
const NOT_FOUND_BODY =
  '{"success":false,"status_code":34,"status_message":"The resource you requested could not be found."}';
const INVALID_PAGE_BODY =
  '{"success":false,"status_code":22,"status_message":"Invalid page: Pages start at 1 and max at 500. They are expected to be an integer."}';
const RATE_LIMITED_BODY =
  '{"status_code":25,"status_message":"Your request count (#) is over the allowed limit of (40)."}';

const TOP_RATED_RESULT_KEYS = [
  "backdrop_path",
  "first_air_date",
  "genre_ids",
  "id",
  "name",
  "origin_country",
  "original_language",
  "original_name",
  "overview",
  "popularity",
  "poster_path",
  "vote_average",
  "vote_count",
];
const DETAILS_KEYS = [
  "adult",
  "backdrop_path",
  "created_by",
  "episode_run_time",
  "first_air_date",
  "genres",
  "homepage",
  "id",
  "in_production",
  "languages",
  "last_air_date",
  "last_episode_to_air",
  "name",
  "next_episode_to_air",
  "networks",
  "number_of_episodes",
  "number_of_seasons",
  "origin_country",
  "original_language",
  "original_name",
  "overview",
  "popularity",
  "poster_path",
  "production_companies",
  "production_countries",
  "seasons",
  "spoken_languages",
  "status",
  "tagline",
  "type",
  "vote_average",
  "vote_count",
];
const EXTERNAL_IDS_KEYS = [
  "id",
  "imdb_id",
  "freebase_mid",
  "freebase_id",
  "tvdb_id",
  "tvrage_id",
  "wikidata_id",
  "facebook_id",
  "instagram_id",
  "twitter_id",
];

let catalog: Catalog;
let running: RunningSandbox;
let clock = Date.parse("2024-05-01T12:00:00Z");

beforeAll(async () => {
  catalog = buildCatalog({ seed: 42, size: 300 });
  running = await startSandbox({ catalog, now: () => clock });
});
afterAll(() => running.close());

describe("TMDB top_rated", () => {
  it("pages through the whole listing, sorted, with every series present", async () => {
    const pages = await fetchAllPages(running.urls);
    const first = pages[0] as TopRatedPage;
    expect(first.total_results).toBe(catalog.listing.length);
    expect(first.total_pages).toBe(Math.ceil(catalog.listing.length / 20));
    expect(pages.slice(0, -1).every((page) => page.results.length === 20)).toBe(true);

    const entries = pages.flatMap((page) => page.results);
    expect(entries.map((entry) => entry.id)).toEqual(catalog.listing);
    expect(new Set(entries.map((entry) => entry.id))).toEqual(
      new Set(catalog.series.map((series) => series.id)),
    );
    for (let i = 1; i < entries.length; i++) {
      const [previous, current] = [entries[i - 1], entries[i]] as [
        TopRatedPage["results"][0],
        TopRatedPage["results"][0],
      ];
      const ordered =
        previous.vote_average > current.vote_average ||
        (previous.vote_average === current.vote_average && previous.vote_count >= current.vote_count);
      expect(ordered, `entries ${i - 1} and ${i}`).toBe(true);
    }
  });

  it("repeats some page-final series at the start of the next page", async () => {
    const pages = await fetchAllPages(running.urls);
    const repeats = pages.slice(1).filter((page, index) => {
      const previous = pages[index] as TopRatedPage;
      return page.results[0]?.id === previous.results.at(-1)?.id;
    });
    expect(repeats.length).toBeGreaterThan(0);
    expect(repeats.length).toBe(catalog.listing.length - catalog.series.length);
  });

  it("renders results in the 2023 field set, listing vote_average rounded to one decimal", async () => {
    const { body } = await getJson<TopRatedPage>(
      tmdbUrl(running.urls, "/tv/top_rated", { page: 2, language: "en-US" }),
    );
    const result = body.results[0] as TopRatedPage["results"][0];
    expect(Object.keys(body)).toEqual(["page", "results", "total_pages", "total_results"]);
    expect(Object.keys(result)).toEqual(TOP_RATED_RESULT_KEYS);
    const record = catalog.byId.get(result.id);
    expect(result.vote_average).toBe(record && listingVoteAverage(record));
  });

  it.runIf(fixturesAvailable)("uses the recorded 2023 response's keys", async () => {
    const fixture = readFixtureJson<TopRatedPage>(
      "tmdb_top_rated",
      "tmdb_tv_top_rated_page1_2023-07_snac.json",
    );
    const { body } = await getJson<TopRatedPage>(tmdbUrl(running.urls, "/tv/top_rated"));
    expect(Object.keys(body)).toEqual(Object.keys(fixture));
    expect(Object.keys(body.results[0] ?? {})).toEqual(Object.keys(fixture.results[0] ?? {}));
  });

  it("answers pages outside 1..500 with status_code 22 and pages past the end with no results", async () => {
    for (const page of ["0", "501", "abc", "1.5", "-1"]) {
      const response = await get(tmdbUrl(running.urls, "/tv/top_rated", { page }));
      expect([page, response.status, response.text]).toEqual([page, 400, INVALID_PAGE_BODY]);
    }
    const { status, body } = await getJson<TopRatedPage>(
      tmdbUrl(running.urls, "/tv/top_rated", { page: 500 }),
    );
    expect(status).toBe(200);
    expect(body.results).toEqual([]);
    expect(body.total_pages).toBe(catalog.totalPages);
  });
});

describe("TMDB tv details", () => {
  it("serves details, appending external_ids only when asked", async () => {
    const record = catalog.series[5];
    if (!record) throw new Error("catalog too small");
    const plain = await getJson(tmdbUrl(running.urls, `/tv/${record.id}`));
    expect(plain.status).toBe(200);
    expect(Object.keys(plain.body)).toEqual(DETAILS_KEYS);
    expect(plain.body.name).toBe(record.name);

    const appended = await getJson<Record<string, unknown>>(
      tmdbUrl(running.urls, `/tv/${record.id}`, { append_to_response: "credits,external_ids" }),
    );
    expect(Object.keys(appended.body)).toEqual([...DETAILS_KEYS, "external_ids"]);
    expect(Object.keys(appended.body.external_ids as object)).toEqual(EXTERNAL_IDS_KEYS);
    expect(appended.body.external_ids).toMatchObject({ id: record.id, imdb_id: record.externalIds.imdbId });

    const standalone = await getJson(tmdbUrl(running.urls, `/tv/${record.id}/external_ids`));
    expect(standalone.body).toEqual(appended.body.external_ids);
  });

  it('sends null and "" imdb_id for series without one', async () => {
    const imdbIds = await Promise.all(
      catalog.series
        .filter((series) => series.edgeCases.includes("no_imdb_id"))
        .map(
          async (series) =>
            (await getJson(tmdbUrl(running.urls, `/tv/${series.id}/external_ids`))).body.imdb_id,
        ),
    );
    expect(new Set(imdbIds)).toEqual(new Set([null, ""]));
  });

  it.runIf(fixturesAvailable)("matches the recorded details and external_ids key order", async () => {
    const details = readFixtureJson<object>(
      "tmdb_tv_details",
      "tmdb_tv_60625_rick_and_morty_appended_2023_snac.json",
    );
    const appendedByFixture = ["aggregate_credits", "keywords", "recommendations", "similar"];
    const record = catalog.series[0];
    const { body } = await getJson(tmdbUrl(running.urls, `/tv/${record?.id}`));
    expect(Object.keys(body)).toEqual(Object.keys(details).filter((key) => !appendedByFixture.includes(key)));
    const recorded = readFixtureJson<object>(
      "tmdb_external_ids",
      "tmdb_tv_66732_stranger_things_external_ids_LcTrKiD.json",
    );
    const ours = await getJson(tmdbUrl(running.urls, `/tv/${record?.id}/external_ids`));
    // wikidata_id arrived after the recording was made.
    expect(Object.keys(ours.body).filter((key) => key !== "wikidata_id")).toEqual(Object.keys(recorded));
  });

  it("answers unknown ids with status_code 34", async () => {
    const unused = Math.max(...catalog.series.map((series) => series.id)) + 1;
    for (const path of [
      `/tv/${unused}`,
      "/tv/not-a-number",
      `/tv/${unused}/external_ids`,
      "/tv/1/nope",
      "/movie/1",
    ]) {
      const response = await get(tmdbUrl(running.urls, path));
      expect([path, response.status, response.text]).toEqual([path, 404, NOT_FOUND_BODY]);
    }
  });
});

describe("TMDB authentication", () => {
  const topRated = () => new URL(`${running.urls.tmdb}/tv/top_rated`);

  it("accepts api_key or a Bearer read token", async () => {
    const withKey = topRated();
    withKey.searchParams.set("api_key", TMDB_KEY);
    expect((await get(withKey.toString())).status).toBe(200);
    const withToken = await get(topRated().toString(), {
      headers: { Authorization: `Bearer ${TMDB_TOKEN}` },
    });
    expect(withToken.status).toBe(200);
  });

  it("rejects missing or wrong credentials with status_code 7", async () => {
    const wrongKey = topRated();
    wrongKey.searchParams.set("api_key", "nope");
    const attempts = [
      await get(topRated().toString()),
      await get(wrongKey.toString()),
      await get(topRated().toString(), { headers: { Authorization: "Bearer nope" } }),
      await get(topRated().toString(), { headers: { Authorization: TMDB_TOKEN } }),
      await get(`${running.urls.tmdb}/tv/${catalog.series[0]?.id}`),
    ];
    for (const attempt of attempts) expect([attempt.status, attempt.text]).toEqual([401, INVALID_KEY_BODY]);
  });
});

describe("TMDB rate limit", () => {
  it("answers over-limit requests with 429, status_code 25 and Retry-After, then recovers", async () => {
    running.sandbox.setKnobs({ tmdb: { rateLimitPerSecond: 3 } });
    try {
      const url = tmdbUrl(running.urls, "/tv/top_rated");
      for (let i = 0; i < 3; i++) expect((await get(url)).status).toBe(200);
      const limited = await get(url);
      expect([limited.status, limited.text]).toEqual([429, RATE_LIMITED_BODY]);
      expect(limited.headers.get("retry-after")).toBe("1");

      clock += 400;
      expect((await get(url)).status).toBe(429);
      clock += 700;
      expect((await get(url)).status).toBe(200);
    } finally {
      running.sandbox.setKnobs({ tmdb: { rateLimitPerSecond: 0 } });
    }
  });
});
