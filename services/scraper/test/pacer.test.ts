import { createRedis } from "@tvr/queues";
import { createTestQueuePrefix, TEST_REDIS_URL } from "@tvr/testing";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPacer } from "../src/pacer.ts";
import { maxInWindow } from "./helpers.ts";

/** Three "processes" (a pacer and connection each) taking slots for one site at once. */
const LIMIT = 10;
const PROCESSES = 3;
const queuePrefix = createTestQueuePrefix("pacer");
const connections: Redis[] = [];

beforeAll(async () => {
  for (let index = 0; index < PROCESSES; index++) {
    const connection = createRedis(TEST_REDIS_URL, "producer");
    await new Promise((resolve) => connection.once("ready", resolve));
    connections.push(connection);
  }
});

afterAll(async () => {
  await queuePrefix.cleanup();
  for (const connection of connections) connection.disconnect();
});

async function takeSlots(perProcess: number, inFlight: number): Promise<number[]> {
  const granted: number[] = [];
  await Promise.all(
    connections.map(async (connection) => {
      const pace = createPacer(connection, queuePrefix.prefix, { rt: LIMIT, mc: LIMIT });
      let left = perProcess;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (left-- > 0) {
            await pace("rt");
            granted.push(Date.now());
          }
        }),
      );
    }),
  );
  return granted.sort((a, b) => a - b);
}

describe("pacer", () => {
  it("grants no more than the limit in any second across processes, and keeps up with it", async () => {
    const granted = await takeSlots(10, 4);
    expect(granted).toHaveLength(30);
    expect(maxInWindow(granted, 1_000)).toBeLessThanOrEqual(LIMIT);
    // 30 slots at 10/s: the first 10 at once (half an interval apart), then 10 per window.
    const span = (granted.at(-1) as number) - (granted[0] as number);
    expect(span).toBeGreaterThanOrEqual(2_000);
    expect(span).toBeLessThan(4_000);
  });

  it("lets a site's slots be made up for after a quiet moment, at most twice the rate", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const granted = await takeSlots(2, 2);
    // Six slots at least half an interval apart on Redis' clock: five such gaps (less a little
    // for when each answer got here), yet under the five full intervals fixed spacing would take.
    const span = (granted.at(-1) as number) - (granted[0] as number);
    expect(span).toBeGreaterThanOrEqual(5 * (500 / LIMIT) - 30);
    expect(span).toBeLessThan(5 * (1000 / LIMIT));
  });

  // 300 ms: the slot is still in the window when its request leaves; 2,500 ms: it has expired.
  it.each([300, 2_500])(
    "counts a slot from when its request was sent (%i ms after the grant)",
    async (delayMs) => {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const [connection] = connections;
      if (!connection) throw new Error("no connection");
      const pace = createPacer(connection, queuePrefix.prefix, { rt: LIMIT, mc: LIMIT });
      const late = await pace("rt");
      // The request leaves a while after its slot (a new connection, a busy process).
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      late.sent();
      const sentAt = Date.now();
      const next: number[] = [];
      for (let index = 0; index < LIMIT; index++) {
        await pace("rt");
        next.push(Date.now());
      }
      // The limit-th slot after it waits for a full window after the send; counted from the
      // grant, it would have come `delayMs` earlier.
      expect(next.at(-1) as number).toBeGreaterThanOrEqual(sentAt - 5 + 1_000);
    },
  );
});
