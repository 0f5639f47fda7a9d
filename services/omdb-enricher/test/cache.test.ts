import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createOmdbCache } from "../src/cache.ts";

const prefix = createTestQueuePrefix("omdb-cache");
const redis = new Redis(TEST_REDIS_URL);
afterAll(async () => {
  await prefix.cleanup();
  redis.disconnect();
});

const answer = (imdbRating: number) => ({
  status: "found" as const,
  imdbRating,
  imdbCount: 1000,
  fetchedAt: "2026-11-30T10:00:00.000Z",
});

describe("the OMDb cache", () => {
  it("serves an answer only under the scope it was cached in", async () => {
    const plain = createOmdbCache(redis, prefix.prefix, 60, "sandbox");
    const anomalies = createOmdbCache(redis, prefix.prefix, 60, "sandbox-anomalies");
    await plain.set("tt0388629", answer(8.9));
    expect(await anomalies.get("tt0388629")).toBeNull();
    await anomalies.set("tt0388629", answer(11.2));
    expect(await plain.get("tt0388629")).toMatchObject({ imdbRating: 8.9 });
    expect(await anomalies.get("tt0388629")).toMatchObject({ imdbRating: 11.2 });
    expect(await redis.ttl(`${prefix.prefix}:omdb-cache:sandbox:tt0388629`)).toBeGreaterThan(0);
  });
});
