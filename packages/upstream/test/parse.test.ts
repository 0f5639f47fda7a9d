import { describe, expect, it } from "vitest";
import {
  normalizeImdbId,
  parseOmdbResponse,
  parseRetryAfter,
  parseTopRatedPage,
  tmdbErrorFromResponse,
  toSeriesRecord,
  UpstreamError,
} from "../src/index.ts";

/** The smallest details body the schema accepts. */
const minimalDetails = {
  id: 604,
  name: "Teen Titans",
  genres: [{ id: 16, name: "Animation" }],
  networks: [{ id: 56, name: "Cartoon Network", origin_country: "US" }],
  vote_average: 7.7,
  vote_count: 211,
};

function thrown(fn: () => unknown): UpstreamError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error("expected an UpstreamError, nothing was thrown");
}

describe("toSeriesRecord", () => {
  it("fills absent descriptive fields with null / [] and ignores unknown fields", () => {
    expect(toSeriesRecord({ ...minimalDetails, adult: false, "season/1": { episodes: [] } })).toEqual({
      seriesId: 604,
      title: "Teen Titans",
      originalTitle: null,
      firstAirDate: null,
      originalLanguage: null,
      originCountry: [],
      plot: null,
      status: null,
      seriesType: null,
      numberOfSeasons: null,
      numberOfEpisodes: null,
      imdbId: null,
      genres: [{ id: 16, name: "Animation" }],
      networks: [{ id: 56, name: "Cartoon Network", originCountry: "US" }],
      voteAverage: 7.7,
      voteCount: 211,
      popularity: null,
    });
  });

  it('maps "" to null for dates, overview, network country and imdb id', () => {
    const record = toSeriesRecord({
      ...minimalDetails,
      first_air_date: "",
      overview: "",
      networks: [{ id: 2739, name: "Disney+", origin_country: "" }],
      external_ids: { id: 604, imdb_id: "" },
    });
    expect(record).toMatchObject({
      firstAirDate: null,
      plot: null,
      imdbId: null,
      networks: [{ id: 2739, name: "Disney+", originCountry: null }],
    });
  });

  it("reads the imdb id from appended external_ids", () => {
    expect(toSeriesRecord({ ...minimalDetails, external_ids: { imdb_id: "tt0343314" } }).imdbId).toBe(
      "tt0343314",
    );
    expect(toSeriesRecord({ ...minimalDetails, external_ids: { imdb_id: null } }).imdbId).toBe(null);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["vote_count as a string", { vote_count: "211" }, /vote_count/],
    ["missing name", { name: undefined }, /name/],
    ["missing genres", { genres: undefined }, /genres/],
    ["genre id as a string", { genres: [{ id: "16", name: "Animation" }] }, /genres\.0\.id/],
    ["first_air_date not a date", { first_air_date: "19.07.2003" }, /first_air_date/],
    ["origin_country as a string", { origin_country: "US" }, /origin_country/],
    ["imdb_id as a number", { external_ids: { imdb_id: 343314 } }, /external_ids\.imdb_id/],
  ])("rejects %s as malformed", (_name, patch, path) => {
    const error = thrown(() => toSeriesRecord({ ...minimalDetails, ...patch }));
    expect(error).toMatchObject({ source: "tmdb", kind: "malformed", permanent: false });
    expect(error.message).toMatch(path);
  });
});

describe("normalizeImdbId", () => {
  it.each([
    ["tt0343314", "tt0343314"],
    [" tt0343314 ", "tt0343314"],
    ["", null],
    [null, null],
    [undefined, null],
    ["0343314", null],
    ["nm0000123", null],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeImdbId(input)).toBe(expected);
  });
});

describe("parseTopRatedPage", () => {
  it("rejects a non-object and a missing results array", () => {
    expect(thrown(() => parseTopRatedPage("page 1")).kind).toBe("malformed");
    expect(thrown(() => parseTopRatedPage({ page: 1, total_pages: 1, total_results: 0 })).message).toMatch(
      /results/,
    );
  });
});

describe("tmdbErrorFromResponse", () => {
  it("lets the TMDB status_code refine the HTTP status, but not for 5xx", () => {
    expect(tmdbErrorFromResponse(403, { status_code: 7, status_message: "Invalid API key" }).kind).toBe(
      "auth",
    );
    expect(tmdbErrorFromResponse(400, { status_code: 34, status_message: "not found" }).kind).toBe(
      "not_found",
    );
    expect(tmdbErrorFromResponse(503, { status_code: 7, status_message: "odd" }).kind).toBe("transient");
    expect(tmdbErrorFromResponse(418, undefined).kind).toBe("bad_request");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it.each<[string | null, number | undefined]>([
    ["120", 120_000],
    ["0", 0],
    [" 5 ", 5_000],
    ["Wed, 01 Jan 2025 00:00:30 GMT", 30_000],
    ["Tue, 31 Dec 2024 23:59:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j -> %j", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe("parseOmdbResponse", () => {
  const title = {
    Response: "True",
    imdbID: "tt0388629",
    Type: "series",
    imdbRating: "9.0",
    imdbVotes: "265,872",
  };

  it("reads rating and votes, N/A as null", () => {
    expect(parseOmdbResponse(200, title)).toEqual({ status: "found", imdbRating: 9, imdbCount: 265872 });
    expect(parseOmdbResponse(200, { ...title, imdbRating: "10.0", imdbVotes: "1,234,567" })).toEqual({
      status: "found",
      imdbRating: 10,
      imdbCount: 1234567,
    });
    // Out of scale, but as sent: validation flags it, the pipeline loads it.
    expect(parseOmdbResponse(200, { ...title, imdbRating: "11.0" })).toMatchObject({ imdbRating: 11 });
    expect(parseOmdbResponse(200, { ...title, imdbRating: "N/A", imdbVotes: "N/A" })).toEqual({
      status: "found",
      imdbRating: null,
      imdbCount: null,
    });
  });

  it.each<[string, Record<string, string>]>([
    ["rating of three digits", { imdbRating: "110" }],
    ["rating with a comma", { imdbRating: "9,0" }],
    ["badly grouped votes", { imdbVotes: "26,5872" }],
    ["negative votes", { imdbVotes: "-3" }],
  ])("rejects %s as malformed", (_name, patch) => {
    const error = thrown(() => parseOmdbResponse(200, { ...title, ...patch }));
    expect(error).toMatchObject({ source: "omdb", kind: "malformed", permanent: false, status: 200 });
  });

  it.each<[number, Record<string, string> | undefined, string]>([
    [200, { Response: "False", Error: "Series or episode not found!" }, "absent"],
    [200, { Response: "False", Error: "Movie not found!" }, "absent"],
    [200, { Response: "False", Error: "Invalid API key!" }, "auth"],
    [401, { Response: "False", Error: "Request limit reached!" }, "quota_exhausted"],
    [200, { Response: "False", Error: "Something new" }, "malformed"],
    [403, { Response: "False", Error: "Something new" }, "auth"],
    [429, undefined, "rate_limited"],
    [502, { Response: "False", Error: "Invalid API key!" }, "transient"],
    [503, undefined, "transient"],
  ])("HTTP %i %j -> %s", (status, body, expected) => {
    if (expected === "absent") {
      expect(parseOmdbResponse(status, body)).toEqual({ status: "absent", reason: "not_found" });
    } else {
      const error = thrown(() => parseOmdbResponse(status, body));
      expect(error).toMatchObject({ kind: expected, status, permanent: expected === "auth" });
    }
  });
});
