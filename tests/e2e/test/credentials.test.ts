import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../src/index.ts";

/** Every string value under the harness's queue prefix in Redis (job data, results, reasons). */
async function redisText(harness: Harness): Promise<string> {
  const keys = await harness.redis.keys(`${harness.prefix}*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await harness.redis.type(key);
    if (type === "string") parts.push((await harness.redis.get(key)) ?? "");
    if (type === "hash") parts.push(JSON.stringify(await harness.redis.hgetall(key)));
    if (type === "list") parts.push(JSON.stringify(await harness.redis.lrange(key, 0, -1)));
    if (type === "zset") parts.push(JSON.stringify(await harness.redis.zrange(key, 0, -1)));
    if (type === "set") parts.push(JSON.stringify(await harness.redis.smembers(key)));
  }
  return parts.join("\n");
}

async function databaseText(harness: Harness): Promise<string> {
  const rows = await harness.database.db.execute(
    sql`select (select coalesce(json_agg(r), '[]') from pipeline_runs r)::text || (select coalesce(json_agg(f), '[]') from run_failures f)::text as text`,
  );
  return String(rows.rows[0]?.text ?? "");
}

async function withHarness(options: Parameters<typeof startHarness>[0], body: (h: Harness) => Promise<void>) {
  const harness = await startHarness(options);
  try {
    await body(harness);
  } finally {
    await harness.close();
  }
}

describe("credentials", () => {
  it("a bad TMDB key stops the run early, names the variable, and the key is stored nowhere", async () => {
    const badKey = "bad-tmdb-key-5f1e9c";
    await withHarness({ catalogSize: 60, tmdbApiKey: badKey }, async (harness) => {
      const summary = await harness.waitForRun(await harness.start(), 20_000);
      expect(summary.status).toBe("failed");
      expect(summary.error).toBe("TMDB rejected the credentials in TMDB_API_KEY");
      expect(summary.series.loaded).toBe(0);
      expect(await redisText(harness)).not.toContain(badKey);
      expect(await databaseText(harness)).not.toContain(badKey);
    });
  });

  it("a bad OMDb key fails the run with a message naming OMDB_API_KEY", async () => {
    const badKey = "badomdb1";
    await withHarness({ catalogSize: 60, omdbApiKey: badKey }, async (harness) => {
      const summary = await harness.waitForRun(await harness.start(), 20_000);
      expect(summary.status).toBe("failed");
      expect(summary.error).toBe("OMDb rejected the key in OMDB_API_KEY");
      expect(await redisText(harness)).not.toContain(badKey);
      expect(await databaseText(harness)).not.toContain(badKey);
    });
  });

  it("a successful run leaves no API key in job data, results or the database", async () => {
    await withHarness({ catalogSize: 40 }, async (harness) => {
      const summary = await harness.waitForRun(await harness.start(), 20_000);
      expect(summary.status).toBe("succeeded");
      const stored = `${await redisText(harness)}\n${await databaseText(harness)}`;
      expect(stored).toContain(summary.id); // the scan does see the run's data
      for (const secret of ["sandbox-tmdb-key", "sandboxk"]) expect(stored).not.toContain(secret);
    });
  });
});
