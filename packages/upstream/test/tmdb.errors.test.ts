import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTmdbClient, UpstreamError } from "../src/index.ts";
import { closedPort, observer, type Reply, startServer, type TestServer } from "./http-server.ts";

// TMDB error bodies as documented (developer.themoviedb.org/docs/errors); no
// recorded error reply exists in the fixtures.
const tmdbError = (status_code: number, status_message: string) =>
  JSON.stringify({ status_code, status_message, success: false });

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function client(extra: { timeoutMs?: number; observe?: (s: string, st: string, sec: number) => void } = {}) {
  return createTmdbClient({ baseUrl: `${server.origin}/3`, apiKey: "tmdb-error-key-42", ...extra });
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

describe("TMDB error mapping", () => {
  it.each<[string, Reply, { kind: string; status: number; permanent: boolean }]>([
    [
      "401 invalid key (7)",
      { status: 401, body: tmdbError(7, "Invalid API key: You must be granted a valid key.") },
      { kind: "auth", status: 401, permanent: true },
    ],
    [
      "401 suspended key (10)",
      { status: 401, body: tmdbError(10, "Suspended API key: Access to your account has been suspended.") },
      { kind: "auth", status: 401, permanent: true },
    ],
    [
      "404 not found (34)",
      { status: 404, body: tmdbError(34, "The resource you requested could not be found.") },
      { kind: "not_found", status: 404, permanent: true },
    ],
    [
      "400 invalid page (22)",
      { status: 400, body: tmdbError(22, "Invalid page: Pages start at 1 and max at 500.") },
      { kind: "bad_request", status: 400, permanent: true },
    ],
    [
      "422 invalid page (22)",
      { status: 422, body: tmdbError(22, "Invalid page: Pages start at 1 and max at 500.") },
      { kind: "bad_request", status: 422, permanent: true },
    ],
    [
      "500 internal error (11)",
      { status: 500, body: tmdbError(11, "Internal error: Something went wrong, contact TMDB.") },
      { kind: "transient", status: 500, permanent: false },
    ],
    [
      "503 HTML from a proxy",
      { status: 503, headers: { "content-type": "text/html" }, body: "<html>Service Unavailable</html>" },
      { kind: "transient", status: 503, permanent: false },
    ],
    ["401 with empty body", { status: 401 }, { kind: "auth", status: 401, permanent: true }],
    ["200 with empty body", { status: 200 }, { kind: "transient", status: 200, permanent: false }],
    [
      "200 with HTML",
      { status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><p>captive portal</p>" },
      { kind: "malformed", status: 200, permanent: false },
    ],
    [
      "200 with truncated JSON",
      { status: 200, body: '{"page":1,"results":[{"id":1396,' },
      { kind: "malformed", status: 200, permanent: false },
    ],
    [
      "200 with wrong field type",
      {
        status: 200,
        body: JSON.stringify({
          page: 1,
          total_pages: 1,
          total_results: 1,
          results: [{ id: 1396, name: "Breaking Bad", vote_average: "8.9", vote_count: 11913 }],
        }),
      },
      { kind: "malformed", status: 200, permanent: false },
    ],
  ])("%s", async (_name, reply, expected) => {
    server.respond = () => reply;
    const metrics = observer();
    const error = await failure(client({ observe: metrics.observe }).topRated(1));
    expect(error).toMatchObject({ source: "tmdb", ...expected });
    expect(error.retryAfterMs).toBeUndefined();
    expect(metrics.calls).toEqual([
      { source: "tmdb", status: String(expected.status), seconds: expect.any(Number) },
    ]);
  });

  it("names the failing field of a wrong shape", async () => {
    server.respond = () => ({
      body: JSON.stringify({ page: 1, total_pages: 1, total_results: 1, results: [{ id: 1, name: "x" }] }),
    });
    const error = await failure(client().topRated(1));
    expect(error.message).toMatch(/results\.0\.vote_average/);
  });

  it("429 with Retry-After in seconds", async () => {
    server.respond = () => ({
      status: 429,
      headers: { "retry-after": "7" },
      body: tmdbError(25, "Your request count (41) is over the allowed limit of (40)."),
    });
    const error = await failure(client().seriesDetails(1399));
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, permanent: false, retryAfterMs: 7000 });
  });

  it("429 with Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    server.respond = () => ({
      status: 429,
      headers: { "retry-after": at },
      body: tmdbError(25, "over limit"),
    });
    const error = await failure(client().topRated(3));
    expect(error.kind).toBe("rate_limited");
    // toUTCString() drops the milliseconds, so up to 1 s less than 30 s.
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("429 without Retry-After leaves retryAfterMs unset", async () => {
    server.respond = () => ({ status: 429, body: tmdbError(25, "over limit") });
    const error = await failure(client().topRated(1));
    expect(error).toMatchObject({ kind: "rate_limited", permanent: false });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("a timeout is transient and observed as 'timeout'", async () => {
    server.respond = () => ({ hang: true });
    const metrics = observer();
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 150, observe: metrics.observe }).topRated(1));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ kind: "transient", permanent: false, status: undefined });
    expect(error.message).toMatch(/within 150 ms/);
    expect(metrics.calls).toEqual([{ source: "tmdb", status: "timeout", seconds: expect.any(Number) }]);
    expect(metrics.calls[0]?.seconds).toBeGreaterThanOrEqual(0.1);
  });

  it("a refused connection is transient and observed as 'network_error'", async () => {
    const port = await closedPort();
    const metrics = observer();
    const tmdb = createTmdbClient({
      baseUrl: `http://127.0.0.1:${port}/3`,
      apiKey: "k",
      observe: metrics.observe,
    });
    const error = await failure(tmdb.seriesDetails(1399));
    expect(error).toMatchObject({ kind: "transient", permanent: false });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.cause).toMatchObject({ code: "ECONNREFUSED" });
    expect(metrics.calls).toEqual([{ source: "tmdb", status: "network_error", seconds: expect.any(Number) }]);
  });

  it("a details reply for another series is malformed", async () => {
    server.respond = () => ({
      body: JSON.stringify({
        id: 1398,
        name: "The Sopranos",
        genres: [],
        networks: [],
        vote_average: 8.6,
        vote_count: 2,
      }),
    });
    const error = await failure(client().seriesDetails(1399));
    expect(error).toMatchObject({ kind: "malformed", permanent: false, status: 200 });
    expect(error.message).toMatch(/series 1398/);
  });

  it("rejects bad arguments without a request", async () => {
    const before = server.requests.length;
    const metrics = observer();
    const tmdb = client({ observe: metrics.observe });
    for (const call of [
      tmdb.topRated(0),
      tmdb.topRated(1.5),
      tmdb.seriesDetails(-1),
      tmdb.seriesDetails(Number.NaN),
    ]) {
      expect(await failure(call)).toMatchObject({ kind: "bad_request", permanent: true, status: undefined });
    }
    expect(server.requests.length).toBe(before);
    expect(metrics.calls).toEqual([]);
  });

  it("requires a credential", () => {
    expect(() => createTmdbClient({ baseUrl: server.origin })).toThrow(/apiKey or readToken/);
  });

  it("sends api_key when no read token is given, and no Authorization header", async () => {
    server.respond = () => ({
      body: JSON.stringify({ page: 2, total_pages: 2, total_results: 21, results: [] }),
    });
    const page = await client().topRated(2);
    expect(page).toEqual({ page: 2, totalPages: 2, totalResults: 21, results: [] });
    const request = server.lastRequest();
    expect(request.url.searchParams.get("api_key")).toBe("tmdb-error-key-42");
    expect(request.headers.authorization).toBeUndefined();
  });
});
