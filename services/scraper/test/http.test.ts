import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpFetcher } from "../src/http.ts";
import type { Pacer } from "../src/pacer.ts";

/** The plain HTTP fetcher against a local server that records when each request arrived. */
let server: Server;
let base: string;
const arrivals = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    arrivals.set(request.url ?? "", performance.now());
    // Held a moment, so that concurrent requests each need a connection of their own.
    setTimeout(() => response.writeHead(200, { "content-type": "text/html" }).end("<html></html>"), 50);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("http fetcher", () => {
  it("marks each request's pace slot sent once, after its slot and before the site sees it", async () => {
    const granted: number[] = [];
    const sent: number[] = [];
    const pace: Pacer = async () => {
      granted.push(performance.now());
      return { sent: () => sent.push(performance.now()) };
    };
    const fetchPage = createHttpFetcher({ userAgent: "test", timeoutMs: 5_000, pace });
    const paths = ["/tv/a", "/tv/b", "/tv/c", "/tv/d"];
    const responses = await Promise.all(paths.map((path) => fetchPage("rt", `${base}${path}`)));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(sent).toHaveLength(paths.length);
    const earliestArrival = Math.min(...arrivals.values());
    const latestArrival = Math.max(...arrivals.values());
    expect(Math.min(...sent)).toBeGreaterThanOrEqual(Math.min(...granted));
    expect(Math.min(...sent)).toBeLessThanOrEqual(earliestArrival);
    expect(Math.max(...sent)).toBeLessThanOrEqual(latestArrival);
  });

  it("leaves requests made outside the fetcher alone", async () => {
    let marked = 0;
    const fetchPage = createHttpFetcher({
      userAgent: "test",
      timeoutMs: 5_000,
      pace: async () => ({ sent: () => marked++ }),
    });
    await fetchPage("mc", `${base}/tv/paced`);
    await (await fetch(`${base}/tv/unpaced`)).text();
    expect(marked).toBe(1);
  });
});
