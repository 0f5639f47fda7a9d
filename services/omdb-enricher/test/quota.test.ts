import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createDailyQuota, keyFingerprint, nextUtcMidnight } from "../src/quota.ts";

const prefix = createTestQueuePrefix("quota");
const redis = new Redis(TEST_REDIS_URL);
afterAll(async () => {
  await prefix.cleanup();
  redis.disconnect();
});

describe("createDailyQuota", () => {
  it("grants exactly `limit` requests per UTC day across concurrent callers, then says how long to wait", async () => {
    let now = new Date("2026-03-10T22:00:00Z");
    const quota = createDailyQuota({
      redis,
      prefix: prefix.prefix,
      apiKey: "abcd1234",
      limit: 25,
      now: () => now,
    });
    const results = await Promise.all(Array.from({ length: 40 }, () => quota.reserve()));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    const refused = results.find((r) => !r.ok);
    expect(refused).toEqual({ ok: false, waitMs: 2 * 3600 * 1000 });
    expect(await quota.state()).toMatchObject({ day: "2026-03-10", used: 25, limit: 25, exhausted: true });

    now = new Date("2026-03-11T00:00:01Z");
    expect(await quota.reserve()).toEqual({ ok: true, used: 1 });
  });

  it("treats OMDb's own 'limit reached' as today's budget spent", async () => {
    const now = new Date("2026-03-12T12:00:00Z");
    const quota = createDailyQuota({
      redis,
      prefix: prefix.prefix,
      apiKey: "zzzz9999",
      limit: 1000,
      now: () => now,
    });
    await quota.reserve();
    const waitMs = await quota.markSpent();
    expect(waitMs).toBe(nextUtcMidnight(now).getTime() - now.getTime());
    expect((await quota.reserve()).ok).toBe(false);
  });

  it("never stores the API key itself in Redis", async () => {
    const quota = createDailyQuota({ redis, prefix: prefix.prefix, apiKey: "secretkey", limit: 5 });
    await quota.reserve();
    const keys = await redis.keys(`${prefix.prefix}*`);
    expect(keys.some((k) => k.includes("secretkey"))).toBe(false);
    expect(keys.some((k) => k.includes(keyFingerprint("secretkey")))).toBe(true);
  });
});
