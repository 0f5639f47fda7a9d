import { describe, expect, it } from "vitest";
import { createBatcher } from "../src/batcher.ts";

describe("createBatcher", () => {
  it("flushes when the batch is full and settles every caller with its batch", async () => {
    const flushed: number[][] = [];
    const batcher = createBatcher<number>({
      maxSize: 3,
      maxWaitMs: 10_000,
      flush: async (items) => void flushed.push(items),
    });
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.add(n)));
    expect(flushed).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("flushes a partial batch after maxWaitMs", async () => {
    const flushed: number[][] = [];
    const batcher = createBatcher<number>({
      maxSize: 100,
      maxWaitMs: 20,
      flush: async (items) => void flushed.push(items),
    });
    await batcher.add(7);
    expect(flushed).toEqual([[7]]);
  });

  it("rejects every caller of a batch whose flush fails, and keeps working", async () => {
    let fail = true;
    const batcher = createBatcher<number>({
      maxSize: 2,
      maxWaitMs: 5,
      flush: async () => {
        if (fail) throw new Error("database down");
      },
    });
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(batcher.add(3)).resolves.toBeUndefined();
  });

  it("when a batch fails, writes its items one by one so only the bad one fails", async () => {
    const written: number[][] = [];
    const batcher = createBatcher<number>({
      maxSize: 3,
      maxWaitMs: 10_000,
      flush: async (items) => {
        if (items.includes(13)) throw new Error("violates check constraint");
        written.push(items);
      },
    });
    const results = await Promise.allSettled([batcher.add(12), batcher.add(13), batcher.add(14)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(written).toEqual([[12], [14]]);
  });
});
