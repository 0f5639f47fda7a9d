import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { cookieHeader, createClearanceStore } from "../src/clearance.ts";
import type { BrowserCookie } from "../src/plan.ts";

const cookie = (overrides: Partial<BrowserCookie> = {}): BrowserCookie => ({
  name: "tvr_clearance",
  value: "token",
  domain: "127.0.0.1",
  path: "/",
  expires: -1,
  httpOnly: false,
  secure: false,
  sameSite: "Lax",
  ...overrides,
});

const queuePrefix = createTestQueuePrefix("clearance");
const redis = new Redis(TEST_REDIS_URL);
afterAll(async () => {
  await queuePrefix.cleanup();
  redis.disconnect();
});

describe("clearance store", () => {
  it("shares a site's cookies until the first of them expires", async () => {
    let now = 1_700_000_000_000;
    const store = createClearanceStore(redis, queuePrefix.prefix, () => now);
    expect(await store.get("mc")).toEqual([]);
    const expiring = cookie({ name: "short", expires: now / 1000 + 60 });
    await store.save("mc", [cookie(), expiring]);
    expect(await store.get("mc")).toEqual([cookie(), expiring]);
    expect(await store.get("rt")).toEqual([]);
    const ttl = await redis.pttl(`${queuePrefix.prefix}:scrape-clearance:mc`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    now += 61_000;
    expect(await store.get("mc")).toEqual([cookie()]);
  });

  it("keeps nothing when every cookie has expired, and ignores an unreadable entry", async () => {
    const store = createClearanceStore(redis, queuePrefix.prefix);
    await store.save("rt", [cookie({ expires: 1 })]);
    expect(await redis.exists(`${queuePrefix.prefix}:scrape-clearance:rt`)).toBe(0);
    await redis.set(`${queuePrefix.prefix}:scrape-clearance:rt`, "{not json");
    expect(await store.get("rt")).toEqual([]);
  });
});

describe("cookieHeader", () => {
  it("sends the cookies that apply to the URL's host, path and scheme", () => {
    const cookies = [
      cookie(),
      cookie({ name: "sub", domain: ".example.com" }),
      cookie({ name: "tv_only", path: "/tv" }),
      cookie({ name: "secure_only", secure: true }),
    ];
    expect(cookieHeader(cookies, "http://127.0.0.1:4010/mc/tv/dark/")).toBe("tvr_clearance=token");
    expect(cookieHeader(cookies, "https://www.example.com/tv/dark")).toBe("sub=token");
    expect(cookieHeader(cookies, "http://other.host/")).toBeNull();
  });
});
