import { createRedis } from "@tvr/queues";
import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readQueueFigures } from "../src/metrics.ts";

describe("queue figures of a queue paused through BullMQ", () => {
  const prefix = createTestQueuePrefix("figures");
  const redis = createRedis(TEST_REDIS_URL, "producer");
  const queue = new Queue("scrape-rt", { connection: redis, prefix: prefix.prefix });

  beforeAll(async () => {
    await queue.add("scrape", { n: 1 }, { timestamp: Date.now() - 60_000 });
    await queue.pause();
    await queue.add("scrape", { n: 2 });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await prefix.cleanup();
  });

  it("counts the held jobs as paused and ages the oldest of them", async () => {
    const figures = await readQueueFigures(queue, new Date());
    expect(figures.counts.paused).toBe(2);
    expect(figures.counts.waiting).toBe(0);
    expect(figures.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(59);
    expect(figures.oldestWaitingAgeSeconds).toBeLessThan(120);
  });

  it("counts them as waiting again once the queue resumes", async () => {
    await queue.resume();
    const figures = await readQueueFigures(queue, new Date());
    expect(figures.counts).toMatchObject({ waiting: 2, paused: 0 });
    expect(figures.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(59);
  });
});

describe("queue figures of prioritized jobs (the scrape queues')", () => {
  const prefix = createTestQueuePrefix("figures-prio");
  const redis = createRedis(TEST_REDIS_URL, "producer");
  const queue = new Queue("scrape-mc", { connection: redis, prefix: prefix.prefix });

  beforeAll(async () => {
    await queue.add("scrape", { n: 1 }, { timestamp: Date.now() - 90_000, priority: 10 });
    await queue.add("scrape", { n: 2 }, { priority: 10 });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await prefix.cleanup();
  });

  it("counts them as prioritized and ages the next one, which nothing took", async () => {
    const figures = await readQueueFigures(queue, new Date());
    expect(figures.counts).toMatchObject({ prioritized: 2, waiting: 0 });
    expect(figures.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(figures.oldestWaitingAgeSeconds).toBeLessThan(150);
  });
});
