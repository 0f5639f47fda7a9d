import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOmdbClient, createTmdbClient, UpstreamError } from "../src/index.ts";
import { closedPort, startServer, type TestServer } from "./http-server.ts";

const TMDB_KEY = "3f9c1d2e8a7b4c5d6e7f8a9b0c1d2e3f";
const TMDB_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJzZWNyZXQtYXVkIn0.c2lnbmF0dXJlLXNlY3JldA";
const OMDB_KEY = "a1b2c3d4";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

/** Every way an error gets written out: logs, job failure reasons, JSON. */
function renderings(error: UpstreamError): string[] {
  const cause = error.cause instanceof Error ? [String(error.cause), error.cause.stack ?? ""] : [];
  return [
    String(error),
    error.message,
    error.stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: null, showHidden: true }),
    ...cause,
  ];
}

function expectNoSecrets(error: UpstreamError, secrets: string[]) {
  for (const text of renderings(error)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

// Replies that echo the credential back, as a misbehaving proxy or upstream might.
const echoKey = (url: URL) => url.searchParams.get("api_key") ?? url.searchParams.get("apikey") ?? "";

describe("secrets never leave the clients", () => {
  it("TMDB api_key: 401 whose message echoes the key", async () => {
    server.respond = ({ url }) => ({
      status: 401,
      body: JSON.stringify({
        status_code: 7,
        status_message: `Invalid API key: ${echoKey(url)}`,
        success: false,
      }),
    });
    const tmdb = createTmdbClient({ baseUrl: `${server.origin}/3`, apiKey: TMDB_KEY });
    const error = await failure(tmdb.seriesDetails(1399));

    expect(server.lastRequest().url.searchParams.get("api_key")).toBe(TMDB_KEY);
    expect(error.kind).toBe("auth");
    expect(error.message).toContain("api_key=REDACTED");
    expectNoSecrets(error, [TMDB_KEY]);
  });

  it("TMDB read token: a non-JSON body that echoes the Authorization header", async () => {
    server.respond = ({ headers }) => ({ body: `<pre>you sent ${headers.authorization}</pre>` });
    const tmdb = createTmdbClient({ baseUrl: `${server.origin}/3`, apiKey: TMDB_KEY, readToken: TMDB_TOKEN });
    const error = await failure(tmdb.topRated(1));

    expect(server.lastRequest().headers.authorization).toBe(`Bearer ${TMDB_TOKEN}`);
    expect(error.kind).toBe("malformed");
    expect(error.message).toContain("you sent Bearer REDACTED");
    expectNoSecrets(error, [TMDB_KEY, TMDB_TOKEN]);
  });

  it("TMDB api_key: timeout and network errors", async () => {
    server.respond = () => ({ hang: true });
    const slow = createTmdbClient({ baseUrl: `${server.origin}/3`, apiKey: TMDB_KEY, timeoutMs: 50 });
    expectNoSecrets(await failure(slow.topRated(1)), [TMDB_KEY]);

    const port = await closedPort();
    const down = createTmdbClient({ baseUrl: `http://127.0.0.1:${port}/3`, apiKey: TMDB_KEY });
    const error = await failure(down.topRated(1));
    expect(error.cause).toBeInstanceOf(Error);
    expectNoSecrets(error, [TMDB_KEY]);
  });

  it("OMDb apikey: invalid key, unknown error echoing the key, timeout", async () => {
    // A short timeout only for the hanging answer: on a loaded machine 50 ms can pass before any reply.
    const omdb = createOmdbClient({ baseUrl: `${server.origin}/`, apiKey: OMDB_KEY, timeoutMs: 5_000 });
    const slow = createOmdbClient({ baseUrl: `${server.origin}/`, apiKey: OMDB_KEY, timeoutMs: 50 });

    server.respond = () => ({ status: 401, body: '{"Response":"False","Error":"Invalid API key!"}' });
    const auth = await failure(omdb.byImdbId("tt0388629"));
    expect(server.lastRequest().url.searchParams.get("apikey")).toBe(OMDB_KEY);
    expect(auth.kind).toBe("auth");
    expect(auth.message).toContain("apikey=REDACTED");
    expectNoSecrets(auth, [OMDB_KEY]);

    server.respond = ({ url }) => ({
      body: JSON.stringify({ Response: "False", Error: `Key ${echoKey(url)} is not activated` }),
    });
    const unknown = await failure(omdb.byImdbId("tt0388629"));
    expect(unknown.message).toContain("Key REDACTED is not activated");
    expectNoSecrets(unknown, [OMDB_KEY]);

    server.respond = () => ({ hang: true });
    expectNoSecrets(await failure(slow.byImdbId("tt0388629")), [OMDB_KEY]);
  });
});
